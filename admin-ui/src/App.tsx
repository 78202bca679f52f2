import { canReadStaffActivity, staffActivity } from './staff-activity';
import { DevMailsPage } from './dev-mails/DevMailsPage';
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Resource } from 'react-admin';
import { AccountPage } from './account/AccountPage';
import { auditLog } from './audit-log';
import { cannedReplies, canManageCannedReplies } from './canned-replies';
import { consultations } from './consultations';
import { Dashboard } from './dashboard/Dashboard';
import { followUps } from './follow-ups';
import { i18nProvider } from './i18n/i18nProvider';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { NotAvailable } from './layout/NotAvailable';
import { theme } from './layout/theme';
import { authProvider } from './providers/authProvider';
import { dataProvider } from './providers/dataProvider';
import { canEditPartners, partners } from './partners';
import { queue } from './queue';
import { caseReferrals, referrals } from './referrals';
import { canReadReports, reports } from './reports';
import { residents } from './residents';
import { canManageStaff, canReadAuditLog, canWorkOnCases } from './roles';
import { staffUsers } from './staff-users';

// Telemetry is off: the app must not call outside hosts (and the API's CSP would block it).
// Routes live in the URL hash (/admin/#/queue): react-admin's own router, so no basename is needed.
export const App = () => (
  <Admin
    title="よりそい 相談ダッシュボード"
    requireAuth
    disableTelemetry
    authProvider={authProvider}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    dashboard={Dashboard}
    layout={Layout}
    catchAll={NotAvailable}
    theme={theme}
  >
    {(role: unknown) => (
      <>
        {canWorkOnCases(role) && <Resource {...queue} />}
        {canWorkOnCases(role) && <Resource {...consultations} />}
        {canWorkOnCases(role) && <Resource {...residents} />}
        {canWorkOnCases(role) && <Resource {...followUps} />}
        {canWorkOnCases(role) && <Resource {...caseReferrals} />}
        {canManageStaff(role) && <Resource {...staffUsers} />}
        {canEditPartners(role) && <Resource {...partners} />}
        {canManageCannedReplies(role) && <Resource {...cannedReplies} />}
        {canReadAuditLog(role) && <Resource {...auditLog} />}
        {canReadReports(role) && <Resource {...reports} />}
        {canReadStaffActivity(role) && <Resource {...staffActivity} />}
        {role === 'partner' && <Resource {...referrals} />}
        <CustomRoutes>
          <Route path="/account" element={<AccountPage />} />
          {role === 'admin' && <Route path="/dev-mails" element={<DevMailsPage />} />}
        </CustomRoutes>
      </>
    )}
  </Admin>
);
