import { Typography } from '@mui/material';
import { useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import { abilitiesFor } from './consultationAbilities';
import { ReplyBox } from './ReplyBox';
import type { Consultation } from './types';

/** The reply box for the staff member who has the case; otherwise a line saying why there is none. */
export const ReplyArea = ({ consultation }: { consultation: Consultation }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions();
  const can = abilitiesFor(consultation, { id: identity?.id as string | undefined, role: permissions });
  if (can.reply) return <ReplyBox consultationId={consultation.id} />;

  const reason =
    consultation.status === 'closed'
      ? translate('yorisoi.consultation.closedCase')
      : consultation.status === 'with_staff'
        ? translate('yorisoi.consultation.othersCase', { name: consultation.assignedStaffName ?? '' })
        : consultation.status === 'waiting_for_staff'
          ? translate('yorisoi.consultation.claimToReply')
          : translate('yorisoi.consultation.notWithStaff');
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
      {reason}
    </Typography>
  );
};
