import { Typography } from '@mui/material';
import { Login, LoginForm, useTranslate } from 'react-admin';

/** react-admin's login form with the service name above it. */
export const LoginPage = () => {
  const translate = useTranslate();
  return (
    <Login>
      <Typography component="h1" variant="h6" align="center" sx={{ px: 2 }}>
        {translate('yorisoi.serviceName')}
      </Typography>
      <LoginForm />
    </Login>
  );
};
