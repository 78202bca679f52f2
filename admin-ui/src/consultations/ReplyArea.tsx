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
  const foreign = consultation.residentLanguage && !consultation.residentLanguage.code.toLowerCase().startsWith('ja') ? consultation.residentLanguage.code : undefined;
  if (can.reply) return <ReplyBox consultationId={consultation.id} foreignLanguage={foreign} translationAvailable={consultation.translationAvailable} />;

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
