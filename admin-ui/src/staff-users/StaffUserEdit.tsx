import {
  BooleanInput,
  Button,
  Edit,
  Labeled,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
  TopToolbar,
  maxLength,
  required,
  useCreatePath,
  useRecordContext,
} from 'react-admin';
import HistoryIcon from '@mui/icons-material/History';
import { Stack } from '@mui/material';
import { DateTimeField } from '../common/DateTimeField';
import { roleChoices } from '../roles';
import { PartnerIdInput } from './PartnerIdInput';
import { ResetPasswordButton } from './ResetPasswordButton';

const validateDisplayName = [required(), maxLength(100)];

const AuditTrailButton = () => {
  const record = useRecordContext();
  const createPath = useCreatePath();
  if (!record) return null;
  const search = '?' + new URLSearchParams({ filter: JSON.stringify({ actorId: record.id }) }).toString();
  return (
    <Button to={{ pathname: createPath({ resource: 'audit-log', type: 'list' }), search }} label="yorisoi.staffUsers.auditTrail">
      <HistoryIcon />
    </Button>
  );
};

const StaffUserEditActions = () => (
  <TopToolbar>
    <AuditTrailButton />
    <ResetPasswordButton />
  </TopToolbar>
);

// The API offers no delete: staff accounts are disabled instead.
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

// Pessimistic, so a refused change (e.g. an admin disabling themselves) never looks saved.
export const StaffUserEdit = () => (
  <Edit mutationMode="pessimistic" actions={<StaffUserEditActions />}>
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <Labeled>
        <TextField source="email" />
      </Labeled>
      <TextInput source="displayName" validate={validateDisplayName} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <PartnerIdInput />
      <BooleanInput source="disabled" helperText="yorisoi.staffUsers.disabledHelp" />
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Labeled>
          <DateTimeField source="lastLoginAt" />
        </Labeled>
        <Labeled>
          <DateTimeField source="lockedUntil" />
        </Labeled>
        <Labeled>
          <DateTimeField source="createdAt" />
        </Labeled>
      </Stack>
    </SimpleForm>
  </Edit>
);
