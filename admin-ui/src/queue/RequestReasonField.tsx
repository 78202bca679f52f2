import { useRecordContext, useTranslate } from 'react-admin';
import type { QueueItem } from './types';

export const RequestReasonField = () => {
  const record = useRecordContext<QueueItem>();
  const translate = useTranslate();
  if (!record?.requestReason) return null;
  return <>{translate(`yorisoi.requestReason.${record.requestReason}`, { _: record.requestReason })}</>;
};
