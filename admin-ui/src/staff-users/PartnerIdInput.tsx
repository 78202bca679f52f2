import { FormDataConsumer, TextInput, maxLength, required } from 'react-admin';

const validatePartnerId = [required(), maxLength(100)];

/** Shown only for the partner role, which must name its partner organisation. */
export const PartnerIdInput = () => (
  <FormDataConsumer<{ role?: string }>>
    {({ formData }) =>
      formData.role === 'partner' && (
        <TextInput source="partnerId" validate={validatePartnerId} helperText="yorisoi.staffUsers.partnerIdHelp" />
      )
    }
  </FormDataConsumer>
);
