import ShortTextIcon from '@mui/icons-material/ShortText';
import { Create, Edit, type ResourceProps } from 'react-admin';
import { CannedReplyForm } from './CannedReplyForm';
import { CannedReplyList } from './CannedReplyList';

/** Who keeps the canned replies: admins and supervisors, as in api/canned-replies/canned-reply-routes.ts. */
export const canManageCannedReplies = (role: unknown): boolean => role === 'admin' || role === 'supervisor';

const CannedReplyCreate = () => (
  <Create redirect="list">
    <CannedReplyForm />
  </Create>
);

// Pessimistic, so a refused change (an unknown placeholder) never looks saved.
const CannedReplyEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <CannedReplyForm />
  </Edit>
);

export const cannedReplies: ResourceProps = {
  name: 'canned-replies',
  list: CannedReplyList,
  create: CannedReplyCreate,
  edit: CannedReplyEdit,
  icon: ShortTextIcon,
  recordRepresentation: 'title',
};
