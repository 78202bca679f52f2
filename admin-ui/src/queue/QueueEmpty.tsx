import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

export const QueueEmpty = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ py: 6, px: 2, textAlign: 'center' }}>
      <Typography variant="h6" component="p" gutterBottom>
        {translate('yorisoi.queue.empty')}
      </Typography>
      <Typography color="text.secondary">{translate('yorisoi.queue.emptyHint')}</Typography>
    </Box>
  );
};
