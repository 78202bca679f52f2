import { required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { REPLY_LANGUAGES } from './types';

// The queue's language names (yorisoi.language.*) label the choices.
const languageChoices = REPLY_LANGUAGES.map((id) => ({ id, name: `yorisoi.language.${id}` }));

export const CannedReplyForm = () => (
  <SimpleForm defaultValues={{ language: 'ja' }}>
    <TextInput source="title" validate={required()} />
    <SelectInput source="language" choices={languageChoices} validate={required()} />
    <TextInput source="text" validate={required()} multiline minRows={4} fullWidth helperText="workbench.cannedReplies.placeholderHelp" />
  </SimpleForm>
);
