import { Edit, Labeled, SaveButton, SimpleForm, TextField, Toolbar } from 'react-admin';
import { PartnerFormFields } from './PartnerFormFields';

// The API offers no delete: a partner that no longer takes referrals is made inactive.
const SaveOnlyToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

// Pessimistic, so a refused change never looks saved.
export const PartnerEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm toolbar={<SaveOnlyToolbar />}>
      <Labeled>
        <TextField source="id" />
      </Labeled>
      <PartnerFormFields />
    </SimpleForm>
  </Edit>
);
