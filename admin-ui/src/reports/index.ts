import AssessmentIcon from '@mui/icons-material/Assessment';
import type { ResourceProps } from 'react-admin';
import { ReportsPage } from './ReportsPage';

/** Who reads the reports: officials (nothing else), and supervisors and admins. As in api/reports/report-routes.ts. */
export const canReadReports = (role: unknown): boolean => role === 'official' || role === 'admin' || role === 'supervisor';

/**
 * The reports page at /reports with a menu item. A resource with only a list view is react-admin's
 * way to have both without replacing the app's menu; it never calls the data provider.
 */
export const reports: ResourceProps = {
  name: 'reports',
  list: ReportsPage,
  icon: AssessmentIcon,
};
