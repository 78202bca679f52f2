import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { Consultation } from './types';
import { errorCode, useConsultationAction } from './useConsultationAction';

/**
 * 終了, confirmed first. A case that reached high risk cannot close without a risk review
 * (409 REVIEW_REQUIRED): the dialog then explains that and leads to the review instead.
 */
export const CloseDialog = ({
  consultation,
  open,
  onClose,
  onReviewNeeded,
}: {
  consultation: Consultation;
  open: boolean;
  onClose: () => void;
  onReviewNeeded: () => void;
}) => {
  const translate = useTranslate();
  const [reviewRequired, setReviewRequired] = useState(false);
  const { run, isPending } = useConsultationAction(consultation.id);
  const close = () => {
    setReviewRequired(false);
    onClose();
  };
  const confirm = () =>
    run('close', undefined, {
      success: 'yorisoi.consultation.closed',
      onSuccess: close,
      onError: (error) => {
        if (errorCode(error) !== 'REVIEW_REQUIRED') return false;
        setReviewRequired(true);
        return true;
      },
    });

  return (
    <Dialog open={open} onClose={close} aria-labelledby="close-title" fullWidth maxWidth="xs">
      <DialogTitle id="close-title">{translate('yorisoi.consultation.closeTitle')}</DialogTitle>
      <DialogContent>
        {reviewRequired ? (
          <Alert severity="info">{translate('yorisoi.consultation.reviewRequired')}</Alert>
        ) : (
          <DialogContentText>{translate('yorisoi.consultation.closeExplain')}</DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{translate('ra.action.cancel')}</Button>
        {reviewRequired ? (
          <Button
            variant="contained"
            onClick={() => {
              close();
              onReviewNeeded();
            }}
          >
            {translate('yorisoi.consultation.recordReviewNow')}
          </Button>
        ) : (
          <Button variant="contained" onClick={confirm} disabled={isPending}>
            {translate('yorisoi.consultation.close')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};
