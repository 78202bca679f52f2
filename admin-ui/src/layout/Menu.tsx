import { Menu as RaMenu, usePermissions, useResourceDefinitions } from 'react-admin';
import { canWorkOnCases } from '../roles';
import { DevMailsMenuItem } from '../dev-mails/DevMailsMenuItem';

/**
 * Case workers land on the queue and officials on the reports: a role with screens gets them in the
 * menu and no home item; a role without any has only home.
 */
export const Menu = () => {
  const { permissions } = usePermissions();
  const resources = useResourceDefinitions();
  const hasScreens = canWorkOnCases(permissions) || Object.keys(resources).length > 0;
  return (
    <RaMenu>
      {hasScreens ? <RaMenu.ResourceItems /> : <RaMenu.DashboardItem />}
      <DevMailsMenuItem />
    </RaMenu>
  );
};
