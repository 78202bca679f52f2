import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Enrolment, signInSteps, SignInResponse } from './signInSteps';

/**
 * Enrolment of an authenticator app: the key (to type in, or as an otpauth:// link on a phone),
 * then the first code, then the recovery codes, shown once.
 */
export const EnrolSecondFactor = ({ onDone }: { onDone: (session: SignInResponse) => void }) => {
  const translate = useTranslate();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState<(SignInResponse & { data: { recoveryCodes: string[] } }) | null>(null);

  useEffect(() => {
    let current = true;
    signInSteps.startEnrolment().then(
      (e) => current && setEnrolment(e),
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, []);

  if (confirmed) {
    return (
      <Stack spacing={2}>
        <Typography variant="h6">{translate('yorisoi.account.recoveryTitle')}</Typography>
        <Typography variant="body2">{translate('yorisoi.account.recoveryExplain')}</Typography>
        <Box component="pre" aria-label={translate('yorisoi.account.recoveryTitle')} sx={{ fontFamily: 'monospace', p: 1, bgcolor: 'grey.100' }}>
          {confirmed.data.recoveryCodes.join('\n')}
        </Box>
        <Button variant="contained" onClick={() => onDone(confirmed)}>
          {translate('yorisoi.account.continue')}
        </Button>
      </Stack>
    );
  }
  return (
    <Stack spacing={2} component="form" onSubmit={(e) => {
      e.preventDefault();
      setError(null);
      signInSteps.confirmEnrolment(code.trim()).then(setConfirmed, (err: Error) => setError(translate(err.message, { _: err.message })));
    }}>
      <Typography variant="h6">{translate('yorisoi.account.enrolTitle')}</Typography>
      <Typography variant="body2">{translate('yorisoi.account.enrolExplain')}</Typography>
      {enrolment && (
        <>
          <Typography variant="body2">
            {translate('yorisoi.account.secretKey')}: <code data-testid="totp-secret">{enrolment.secret}</code>
          </Typography>
          <Typography variant="body2">
            <a href={enrolment.otpauthUri}>{translate('yorisoi.account.openInApp')}</a>
          </Typography>
        </>
      )}
      <TextField label={translate('yorisoi.account.code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" slotProps={{ htmlInput: { inputMode: 'numeric' } }} required />
      {error && <Alert severity="error">{error}</Alert>}
      <Button type="submit" variant="contained" disabled={!enrolment}>
        {translate('yorisoi.account.confirm')}
      </Button>
    </Stack>
  );
};
