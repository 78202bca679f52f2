import { useState } from 'react';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import DoneAllIcon from '@mui/icons-material/DoneAll';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import SmartToyIcon from '@mui/icons-material/SmartToyOutlined';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { Button, Stack } from '@mui/material';
import { Confirm, useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import { CloseDialog } from './CloseDialog';
import { abilitiesFor } from './consultationAbilities';
import { RiskReviewDialog } from './RiskReviewDialog';
import { TransferDialog } from './TransferDialog';
import type { Consultation } from './types';
import { useConsultationAction } from './useConsultationAction';

type OpenDialog = 'release' | 'transfer' | 'review' | 'close' | null;

/** The buttons for what can be done with the case now; each opens a dialog unless it is plain. */
export const ConsultationActions = ({ consultation }: { consultation: Consultation }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const { run, isPending } = useConsultationAction(consultation.id);
  const can = abilitiesFor(consultation, { id: identity?.id as string | undefined, role: permissions });
  const closeDialog = () => setDialog(null);

  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {can.claim && (
        <Button
          variant="contained"
          startIcon={<AssignmentIndIcon />}
          disabled={isPending}
          onClick={() => run('claim', undefined, { success: 'yorisoi.consultation.claimed' })}
        >
          {translate('yorisoi.consultation.claim')}
        </Button>
      )}
      {can.release && (
        <Button variant="outlined" startIcon={<SmartToyIcon />} onClick={() => setDialog('release')}>
          {translate('yorisoi.consultation.release')}
        </Button>
      )}
      {can.transfer && (
        <Button variant="outlined" startIcon={<SwapHorizIcon />} onClick={() => setDialog('transfer')}>
          {translate('yorisoi.consultation.transfer')}
        </Button>
      )}
      {can.review && (
        <Button variant="outlined" color="warning" startIcon={<FactCheckIcon />} onClick={() => setDialog('review')}>
          {translate('yorisoi.consultation.review')}
        </Button>
      )}
      {can.close && (
        <Button variant="outlined" color="inherit" startIcon={<DoneAllIcon />} onClick={() => setDialog('close')}>
          {translate('yorisoi.consultation.close')}
        </Button>
      )}

      <Confirm
        isOpen={dialog === 'release'}
        title="yorisoi.consultation.releaseTitle"
        content="yorisoi.consultation.releaseExplain"
        confirm="yorisoi.consultation.release"
        loading={isPending}
        onConfirm={() => run('release', undefined, { success: 'yorisoi.consultation.released', onSuccess: closeDialog })}
        onClose={closeDialog}
      />
      <TransferDialog consultation={consultation} open={dialog === 'transfer'} onClose={closeDialog} />
      <RiskReviewDialog consultation={consultation} open={dialog === 'review'} onClose={closeDialog} />
      <CloseDialog consultation={consultation} open={dialog === 'close'} onClose={closeDialog} onReviewNeeded={() => setDialog('review')} />
    </Stack>
  );
};
