import { CreateButton, DataTable, DateField, List, SelectInput, TextInput, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import type { CannedReply } from './types';
import { REPLY_LANGUAGES } from './types';

const languageChoices = REPLY_LANGUAGES.map((id) => ({ id, name: `yorisoi.language.${id}` }));
const filters = [<TextInput key="q" source="q" alwaysOn />, <SelectInput key="language" source="language" choices={languageChoices} alwaysOn />];

const LanguageName = () => {
  const record = useRecordContext<CannedReply>();
  const translate = useTranslate();
  return record ? <>{translate(`yorisoi.language.${record.language}`, { _: record.language })}</> : null;
};

/** 定型文の管理 (supervisors and admins): staff insert these from the reply box. */
export const CannedReplyList = () => (
  <List filters={filters} exporter={false} actions={<TopToolbar><CreateButton /></TopToolbar>}>
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="title" />
      <DataTable.Col source="language">
        <LanguageName />
      </DataTable.Col>
      <DataTable.Col source="text" disableSort />
      <DataTable.Col source="updatedAt">
        <DateField source="updatedAt" showTime />
      </DataTable.Col>
    </DataTable>
  </List>
);
