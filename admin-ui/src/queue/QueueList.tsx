import type { SxProps } from '@mui/material';
import { DataTable, List, type Identifier } from 'react-admin';
import { ConsultationLinkField } from '../consultations/ConsultationLinkField';
import { AvailabilityHint } from './AvailabilityHint';
import { OfferedToField } from './OfferedToField';
import { QueueClaimButton } from './QueueClaimButton';
import { QueueEmpty } from './QueueEmpty';
import { QueueRiskField } from './QueueRiskField';
import { RequestReasonField } from './RequestReasonField';
import type { QueueItem } from './types';
import { WaitingTimeField } from './WaitingTimeField';
import { LastMessageField } from './LastMessageField';
import { LanguageField } from './LanguageField';

const urgentRow = (record: QueueItem): SxProps =>
  record.urgent ? { bgcolor: '#fdf0ef', '& > td:first-of-type': { boxShadow: 'inset 4px 0 0 #c62828' } } : {};

const openConsultation = (id: Identifier) => `/consultations/${encodeURIComponent(String(id))}/show`;

/**
 * いま対応が必要: the API ranks the cases (urgent and risk first, then the longest wait), so no
 * column sorts and nothing pages. Live events refetch it (see providers/liveUpdates.ts).
 */
export const QueueList = () => (
  <List pagination={false} exporter={false} actions={false} empty={false} disableSyncWithLocation storeKey={false}>
    <AvailabilityHint />
    <DataTable<QueueItem> rowClick={openConsultation} rowSx={urgentRow} bulkActionButtons={false} empty={<QueueEmpty />}>
      <DataTable.Col source="highestRiskLevel" disableSort>
        <QueueRiskField />
      </DataTable.Col>
      <DataTable.Col source="residentCode" disableSort>
        <ConsultationLinkField />
      </DataTable.Col>
      <DataTable.Col source="waitingSince" disableSort>
        <WaitingTimeField />
      </DataTable.Col>
      <DataTable.Col source="lastMessage" disableSort>
        <LastMessageField />
      </DataTable.Col>
      <DataTable.Col source="language" disableSort>
        <LanguageField />
      </DataTable.Col>
      <DataTable.Col source="requestReason" disableSort>
        <RequestReasonField />
      </DataTable.Col>
      <DataTable.Col source="offeredToName" disableSort>
        <OfferedToField />
      </DataTable.Col>
      <DataTable.Col label={false} disableSort>
        <QueueClaimButton />
      </DataTable.Col>
    </DataTable>
  </List>
);
