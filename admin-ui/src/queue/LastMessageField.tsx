import { Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { QueueItem } from './types';

/** The start of the resident's latest message (a sticker or image by its kind), on one or two lines. */
export const LastMessageField = () => {
  const record = useRecordContext<QueueItem>();
  const translate = useTranslate();
  const last = record?.lastMessage;
  if (!last) return null;
  const text = last.text ?? translate(`yorisoi.consultation.kind.${last.kind}`, { _: translate('yorisoi.consultation.kind.other', { kind: last.kind }) });
  return (
    <Typography variant="body2" sx={{ maxWidth: 320, display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
      {text}
    </Typography>
  );
};
