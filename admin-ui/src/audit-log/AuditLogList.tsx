import { DataTable, List, SelectInput, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';

// Actions the API records today; the filter matches the code exactly.
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login-failed',
  'auth.login-locked',
  'auth.locked',
  'auth.logout',
  'staff-user.create',
  'staff-user.update',
  'staff-user.reset-password',
];
const actionChoices = KNOWN_ACTIONS.map((action) => ({ id: action, name: `yorisoi.audit.actions.${action}` }));

const auditLogFilters = [<SelectInput key="action" source="action" choices={actionChoices} alwaysOn />, <TextInput key="actorId" source="actorId" />];

/** The translated action, or its code for actions added after this screen. */
const ActionField = () => {
  const record = useRecordContext<{ action: string }>();
  const translate = useTranslate();
  if (!record) return null;
  return <span title={record.action}>{translate(`yorisoi.audit.actions.${record.action}`, { _: record.action })}</span>;
};

const DetailsField = () => {
  const record = useRecordContext<{ details: Record<string, unknown> | null }>();
  if (!record?.details || Object.keys(record.details).length === 0) return null;
  return <code>{JSON.stringify(record.details)}</code>;
};

export const AuditLogList = () => (
  <List filters={auditLogFilters} sort={{ field: 'at', order: 'DESC' }} exporter={false}>
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="at" field={DateTimeField} />
      <DataTable.Col source="actorEmail" disableSort />
      <DataTable.Col source="action">
        <ActionField />
      </DataTable.Col>
      <DataTable.Col source="targetType" disableSort />
      <DataTable.Col source="targetId" disableSort />
      <DataTable.Col source="details" disableSort>
        <DetailsField />
      </DataTable.Col>
    </DataTable>
  </List>
);
