import { Card, CardContent, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';

/** Every unknown address, including screens this role may not open. */
export const NotAvailable = () => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('yorisoi.notAvailable.title')} />
      <CardContent>
        <Typography component="h2" variant="h6" gutterBottom>
          {translate('yorisoi.notAvailable.title')}
        </Typography>
        <Typography color="text.secondary">{translate('yorisoi.notAvailable.body')}</Typography>
      </CardContent>
    </Card>
  );
};
