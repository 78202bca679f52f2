import Chip from '@mui/material/Chip';
import { useRecordContext } from 'react-admin';
import { STATUS_LABELS, type Referral } from './types';

export const ReferralStatusField = (_props: { label?: string }) => {
  const record = useRecordContext<Referral>();
  if (!record) return null;
  const overdue = record.overdue?.length > 0 && ['sent', 'acknowledged', 'accepted'].includes(record.status);
  return <Chip size="small" color={overdue ? 'error' : record.status === 'sent' ? 'warning' : 'default'} label={`${STATUS_LABELS[record.status]}${overdue ? '（期限超過）' : ''}`} />;
};
