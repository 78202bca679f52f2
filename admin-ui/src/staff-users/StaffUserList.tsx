import { DataTable, List, NullableBooleanInput, SearchInput, SelectField, SelectInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { roleChoices } from '../roles';
import { StaffUserStatusField } from './StaffUserStatusField';

const staffUserFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <NullableBooleanInput
    key="disabled"
    source="disabled"
    label="resources.staff-users.fields.status"
    falseLabel="yorisoi.status.active"
    trueLabel="yorisoi.status.disabled"
  />,
];

// Export is left out: the API pages at most 200 rows, and staff data should not leave the system casually.
export const StaffUserList = () => (
  <List filters={staffUserFilters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="displayName" />
      <DataTable.Col source="email" />
      <DataTable.Col source="role">
        <SelectField source="role" choices={roleChoices} />
      </DataTable.Col>
      <DataTable.Col source="status" disableSort>
        <StaffUserStatusField />
      </DataTable.Col>
      <DataTable.Col source="lastLoginAt" field={DateTimeField} />
      <DataTable.Col source="createdAt" field={DateTimeField} />
    </DataTable>
  </List>
);
