import { Box, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate, type Identifier } from 'react-admin';
import { formatShortDateTime } from '../common/formatDateTime';
import { DeliveryChips } from './DeliveryChips';
import { MessageMedia } from './MessageMedia';
import type { ConsultationMessage } from './types';

const KNOWN_KINDS = ['sticker', 'image', 'video', 'audio', 'file', 'location', 'postback'];

const BUBBLE: Record<ConsultationMessage['sender'], { bgcolor: string; borderColor: string }> = {
  resident: { bgcolor: '#ffffff', borderColor: '#d5dbd8' },
  ai: { bgcolor: '#e9f1f3', borderColor: '#c9dade' },
  staff: { bgcolor: '#e8f1e6', borderColor: '#c6dbc2' },
  system: { bgcolor: '#f3f3f1', borderColor: '#dedcd6' },
};

function useSenderLabel(message: ConsultationMessage): string {
  const translate = useTranslate();
  if (message.sender === 'staff' && message.staffName) return message.staffName;
  if (message.sender === 'ai' && message.answeredBy === 'fallback') return translate('yorisoi.consultation.sender.fallback');
  return translate(`yorisoi.consultation.sender.${message.sender}`);
}

/** One message: the resident on the left, the AI, staff and system on the right. */
export const MessageBubble = ({ message, consultationId }: { message: ConsultationMessage; consultationId: Identifier }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const sender = useSenderLabel(message);
  const fromResident = message.direction === 'in';
  // A translated staff send shows what staff wrote first; the resident received the translation below it.
  const staffOriginal = message.paired?.role === 'original' ? message.paired.text : null;
  const text =
    staffOriginal ??
    message.text ??
    translate(KNOWN_KINDS.includes(message.kind) ? `yorisoi.consultation.kind.${message.kind}` : 'yorisoi.consultation.kind.other', { kind: message.kind });

  return (
    <Box
      component="li"
      data-sender={message.sender}
      sx={{ display: 'flex', flexDirection: 'column', alignItems: fromResident ? 'flex-start' : 'flex-end', listStyle: 'none' }}
    >
      <Box
        sx={{
          ...BUBBLE[message.sender],
          border: '1px solid',
          borderRadius: 2,
          px: 1.5,
          py: 1,
          maxWidth: '80%',
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          fontStyle: message.text === null ? 'italic' : 'normal',
        }}
      >
        {text}
        {message.paired?.text && (
          <Box sx={{ mt: 0.75, pt: 0.75, borderTop: '1px dashed', borderColor: 'divider' }} data-testid="machine-translation">
            <Typography variant="caption" color="text.secondary" component="div">
              {translate(message.paired.role === 'translation' ? 'yorisoi.consultation.machineTranslation' : 'yorisoi.consultation.sentAsMachineTranslation')}
            </Typography>
            {message.paired.role === 'translation' ? message.paired.text : message.text}
          </Box>
        )}
        {message.media && <MessageMedia consultationId={consultationId} media={message.media} />}
      </Box>
      <Stack direction="row" spacing={0.75} useFlexGap sx={{ mt: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="caption" color="text.secondary">
          {sender}・<time dateTime={message.at}>{formatShortDateTime(message.at, locale)}</time>
        </Typography>
        <DeliveryChips message={message} />
      </Stack>
    </Box>
  );
};
