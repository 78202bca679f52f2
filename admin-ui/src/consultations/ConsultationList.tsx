import { BooleanField, DataTable, List, type Identifier } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { RiskLevelField } from '../common/RiskLevelChip';
import { consultationFilters } from './consultationFilters';
import { ConsultationLinkField } from './ConsultationLinkField';
import { ConsultationStatusField } from './ConsultationStatusField';
import type { ConsultationListItem } from './types';

const openConsultation = (id: Identifier) => `/consultations/${encodeURIComponent(String(id))}/show`;

/** 相談一覧: filtered, sorted and paged by the API. */
export const ConsultationList = () => (
  <List filters={consultationFilters} sort={{ field: 'lastMessageAt', order: 'DESC' }} exporter={false}>
    <DataTable<ConsultationListItem> rowClick={openConsultation} bulkActionButtons={false}>
      <DataTable.Col source="residentCode" disableSort>
        <ConsultationLinkField />
      </DataTable.Col>
      <DataTable.Col source="status" disableSort>
        <ConsultationStatusField />
      </DataTable.Col>
      <DataTable.Col source="highestRiskLevel">
        <RiskLevelField source="highestRiskLevel" />
      </DataTable.Col>
      <DataTable.Col source="assignedStaffName" disableSort />
      <DataTable.Col source="openedAt" field={DateTimeField} />
      <DataTable.Col source="lastMessageAt" field={DateTimeField} />
      <DataTable.Col source="waitingSince" field={DateTimeField} />
      <DataTable.NumberCol source="messageCount" disableSort />
      <DataTable.Col source="staffInvolved" disableSort>
        <BooleanField source="staffInvolved" />
      </DataTable.Col>
    </DataTable>
  </List>
);
