import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { RESIDENT_STATUSES, type Resident } from './types';

export const residentStatusChoices = RESIDENT_STATUSES.map((id) => ({ id, name: `yorisoi.residentStatus.${id}` }));

export const ResidentStatusField = () => {
  const record = useRecordContext<Resident>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant={record.status === 'active' ? 'outlined' : 'filled'}
      label={translate(`yorisoi.residentStatus.${record.status}`, { _: record.status })}
    />
  );
};
