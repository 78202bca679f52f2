import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useNotify, useRecordContext, useRefresh } from 'react-admin';
import { httpClient } from '../providers/httpClient';
import { ACTION_LABELS, ACTIONS_BY_STATUS, type Referral, type ReferralAction } from './types';

/** Acknowledge, accept, decline (with a reason), record contact, close (with an outcome). */
export const ReferralActions = () => {
  const record = useRecordContext<Referral>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (!record) return null;
  const actions = ACTIONS_BY_STATUS[record.status] ?? [];
  if (actions.length === 0) return null;
  const needsNote = (a: ReferralAction) => a === 'decline' || a === 'close';

  const run = async (action: ReferralAction) => {
    if (needsNote(action) && !note.trim()) return notify(action === 'decline' ? 'お断りの理由を入力してください' : '結果を入力してください', { type: 'warning' });
    setBusy(true);
    try {
      const body = action === 'decline' ? { reason: note } : action === 'close' ? { outcome: note } : {};
      await httpClient(`/api/partner/referrals/${encodeURIComponent(record.id)}/${action}`, { method: 'POST', body });
      notify(`「${ACTION_LABELS[action]}」を記録しました`, { type: 'success' });
      setNote('');
      refresh();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={1} sx={{ mt: 2 }}>
      {actions.some(needsNote) && <TextField size="small" label="理由・結果（相談者の個人情報は書かないでください）" value={note} onChange={(e) => setNote(e.target.value)} multiline minRows={2} />}
      <Stack direction="row" spacing={1}>
        {actions.map((a) => (
          <Button key={a} variant={a === 'decline' ? 'outlined' : 'contained'} color={a === 'decline' ? 'warning' : 'primary'} disabled={busy} onClick={() => void run(a)} data-action={a}>
            {ACTION_LABELS[a]}
          </Button>
        ))}
      </Stack>
    </Stack>
  );
};
