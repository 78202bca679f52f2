import { useState, type FormEvent } from 'react';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Button as MuiButton, TextField } from '@mui/material';
import LockResetIcon from '@mui/icons-material/LockReset';
import { Button, useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { YorisoiDataProvider } from '../providers/dataProvider';

const MIN_PASSWORD_LENGTH = 12;

/** Lets an admin set a new password for a staff member (which also clears a lock). */
export const ResetPasswordButton = () => {
  const record = useRecordContext<{ id: string; displayName: string }>();
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [saving, setSaving] = useState(false);

  if (!record) return null;
  const tooShort = password.length < MIN_PASSWORD_LENGTH;

  const close = () => {
    setOpen(false);
    setPassword('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (tooShort) return;
    setSaving(true);
    try {
      const { data } = await dataProvider.resetPassword('staff-users', { id: record.id, password });
      // react-admin answers `{ data: {} }` instead of failing when an expired session signs the user out.
      if (data.id !== undefined) notify('yorisoi.resetPassword.done', { type: 'success' });
      close();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button label="yorisoi.resetPassword.button" onClick={() => setOpen(true)}>
        <LockResetIcon />
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby="reset-password-title" fullWidth maxWidth="xs">
        <form onSubmit={submit} noValidate>
          <DialogTitle id="reset-password-title">{translate('yorisoi.resetPassword.title', { name: record.displayName })}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{translate('yorisoi.resetPassword.explain')}</DialogContentText>
            <TextField
              autoFocus
              fullWidth
              type="password"
              autoComplete="new-password"
              label={translate('yorisoi.resetPassword.newPassword')}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              error={password.length > 0 && tooShort}
              helperText={translate('yorisoi.staffUsers.passwordHelp')}
            />
          </DialogContent>
          <DialogActions>
            {/* MUI buttons: react-admin's Button shrinks to an icon on phones, and these have none. */}
            <MuiButton onClick={close}>{translate('ra.action.cancel')}</MuiButton>
            <MuiButton type="submit" variant="contained" disabled={tooShort || saving}>
              {translate('yorisoi.resetPassword.submit')}
            </MuiButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
