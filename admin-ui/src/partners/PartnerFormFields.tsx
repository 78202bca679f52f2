import { Typography } from '@mui/material';
import { ArrayInput, BooleanInput, SimpleFormIterator, TextArrayInput, TextInput, email, maxLength, regex, required, useTranslate } from 'react-admin';

// The same limits as the API (api/partners/partner-routes.ts).
export const validateId = [required(), regex(/^[a-z0-9][a-z0-9-]*$/, 'yorisoi.partners.idFormat'), maxLength(100)];
const validateName = [required(), maxLength(100)];
const validateEmail = [required(), email()];
const validateShort = [maxLength(100)];

/** What a partner organisation is edited with, on create and edit: the organisation, its services and its locations. */
export const PartnerFormFields = () => {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="name" validate={validateName} />
      <TextInput source="description" multiline minRows={2} validate={[maxLength(2000)]} />
      <TextInput source="email" type="email" validate={validateEmail} />
      <TextInput source="phone" validate={[maxLength(20)]} />
      <TextInput source="url" type="url" />
      <BooleanInput source="active" helperText="yorisoi.partners.activeHelp" />

      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {translate('resources.partners.fields.services')}
      </Typography>
      <ArrayInput source="services" label={false}>
        <SimpleFormIterator inline disableReordering>
          <TextInput source="name" validate={validateName} helperText={false} />
          <TextArrayInput source="topics" helperText="yorisoi.partners.topicsHelp" />
        </SimpleFormIterator>
      </ArrayInput>

      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {translate('resources.partners.fields.locations')}
      </Typography>
      <ArrayInput source="locations" label={false}>
        <SimpleFormIterator inline disableReordering>
          <TextInput source="name" validate={validateName} helperText={false} />
          <TextInput source="area" validate={validateShort} helperText={false} />
          <TextInput source="hours" validate={validateShort} helperText={false} />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
};
