import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import { EnrolSecondFactor } from '../account/EnrolSecondFactor';
import { signInSteps, SignInResponse } from '../account/signInSteps';

type Step = 'password' | 'second-factor' | 'enrol';

/**
 * Sign-in in up to three steps: the password; then the authenticator's code (or a recovery code);
 * or, for a role that needs a second factor and has none yet, its enrolment.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const finish = (session: SignInResponse) => login({ session });
  const run = (action: () => Promise<void>) => (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    action()
      .catch((err: Error) => setError(translate(err.message, { _: err.message })))
      .finally(() => setBusy(false));
  };

  return (
    <Stack sx={{ minHeight: "100vh", bgcolor: "grey.100", alignItems: "center", justifyContent: "center" }}>
      <Card sx={{ width: 380 }}>
        <CardContent>
          <Typography component="h1" variant="h6" align="center" sx={{ mb: 2 }}>
            {translate('yorisoi.serviceName')}
          </Typography>
          {step === 'password' && (
            <Stack
              spacing={2}
              component="form"
              onSubmit={run(async () => {
                const r = await signInSteps.password(email, password);
                if (r.stage === 'full') await finish(r);
                else setStep(r.stage);
              })}
            >
              <TextField label={translate('ra.auth.username')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
              <TextField label={translate('ra.auth.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
              {error && <Alert severity="error">{error}</Alert>}
              <Button type="submit" variant="contained" disabled={busy}>
                {translate('ra.auth.sign_in')}
              </Button>
            </Stack>
          )}
          {step === 'second-factor' && (
            <Stack spacing={2} component="form" onSubmit={run(async () => finish(await signInSteps.code(code.trim())))}>
              <Typography variant="body2">{translate('yorisoi.account.codeExplain')}</Typography>
              <TextField label={translate('yorisoi.account.code')} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="one-time-code" required autoFocus />
              {error && <Alert severity="error">{error}</Alert>}
              <Button type="submit" variant="contained" disabled={busy}>
                {translate('yorisoi.account.confirm')}
              </Button>
            </Stack>
          )}
          {step === 'enrol' && <EnrolSecondFactor onDone={finish} />}
        </CardContent>
      </Card>
    </Stack>
  );
};
