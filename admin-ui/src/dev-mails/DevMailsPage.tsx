import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { Title, useLocaleState, useTranslate } from 'react-admin';
import { formatShortDateTime } from '../common/formatDateTime';
import { useDevMails } from './useDevMails';

/** 「送信メール（開発用）」: on-call, reminder and partner mails as the development catcher kept them, newest first. */
export const DevMailsPage = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { enabled, mails, isPending } = useDevMails();
  return (
    <Box sx={{ p: 2, maxWidth: 960 }}>
      <Title title={translate('yorisoi.devMails.title')} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('yorisoi.devMails.explain')}
      </Typography>
      {!isPending && !enabled && <Alert severity="info">{translate('yorisoi.devMails.off')}</Alert>}
      {enabled && mails.length === 0 && <Alert severity="info">{translate('yorisoi.devMails.none')}</Alert>}
      <Stack component="ol" spacing={1.5} sx={{ m: 0, p: 0, listStyle: 'none' }} aria-label={translate('yorisoi.devMails.title')}>
        {mails.map((mail) => (
          <Card component="li" key={mail.id} variant="outlined">
            <CardContent>
              <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
                {mail.subject}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="p">
                {translate('yorisoi.devMails.meta', { to: mail.to.join(', '), from: mail.from })}・<time dateTime={mail.at}>{formatShortDateTime(mail.at, locale)}</time>
              </Typography>
              <Box component="pre" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', fontSize: 14, m: 0, mt: 1 }}>
                {mail.text}
              </Box>
            </CardContent>
          </Card>
        ))}
      </Stack>
    </Box>
  );
};
