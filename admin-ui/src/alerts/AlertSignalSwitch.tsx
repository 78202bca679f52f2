import { Button, FormControlLabel, Switch, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { playAlertChime, primeAlertAudio } from './alertChime';
import { useAlertSignalsEnabled } from './useAlertSignalsEnabled';

type Permission = NotificationPermission | 'unsupported';
const currentPermission = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * アラート音・通知. The browser's permission prompt appears only when the staff member asks for it
 * (turning the switch on, or the button beside it), never by itself on page load.
 */
export const AlertSignalSwitch = () => {
  const translate = useTranslate();
  const [enabled, setEnabled] = useAlertSignalsEnabled();
  const [permission, setPermission] = useState<Permission>(currentPermission);

  const askPermission = async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  };

  const onChange = (checked: boolean) => {
    setEnabled(checked);
    if (!checked) return;
    // Turning it on is a gesture: audio may start now, and the chime shows what an alert sounds like.
    primeAlertAudio();
    playAlertChime();
    if (permission === 'default') void askPermission();
  };

  return (
    <>
      <Tooltip title={translate(permission === 'denied' && enabled ? 'alerts.signals.desktopBlocked' : 'alerts.signals.help')} describeChild>
        <FormControlLabel
          sx={{ mr: 1, '& .MuiFormControlLabel-label': { fontSize: '0.875rem', whiteSpace: 'nowrap' } }}
          control={<Switch checked={enabled} onChange={(event) => onChange(event.target.checked)} color="default" sx={{ '& .Mui-checked + .MuiSwitch-track': { bgcolor: '#f4c7c3', opacity: 1 } }} />}
          label={translate('alerts.signals.label')}
        />
      </Tooltip>
      {enabled && permission === 'default' && (
        <Button color="inherit" size="small" onClick={() => void askPermission()} sx={{ mr: 1, whiteSpace: 'nowrap' }}>
          {translate('alerts.signals.enableDesktop')}
        </Button>
      )}
    </>
  );
};
