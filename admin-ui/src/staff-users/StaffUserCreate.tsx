import { Create, PasswordInput, SelectInput, SimpleForm, TextInput, email, maxLength, minLength, required } from 'react-admin';
import { roleChoices } from '../roles';
import { PartnerIdInput } from './PartnerIdInput';

// Same limits as the API (api/staff-users/staff-user-routes.ts).
const validateEmail = [required(), email(), maxLength(320)];
const validateDisplayName = [required(), maxLength(100)];
const validatePassword = [required(), minLength(12), maxLength(1024)];

interface StaffUserDraft {
  email: string;
  displayName: string;
  role: string;
  partnerId?: string | null;
  password: string;
}

const withoutUnusedPartner = ({ partnerId, ...draft }: StaffUserDraft) => (draft.role === 'partner' ? { ...draft, partnerId } : draft);

export const StaffUserCreate = () => (
  <Create redirect="list" transform={withoutUnusedPartner}>
    <SimpleForm>
      <TextInput source="email" type="email" validate={validateEmail} autoComplete="off" />
      <TextInput source="displayName" validate={validateDisplayName} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <PartnerIdInput />
      <PasswordInput source="password" validate={validatePassword} autoComplete="new-password" helperText="yorisoi.staffUsers.passwordHelp" />
    </SimpleForm>
  </Create>
);
