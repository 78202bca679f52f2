import { Card, CardContent, Typography } from '@mui/material';
import { Navigate, Title, useGetIdentity, useTranslate } from 'react-admin';
import type { StaffIdentity } from '../providers/authProvider';
import { canWorkOnCases } from '../roles';

/** Home: case workers go straight to the queue, officials to the reports, partners to their referrals. */
export const Dashboard = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  if (!identity) return null;
  const { fullName, role } = identity as StaffIdentity;
  if (canWorkOnCases(role)) return <Navigate to="/queue" replace />;
  // Officials see the reports and nothing else.
  if (role === 'official') return <Navigate to="/reports" replace />;
  if (role === 'partner') return <Navigate to="/referrals" replace />;

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('yorisoi.serviceName')} />
      <CardContent>
        <Typography component="h2" variant="h5" gutterBottom>
          {translate('yorisoi.dashboard.greeting', { name: fullName })}
        </Typography>
        <Typography gutterBottom>{translate('yorisoi.dashboard.role', { role: translate(`yorisoi.roles.${role}`) })}</Typography>
        <Typography color="text.secondary">{translate('yorisoi.dashboard.comingSoon')}</Typography>
      </CardContent>
    </Card>
  );
};
