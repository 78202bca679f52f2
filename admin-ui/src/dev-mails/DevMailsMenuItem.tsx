import MailOutlineIcon from '@mui/icons-material/MailOutlined';
import { Menu, useTranslate } from 'react-admin';
import { useDevMails } from './useDevMails';

/** In the menu for admins only while the development mail catcher is on. */
export const DevMailsMenuItem = () => {
  const translate = useTranslate();
  const { enabled } = useDevMails();
  if (!enabled) return null;
  return <Menu.Item to="/dev-mails" primaryText={translate('yorisoi.devMails.title')} leftIcon={<MailOutlineIcon />} />;
};
