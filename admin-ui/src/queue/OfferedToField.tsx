import { useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import type { QueueItem } from './types';

export const OfferedToField = () => {
  const record = useRecordContext<QueueItem>();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  if (!record?.offeredToStaffId) return <>—</>;
  if (record.offeredToStaffId === identity?.id) return <strong>{translate('yorisoi.queue.offeredToYou')}</strong>;
  return <>{translate('yorisoi.queue.offeredTo', { name: record.offeredToName ?? '' })}</>;
};
