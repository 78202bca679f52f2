import { Chip } from '@mui/material';
import { BooleanInput, DataTable, DateField, List, SelectInput, useRecordContext, useTranslate } from 'react-admin';
import { PartnerFilter } from './PartnerFilter';
import { STAFF_REFERRAL_STATUSES, type CaseReferral } from './types';

type ListedReferral = CaseReferral & { residentCode: string; contactDueAt: string | null };

const statusChoices = STAFF_REFERRAL_STATUSES.map((id) => ({ id, name: `yorisoi.referral.status.${id}` }));
// A switch turned off means "no filter", not "only referrals on time".
const onOnly = { format: (value: unknown) => value === true, parse: (value: boolean) => (value ? true : undefined) };

const filters = [
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <PartnerFilter key="partnerId" source="partnerId" alwaysOn />,
  <BooleanInput key="overdue" source="overdue" alwaysOn {...onOnly} />,
];

const StatusChips = () => {
  const record = useRecordContext<ListedReferral>();
  const translate = useTranslate();
  if (!record) return null;
  const overdue = record.overdue.length > 0 && ['sent', 'acknowledged', 'accepted'].includes(record.status);
  return (
    <>
      <Chip size="small" label={translate(`yorisoi.referral.status.${record.status}`, { _: record.status })} />
      {overdue && <Chip size="small" color="error" variant="outlined" sx={{ ml: 0.5 }} label={translate('yorisoi.referral.overdue')} />}
    </>
  );
};

/** 紹介一覧 across the cases the staff member may see (GET /api/referrals); a row opens its case. */
export const AllReferralsList = () => (
  <List filters={filters} exporter={false} sort={{ field: 'createdAt', order: 'DESC' }}>
    <DataTable rowClick={(_id, _resource, record) => `/consultations/${encodeURIComponent(String(record.consultationId))}/show`} bulkActionButtons={false}>
      <DataTable.Col source="residentCode" disableSort />
      <DataTable.Col source="partnerName" disableSort />
      <DataTable.Col source="status" disableSort>
        <StatusChips />
      </DataTable.Col>
      <DataTable.Col source="reason" disableSort />
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="contactDueAt">
        <DateField source="contactDueAt" showTime emptyText="—" />
      </DataTable.Col>
    </DataTable>
  </List>
);
