import { Chip, Stack } from '@mui/material';
import { BooleanField, CreateButton, DataTable, List, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import type { Partner } from './types';

const ServiceNames = () => {
  const record = useRecordContext<Partner>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.services.map((s) => (
        <Chip key={s.id} size="small" label={s.name} />
      ))}
    </Stack>
  );
};

const LocationLines = () => {
  const record = useRecordContext<Partner>();
  if (!record) return null;
  return <>{record.locations.map((l) => [l.name, l.hours].filter(Boolean).join('・')).join(' / ')}</>;
};

const SourceField = () => {
  const record = useRecordContext<Partner>();
  const translate = useTranslate();
  if (!record) return null;
  return <>{translate(`yorisoi.partners.source.${record.source}`, { _: record.source })}</>;
};

// The API answers the whole directory (a city has tens of partners, not thousands): no paging or filters.
export const PartnerList = () => (
  <List pagination={false} exporter={false} actions={<TopToolbar><CreateButton /></TopToolbar>}>
    <DataTable rowClick="edit" bulkActionButtons={false}>
      <DataTable.Col source="name" disableSort />
      <DataTable.Col source="services" disableSort>
        <ServiceNames />
      </DataTable.Col>
      <DataTable.Col source="locations" disableSort>
        <LocationLines />
      </DataTable.Col>
      <DataTable.Col source="email" disableSort />
      <DataTable.Col source="active" disableSort>
        <BooleanField source="active" />
      </DataTable.Col>
      <DataTable.Col source="source" disableSort>
        <SourceField />
      </DataTable.Col>
    </DataTable>
  </List>
);
