import { useEffect, useRef } from 'react';
import { Alert, Box, CircularProgress, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { YorisoiDataProvider } from '../providers/dataProvider';
import { MessageBubble } from './MessageBubble';

/** Under the consultations key, so live events and actions refetch it with the rest. */
export const messagesKey = (consultationId: Identifier) => ['consultations', 'messages', String(consultationId)];

/** The conversation, oldest first, scrolled to the newest message whenever one arrives. */
export const ConsultationTimeline = ({ consultationId }: { consultationId: Identifier }) => {
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const translate = useTranslate();
  const scroller = useRef<HTMLDivElement>(null);
  const { data, isPending, isError } = useQuery({
    queryKey: messagesKey(consultationId),
    queryFn: () => dataProvider.getMessages(consultationId),
  });
  const messages = data?.data ?? [];
  const newest = messages.at(-1)?.id;

  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [newest]);

  return (
    <Box
      ref={scroller}
      role="log"
      aria-live="polite"
      aria-label={translate('yorisoi.consultation.timeline')}
      tabIndex={0}
      sx={{ height: { xs: '55vh', md: 'calc(100vh - 360px)' }, minHeight: 280, overflowY: 'auto', bgcolor: '#f4f6f4', borderRadius: 1, p: 1.5 }}
    >
      {isPending && <CircularProgress size={24} sx={{ display: 'block', mx: 'auto', my: 4 }} />}
      {isError && <Alert severity="error">{translate('yorisoi.consultation.loadError')}</Alert>}
      {!isPending && !isError && messages.length === 0 && (
        <Typography color="text.secondary" align="center" sx={{ my: 4 }}>
          {translate('yorisoi.consultation.noMessages')}
        </Typography>
      )}
      <Box component="ol" sx={{ m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        {messages.map((message) => (
          <MessageBubble key={message.id} message={message} consultationId={consultationId} />
        ))}
      </Box>
    </Box>
  );
};
