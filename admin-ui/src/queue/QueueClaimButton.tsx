import { Button } from '@mui/material';
import { useRecordContext, useRedirect, useTranslate } from 'react-admin';
import { useConsultationAction } from '../consultations/useConsultationAction';
import type { QueueItem } from './types';

/** 引き受ける from the queue row, then straight to the conversation. */
export const QueueClaimButton = () => {
  const record = useRecordContext<QueueItem>();
  const translate = useTranslate();
  const redirect = useRedirect();
  const { run, isPending } = useConsultationAction(record?.id ?? '');
  if (!record) return null;
  return (
    <Button
      size="small"
      variant="contained"
      disabled={isPending}
      // The row itself opens the case; the button must not also trigger that.
      onClick={(event) => {
        event.stopPropagation();
        run('claim', undefined, { success: 'yorisoi.consultation.claimed', onSuccess: () => redirect('show', 'consultations', record.id) });
      }}
    >
      {translate('yorisoi.consultation.claim')}
    </Button>
  );
};
