import type { ReactNode } from 'react';
import { Layout as RaLayout, usePermissions } from 'react-admin';
import { PinnedAlerts } from '../alerts';
import { useLiveUpdates } from '../providers/liveUpdates';
import { canWorkOnCases } from '../roles';
import { AppBar } from './AppBar';
import { Menu } from './Menu';

/**
 * One live connection for the whole app, opened only for the roles that see cases; for them,
 * unacknowledged crisis alerts are pinned above every screen.
 */
export const Layout = ({ children }: { children: ReactNode }) => {
  const { permissions } = usePermissions();
  const worksOnCases = canWorkOnCases(permissions);
  useLiveUpdates(worksOnCases);
  return (
    <RaLayout appBar={AppBar} menu={Menu}>
      {worksOnCases && <PinnedAlerts />}
      {children}
    </RaLayout>
  );
};
