import { ArrayField, DataTable, Labeled, ResourceContextProvider, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import { Stack } from '@mui/material';
import { DateTimeField } from '../common/DateTimeField';
import { RiskLevelField } from '../common/RiskLevelChip';
import { ConsultationLinkField } from '../consultations/ConsultationLinkField';
import { ConsultationStatusField } from '../consultations/ConsultationStatusField';
import { ResidentStatusField } from './ResidentStatusField';

const openConsultation = (id: Identifier) => `/consultations/${encodeURIComponent(String(id))}/show`;

/** The pseudonymous code, never the database id. */
const ResidentTitle = () => {
  const record = useRecordContext<{ code: string }>();
  const translate = useTranslate();
  return <>{`${translate('resources.residents.name', { smart_count: 1 })} ${record?.code ?? ''}`}</>;
};

/** A resident and every consultation they had, newest first as the API lists them. */
export const ResidentShow = () => (
  <Show title={<ResidentTitle />}>
    <SimpleShowLayout>
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Labeled>
          <TextField source="code" />
        </Labeled>
        <Labeled source="status">
          <ResidentStatusField />
        </Labeled>
        <Labeled>
          <DateTimeField source="followedAt" />
        </Labeled>
        <Labeled>
          <DateTimeField source="lastConsultationAt" />
        </Labeled>
      </Stack>
      <ArrayField source="consultations">
        {/* Field labels come from the consultations resource. */}
        <ResourceContextProvider value="consultations">
          <DataTable rowClick={openConsultation} bulkActionButtons={false}>
            <DataTable.Col source="residentCode" disableSort>
              <ConsultationLinkField />
            </DataTable.Col>
            <DataTable.Col source="status" disableSort>
              <ConsultationStatusField />
            </DataTable.Col>
            <DataTable.Col source="highestRiskLevel" disableSort>
              <RiskLevelField source="highestRiskLevel" />
            </DataTable.Col>
            <DataTable.Col source="assignedStaffName" disableSort />
            <DataTable.Col source="openedAt" field={DateTimeField} disableSort />
            <DataTable.Col source="closedAt" field={DateTimeField} disableSort />
            <DataTable.NumberCol source="messageCount" disableSort />
          </DataTable>
        </ResourceContextProvider>
      </ArrayField>
    </SimpleShowLayout>
  </Show>
);
