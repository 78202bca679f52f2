import SettingsIcon from '@mui/icons-material/Settings';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { Link } from 'react-router-dom';
import { AppBar as RaAppBar, LoadingIndicator, LocalesMenuButton, Logout, UserMenu, usePermissions, useTranslate, useUserMenu } from 'react-admin';
import { AlertSignalSwitch } from '../alerts';
import { canWorkOnCases } from '../roles';
import { TodayBadge } from '../follow-ups/TodayBadge';
import { AvailabilitySwitch } from './AvailabilitySwitch';

const AccountMenuItem = () => {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  return (
    <MenuItem component={Link} to="/account" onClick={() => userMenu?.onClose()}>
      <ListItemIcon>
        <SettingsIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('yorisoi.account.title')}</ListItemText>
    </MenuItem>
  );
};

/**
 * react-admin's app bar, with the availability switch for those who take cases. Always shown, not
 * hidden on scroll: the on-duty switch and the 今日の予定 reminder must stay in sight on a long case.
 */
export const AppBar = () => {
  const { permissions } = usePermissions();
  return (
    <RaAppBar
      alwaysOn
      userMenu={
        <UserMenu>
          <AccountMenuItem />
          <Logout />
        </UserMenu>
      }
      toolbar={
        <>
          {canWorkOnCases(permissions) && <AvailabilitySwitch />}
          {canWorkOnCases(permissions) && <AlertSignalSwitch />}
          {canWorkOnCases(permissions) && <TodayBadge />}
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    />
  );
};
