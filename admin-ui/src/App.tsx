import { Admin, Resource } from 'react-admin';
import { auditLog } from './audit-log';
import { Dashboard } from './dashboard/Dashboard';
import { i18nProvider } from './i18n/i18nProvider';
import { LoginPage } from './layout/LoginPage';
import { theme } from './layout/theme';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { canManageStaff, canReadAuditLog } from './roles';
import { staffUsers } from './staff-users';

// Telemetry is off: the app must not call outside hosts (and the API's CSP would block it).
export const App = () => (
  <Admin
    basename="/admin"
    title="よりそい 相談ダッシュボード"
    requireAuth
    disableTelemetry
    authProvider={authProvider}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    dashboard={Dashboard}
    theme={theme}
  >
    {(role: unknown) => (
      <>
        {canManageStaff(role) && <Resource {...staffUsers} />}
        {canReadAuditLog(role) && <Resource {...auditLog} />}
      </>
    )}
  </Admin>
);
