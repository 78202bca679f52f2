import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CaseReferral } from './types';
import { useActivePartners, useReferralSubmit } from './useReferralSubmit';

/**
 * 別の団体に紹介しなおす: a declined referral goes to another partner (POST /api/referrals/:id/reroute).
 * The resident is asked again, naming the new recipient; the details asked for stay the same.
 */
export const RerouteReferralDialog = ({ referral, open, onClose }: { referral: CaseReferral; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const [partnerId, setPartnerId] = useState('');
  const [reason, setReason] = useState('');
  const others = useActivePartners(open).filter((p) => p.id !== referral.partnerId);
  const close = () => {
    setPartnerId('');
    setReason('');
    onClose();
  };
  const { submit, isPending } = useReferralSubmit(
    `/api/referrals/${encodeURIComponent(referral.id)}/reroute`,
    () => ({ partnerId, ...(reason.trim() ? { reason: reason.trim() } : {}) }),
    'yorisoi.referral.rerouted',
    close,
  );

  return (
    <Dialog open={open} onClose={close} aria-labelledby={`reroute-${referral.id}`} fullWidth maxWidth="sm">
      <DialogTitle id={`reroute-${referral.id}`}>{translate('yorisoi.referral.rerouteTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('yorisoi.referral.rerouteExplain', { partner: referral.partnerName ?? referral.partnerId })}</DialogContentText>
        <TextField select fullWidth size="small" label={translate('yorisoi.referral.partner')} value={partnerId} onChange={(event) => setPartnerId(event.target.value)} sx={{ mb: 2 }}>
          {others.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField fullWidth size="small" multiline minRows={2} label={translate('yorisoi.referral.rerouteReason')} value={reason} onChange={(event) => setReason(event.target.value)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!partnerId || isPending} onClick={() => void submit()}>
          {translate('yorisoi.referral.rerouteSubmit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
