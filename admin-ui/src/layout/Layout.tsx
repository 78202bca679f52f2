import type { ReactNode } from 'react';
import { Layout as RaLayout, usePermissions } from 'react-admin';
import { useLiveUpdates } from '../providers/liveUpdates';
import { canWorkOnCases } from '../roles';
import { AppBar } from './AppBar';
import { Menu } from './Menu';

/** One live connection for the whole app, opened only for the roles that see cases. */
export const Layout = ({ children }: { children: ReactNode }) => {
  const { permissions } = usePermissions();
  useLiveUpdates(canWorkOnCases(permissions));
  return (
    <RaLayout appBar={AppBar} menu={Menu}>
      {children}
    </RaLayout>
  );
};
