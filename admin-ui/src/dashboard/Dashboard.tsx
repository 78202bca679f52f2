import { Card, CardContent, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import type { StaffIdentity } from '../providers/authProvider';
import { canManageStaff, canReadAuditLog } from '../roles';

/** Home page: who is signed in, and in which role. */
export const Dashboard = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  if (!identity) return null;
  const { fullName, role } = identity as StaffIdentity;
  const hasScreens = canManageStaff(role) || canReadAuditLog(role);

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('yorisoi.serviceName')} />
      <CardContent>
        <Typography component="h2" variant="h5" gutterBottom>
          {translate('yorisoi.dashboard.greeting', { name: fullName })}
        </Typography>
        <Typography gutterBottom>{translate('yorisoi.dashboard.role', { role: translate(`yorisoi.roles.${role}`) })}</Typography>
        <Typography color="text.secondary">{translate(hasScreens ? 'yorisoi.dashboard.hint' : 'yorisoi.dashboard.nothingYet')}</Typography>
      </CardContent>
    </Card>
  );
};
