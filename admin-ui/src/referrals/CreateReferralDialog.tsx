import { useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormLabel,
  ListSubheader,
  MenuItem,
  TextField,
} from '@mui/material';
import { useTranslate, type Identifier } from 'react-admin';
import { SHAREABLE_FIELDS, type PartnerSuggestion } from './types';
import { useActivePartners, useReferralSubmit } from './useReferralSubmit';

/**
 * 紹介を作成: drafts a referral (POST /api/consultations/:id/referrals). Nothing reaches the partner
 * before the resident agrees on LINE, and only the details ticked here are asked for.
 */
export const CreateReferralDialog = ({ consultationId, suggestions, open, onClose }: { consultationId: Identifier; suggestions: PartnerSuggestion[]; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const [partnerId, setPartnerId] = useState('');
  const [reason, setReason] = useState('');
  const [share, setShare] = useState<string[]>(['name', 'phone']);
  const partners = useActivePartners(open);
  const suggested = new Set(suggestions.map((s) => s.id));
  const others = partners.filter((p) => !suggested.has(p.id));
  const close = () => {
    setPartnerId('');
    setReason('');
    setShare(['name', 'phone']);
    onClose();
  };
  const { submit, isPending } = useReferralSubmit(
    `/api/consultations/${encodeURIComponent(String(consultationId))}/referrals`,
    () => ({ partnerId, reason: reason.trim(), share }),
    'yorisoi.referral.created',
    close,
  );
  const toggle = (field: string, on: boolean) => setShare((current) => (on ? SHAREABLE_FIELDS.filter((f) => f === field || current.includes(f)) : current.filter((f) => f !== field)));

  return (
    <Dialog open={open} onClose={close} aria-labelledby="create-referral-title" fullWidth maxWidth="sm">
      <DialogTitle id="create-referral-title">{translate('yorisoi.referral.createTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('yorisoi.referral.createExplain')}</DialogContentText>
        <TextField select fullWidth size="small" label={translate('yorisoi.referral.partner')} value={partnerId} onChange={(event) => setPartnerId(event.target.value)} sx={{ mb: 2 }}>
          {suggestions.length > 0 && <ListSubheader>{translate('yorisoi.referral.suggested')}</ListSubheader>}
          {suggestions.map((s) => (
            <MenuItem key={s.id} value={s.id}>
              {s.name}
            </MenuItem>
          ))}
          {others.length > 0 && <ListSubheader>{translate('yorisoi.referral.otherPartners')}</ListSubheader>}
          {others.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField fullWidth size="small" multiline minRows={2} label={translate('yorisoi.referral.reason')} value={reason} onChange={(event) => setReason(event.target.value)} sx={{ mb: 2 }} />
        <FormControl component="fieldset">
          <FormLabel component="legend">{translate('yorisoi.referral.share')}</FormLabel>
          <FormGroup row>
            {SHAREABLE_FIELDS.map((field) => (
              <FormControlLabel
                key={field}
                control={<Checkbox checked={share.includes(field)} onChange={(event) => toggle(field, event.target.checked)} />}
                label={translate(`yorisoi.referral.fields.${field}`)}
              />
            ))}
          </FormGroup>
        </FormControl>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" disabled={!partnerId || !reason.trim() || share.length === 0 || isPending} onClick={() => void submit()}>
          {translate('yorisoi.referral.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
