import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import type { ResourceProps } from 'react-admin';
import { QueueList } from './QueueList';

/** Rows are consultations waiting for a person; opening one goes to the consultations resource. */
export const queue: ResourceProps = {
  name: 'queue',
  list: QueueList,
  icon: NotificationsActiveIcon,
  recordRepresentation: 'residentCode',
};
