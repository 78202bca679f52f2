import { DataTable, List, NumberField, SearchInput, SelectInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { ResidentCodeField } from './ResidentCodeField';
import { residentStatusChoices, ResidentStatusField } from './ResidentStatusField';
import type { Resident } from './types';

const residentFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={residentStatusChoices} alwaysOn />,
];

/** 相談者: pseudonymous codes only; the LINE user id never reaches this screen. */
export const ResidentList = () => (
  <List filters={residentFilters} exporter={false}>
    <DataTable<Resident> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="code">
        <ResidentCodeField />
      </DataTable.Col>
      <DataTable.Col source="status" disableSort>
        <ResidentStatusField />
      </DataTable.Col>
      <DataTable.Col source="followedAt" field={DateTimeField} />
      <DataTable.Col source="consultationCount" disableSort>
        <NumberField source="consultationCount" />
      </DataTable.Col>
      <DataTable.Col source="lastConsultationAt" field={DateTimeField} />
    </DataTable>
  </List>
);
