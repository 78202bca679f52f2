import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { ConsultationStatus } from './types';

const ACTIVE: ConsultationStatus[] = ['waiting_for_staff', 'with_staff'];

export const ConsultationStatusChip = ({ status }: { status: ConsultationStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant={ACTIVE.includes(status) ? 'filled' : 'outlined'}
      color={status === 'waiting_for_staff' ? 'warning' : status === 'with_staff' ? 'primary' : 'default'}
      label={translate(`yorisoi.consultationStatus.${status}`, { _: status })}
    />
  );
};

export const ConsultationStatusField = () => {
  const record = useRecordContext<{ status: ConsultationStatus }>();
  return record ? <ConsultationStatusChip status={record.status} /> : null;
};
