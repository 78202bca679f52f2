import ForwardToInboxOutlinedIcon from '@mui/icons-material/ForwardToInboxOutlined';
import type { ResourceProps } from 'react-admin';
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
