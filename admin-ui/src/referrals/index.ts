import ForwardToInboxOutlinedIcon from '@mui/icons-material/ForwardToInboxOutlined';
import AltRouteIcon from '@mui/icons-material/AltRoute';
import type { ResourceProps } from 'react-admin';
import { AllReferralsList } from './AllReferralsList';
import { ReferralList } from './ReferralList';
import { ReferralShow } from './ReferralShow';

/** The partner portal: served by /api/partner/referrals (see providers/dataProvider.ts). */
export const referrals: ResourceProps = {
  name: 'referrals',
  list: ReferralList,
  show: ReferralShow,
  icon: ForwardToInboxOutlinedIcon,
  options: { label: '紹介' },
};

/** Staff and supervisors: the referrals of every case they may see (GET /api/referrals, see providers/dataProvider.ts). */
export const caseReferrals: ResourceProps = {
  name: 'case-referrals',
  list: AllReferralsList,
  icon: AltRouteIcon,
};
