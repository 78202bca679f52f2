import { useQuery } from '@tanstack/react-query';
import { usePermissions } from 'react-admin';
import { httpClient } from '../providers/httpClient';

export interface CaughtMail {
  id: string;
  at: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/**
 * The development mail catcher's mails (admins only). The API says `enabled: false` when the catcher is
 * off (production, or an SMTP server configured): nothing is shown and nothing is polled.
 */
export function useDevMails() {
  const { permissions } = usePermissions();
  const query = useQuery({
    queryKey: ['dev-mails'],
    queryFn: () => httpClient<{ enabled: boolean; data: CaughtMail[] }>('/api/dev-mails'),
    enabled: permissions === 'admin',
    retry: false,
    refetchInterval: (q) => (q.state.data?.enabled ? 5_000 : false),
  });
  return { enabled: query.data?.enabled === true, mails: query.data?.data ?? [], isPending: query.isPending && permissions === 'admin' };
}
