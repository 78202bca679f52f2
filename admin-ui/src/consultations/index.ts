import ForumIcon from '@mui/icons-material/Forum';
import type { ResourceProps } from 'react-admin';
import { ConsultationList } from './ConsultationList';
import { ConsultationShow } from './ConsultationShow';

export const consultations: ResourceProps = {
  name: 'consultations',
  list: ConsultationList,
  show: ConsultationShow,
  icon: ForumIcon,
  recordRepresentation: 'residentCode',
};
