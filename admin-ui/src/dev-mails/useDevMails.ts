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
 * The development mail catcher's mails (admins only). The API answers 404 when the catcher is off
 * (production, or an SMTP server configured): `enabled` is then false and nothing is shown.
 */
export function useDevMails() {
  const { permissions } = usePermissions();
  const query = useQuery({
    queryKey: ['dev-mails'],
    queryFn: () => httpClient<{ data: CaughtMail[] }>('/api/dev-mails').then((r) => r.data),
    enabled: permissions === 'admin',
    retry: false,
    refetchInterval: 5_000,
  });
  return { enabled: query.isSuccess, mails: query.data ?? [], isPending: query.isPending && permissions === 'admin' };
}
