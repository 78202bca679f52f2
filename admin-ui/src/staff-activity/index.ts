import InsightsIcon from '@mui/icons-material/Insights';
import type { ResourceProps } from 'react-admin';
import { StaffActivityPage } from './StaffActivityPage';

/** Supervisors and admins, as GET /api/reports/staff-activity allows (officials never see individual staff). */
export const canReadStaffActivity = (role: unknown): boolean => role === 'admin' || role === 'supervisor';

/** A list-only resource for the menu item, like the reports page; it never calls the data provider. */
export const staffActivity: ResourceProps = {
  name: 'staff-activity',
  list: StaffActivityPage,
  icon: InsightsIcon,
};
