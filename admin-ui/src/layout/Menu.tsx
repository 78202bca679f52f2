import { Menu as RaMenu, usePermissions, useResourceDefinitions } from 'react-admin';
import { canWorkOnCases } from '../roles';

/**
 * Case workers land on the queue and officials on the reports, so a role with screens has no home
 * item; a role without any (partners, for now) has only home.
 */
export const Menu = () => {
  const { permissions } = usePermissions();
  const resources = useResourceDefinitions();
  const hasScreens = canWorkOnCases(permissions) || Object.keys(resources).length > 0;
  return <RaMenu>{hasScreens ? <RaMenu.ResourceItems /> : <RaMenu.DashboardItem />}</RaMenu>;
};
