import HandshakeOutlinedIcon from '@mui/icons-material/HandshakeOutlined';
import type { ResourceProps } from 'react-admin';
import { PartnerCreate } from './PartnerCreate';
import { PartnerEdit } from './PartnerEdit';
import { PartnerList } from './PartnerList';

/** Who edits the partner directory: admins and supervisors, as in api/partners/partner-routes.ts. */
export const canEditPartners = (role: unknown): boolean => role === 'admin' || role === 'supervisor';

/** The partner directory (連携団体): organisations, their services and locations (GET/POST/PATCH /api/partners). */
export const partners: ResourceProps = {
  name: 'partners',
  list: PartnerList,
  create: PartnerCreate,
  edit: PartnerEdit,
  icon: HandshakeOutlinedIcon,
  recordRepresentation: 'name',
};
