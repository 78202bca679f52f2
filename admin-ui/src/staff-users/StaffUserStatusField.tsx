import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

/** 有効 / 無効 / ロック中, from `disabled` and `lockedUntil`. */
export const StaffUserStatusField = () => {
  const record = useRecordContext<{ disabled: boolean; lockedUntil: string | null }>();
  const translate = useTranslate();
  if (!record) return null;
  const locked = record.lockedUntil !== null && new Date(record.lockedUntil) > new Date();
  const status = record.disabled ? 'disabled' : locked ? 'locked' : 'active';
  return (
    <Chip
      size="small"
      variant={status === 'active' ? 'outlined' : 'filled'}
      color={status === 'locked' ? 'warning' : 'default'}
      label={translate(`yorisoi.status.${status}`)}
    />
  );
};
