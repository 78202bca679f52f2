import { Menu as RaMenu, usePermissions } from 'react-admin';
import { canWorkOnCases } from '../roles';

/** Case workers land on the queue, so their menu has no home item; other roles have only home for now. */
export const Menu = () => {
  const { permissions } = usePermissions();
  return <RaMenu>{canWorkOnCases(permissions) ? <RaMenu.ResourceItems /> : <RaMenu.DashboardItem />}</RaMenu>;
};
