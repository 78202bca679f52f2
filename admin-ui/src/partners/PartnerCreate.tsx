import { Create, SimpleForm, TextInput } from 'react-admin';
import { PartnerFormFields, validateId } from './PartnerFormFields';

export const PartnerCreate = () => (
  <Create redirect="list">
    <SimpleForm defaultValues={{ active: true, services: [], locations: [] }}>
      <TextInput source="id" validate={validateId} helperText="yorisoi.partners.idHelp" />
      <PartnerFormFields />
    </SimpleForm>
  </Create>
);
