import { AppBar as RaAppBar, LoadingIndicator, LocalesMenuButton, usePermissions } from 'react-admin';
import { AlertSignalSwitch } from '../alerts';
import { canWorkOnCases } from '../roles';
import { AvailabilitySwitch } from './AvailabilitySwitch';

/** react-admin's app bar, with the availability switch for those who take cases. */
export const AppBar = () => {
  const { permissions } = usePermissions();
  return (
    <RaAppBar
      toolbar={
        <>
          {canWorkOnCases(permissions) && <AvailabilitySwitch />}
          {canWorkOnCases(permissions) && <AlertSignalSwitch />}
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    />
  );
};
