import PeopleIcon from '@mui/icons-material/People';
import type { ResourceProps } from 'react-admin';
import { StaffUserCreate } from './StaffUserCreate';
import { StaffUserEdit } from './StaffUserEdit';
import { StaffUserList } from './StaffUserList';

export const staffUsers: ResourceProps = {
  name: 'staff-users',
  list: StaffUserList,
  create: StaffUserCreate,
  edit: StaffUserEdit,
  icon: PeopleIcon,
  recordRepresentation: 'displayName',
};
