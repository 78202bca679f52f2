import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ConsultationMessage } from './types';

/** How an outgoing message reached LINE: 返信 (reply token) or プッシュ, and whether it failed. */
export const DeliveryChips = ({ message }: { message: ConsultationMessage }) => {
  const translate = useTranslate();
  if (message.direction === 'in') return null;
  const status = message.deliveryStatus;
  const problem = status === 'failed' || status === 'pending' || status === 'suppressed';
  return (
    <>
      {message.delivery && (
        <Chip size="small" variant="outlined" sx={{ height: 20 }} label={translate(`yorisoi.consultation.delivery.${message.delivery}`)} />
      )}
      {problem && (
        <Chip
          size="small"
          sx={{ height: 20 }}
          color={status === 'failed' ? 'error' : 'default'}
          variant={status === 'failed' ? 'filled' : 'outlined'}
          label={translate(`yorisoi.consultation.delivery.${status}`)}
        />
      )}
    </>
  );
};
