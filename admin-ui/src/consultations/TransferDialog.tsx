import { useState } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetIdentity, useTranslate } from 'react-admin';
import type { YorisoiDataProvider } from '../providers/dataProvider';
import type { Consultation } from './types';
import { useConsultationAction } from './useConsultationAction';

/** 引き継ぐ: pick one of the staff on duty (not oneself), with how many cases each already has. */
export const TransferDialog = ({ consultation, open, onClose }: { consultation: Consultation; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const { identity } = useGetIdentity();
  const [staffId, setStaffId] = useState('');
  const { run, isPending } = useConsultationAction(consultation.id);
  const { data, isPending: loading } = useQuery({
    queryKey: ['staff-on-duty'],
    queryFn: () => dataProvider.getStaffOnDuty(),
    enabled: open,
  });
  const candidates = (data?.data ?? []).filter((staff) => staff.id !== identity?.id && staff.id !== consultation.assignedStaffId);
  const close = () => {
    setStaffId('');
    onClose();
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="transfer-title" fullWidth maxWidth="xs">
      <DialogTitle id="transfer-title">{translate('yorisoi.consultation.transferTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>
          {translate(candidates.length === 0 && !loading ? 'yorisoi.consultation.noStaffOnDuty' : 'yorisoi.consultation.transferExplain')}
        </DialogContentText>
        {loading && open ? (
          <CircularProgress size={24} />
        ) : (
          <RadioGroup value={staffId} onChange={(event) => setStaffId(event.target.value)} aria-labelledby="transfer-title">
            {candidates.map((staff) => (
              <FormControlLabel
                key={staff.id}
                value={staff.id}
                control={<Radio />}
                label={`${staff.displayName}（${translate('yorisoi.consultation.activeCases', { count: staff.activeCases })}）`}
              />
            ))}
          </RadioGroup>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{translate('ra.action.cancel')}</Button>
        <Button
          variant="contained"
          disabled={!staffId || isPending}
          onClick={() => run('transfer', { staffId }, { success: 'yorisoi.consultation.transferred', onSuccess: close })}
        >
          {translate('yorisoi.consultation.transfer')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
