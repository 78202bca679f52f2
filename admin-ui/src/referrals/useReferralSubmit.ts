import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import { httpClient } from '../providers/httpClient';
import { invalidateCases } from '../providers/liveUpdates';
import type { CaseReferral, PartnerSummary } from './types';

/** The partners a referral can go to (active ones), loaded while a referral dialog is open. */
export const useActivePartners = (open: boolean): PartnerSummary[] =>
  useQuery({
    queryKey: ['partners'],
    queryFn: () => httpClient<{ data: PartnerSummary[] }>('/api/partners').then((a) => a.data.filter((p) => p.active)),
    enabled: open,
  }).data ?? [];

/**
 * Posts a referral dialog's form; on success says so and closes, on failure shows the API's message
 * and keeps what staff typed. Cases are refreshed either way.
 */
export function useReferralSubmit(url: string, body: () => object, successMessage: string, close: () => void) {
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { mutateAsync, isPending } = useMutation({
    mutationFn: () => httpClient<{ data: CaseReferral }>(url, { method: 'POST', body: body() }),
    onSettled: () => invalidateCases(queryClient),
  });
  const submit = async () => {
    try {
      await mutateAsync();
    } catch (error) {
      notify(error instanceof Error && error.message ? error.message : 'ra.notification.http_error', { type: 'error' });
      return;
    }
    notify(successMessage, { type: 'success' });
    close();
  };
  return { submit, isPending };
}
