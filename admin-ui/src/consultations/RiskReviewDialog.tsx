import { useState, type FormEvent } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Consultation } from './types';
import { useConsultationAction } from './useConsultationAction';

/** リスク確認を記録: what the staff member checked about the resident's safety. */
export const RiskReviewDialog = ({ consultation, open, onClose }: { consultation: Consultation; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const [note, setNote] = useState('');
  const { run, isPending } = useConsultationAction(consultation.id);
  const close = () => {
    setNote('');
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    run('risk-reviews', { note: note.trim() }, { success: 'yorisoi.consultation.reviewed', onSuccess: close });
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="review-title" fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="review-title">{translate('yorisoi.consultation.reviewTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('yorisoi.consultation.reviewExplain')}</DialogContentText>
          <TextField
            autoFocus
            required
            fullWidth
            multiline
            minRows={3}
            label={translate('yorisoi.consultation.reviewNote')}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!note.trim() || isPending}>
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
