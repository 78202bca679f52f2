import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { signInSteps } from './signInSteps';

/** 「アカウント」: change one's own password (every other session is signed out). */
export const AccountPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Card sx={{ mt: 2, maxWidth: 480 }}>
      <Title title={translate('yorisoi.account.title')} />
      <CardContent>
        <Stack
          spacing={2}
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            signInSteps.changePassword(current, next).then(
              () => {
                setCurrent('');
                setNext('');
                notify('yorisoi.account.passwordChanged', { type: 'success' });
              },
              (err: Error) => setError(translate(err.message, { _: err.message })),
            );
          }}
        >
          <Typography variant="h6">{translate('yorisoi.account.changePassword')}</Typography>
          <TextField label={translate('yorisoi.account.currentPassword')} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
          <TextField label={translate('yorisoi.account.newPassword')} type="password" autoComplete="new-password" helperText={translate('yorisoi.staffUsers.passwordHelp')} value={next} onChange={(e) => setNext(e.target.value)} required />
          {error && <Alert severity="error">{error}</Alert>}
          <Button type="submit" variant="contained">
            {translate('yorisoi.account.changePassword')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};
