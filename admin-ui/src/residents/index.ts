import PersonOutlinedIcon from '@mui/icons-material/PersonOutlined';
import type { ResourceProps } from 'react-admin';
import { ResidentList } from './ResidentList';
import { ResidentShow } from './ResidentShow';

export const residents: ResourceProps = {
  name: 'residents',
  list: ResidentList,
  show: ResidentShow,
  icon: PersonOutlinedIcon,
  recordRepresentation: 'code',
};
