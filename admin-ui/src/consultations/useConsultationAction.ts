import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify, type Identifier } from 'react-admin';
import { invalidateCases } from '../providers/liveUpdates';
import type { YorisoiDataProvider } from '../providers/dataProvider';
import type { ConsultationAction } from './types';

export interface ActionOptions {
  /** Translation key of the success notification. */
  success: string;
  onSuccess?: () => void;
  /** Return true when the error was shown some other way (no notification then). */
  onError?: (error: unknown) => boolean;
}

/** The code of an API error (see providers/httpClient.ts), e.g. REVIEW_REQUIRED. */
export const errorCode = (error: unknown): string | undefined => (error as { body?: { code?: string } } | null)?.body?.code;

export const errorMessage = (error: unknown): string => (error instanceof Error && error.message ? error.message : 'ra.notification.http_error');

/** POSTs one of the case actions; then every list and record showing cases is fetched again. */
export function useConsultationAction(consultationId: Identifier) {
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { mutateAsync, isPending } = useMutation({
    mutationFn: ({ action, body }: { action: ConsultationAction; body?: Record<string, unknown> }) =>
      dataProvider.consultationAction(consultationId, action, body),
    onSettled: () => invalidateCases(queryClient),
  });

  // mutateAsync rather than mutate's callbacks: those are skipped once the component unmounts, and
  // a live event often removes the button (e.g. the queue row) before the action's answer arrives.
  const run = async (action: ConsultationAction, body: Record<string, unknown> | undefined, options: ActionOptions) => {
    try {
      await mutateAsync({ action, body });
    } catch (error) {
      if (!options.onError?.(error)) notify(errorMessage(error), { type: 'error' });
      return;
    }
    notify(options.success, { type: 'success' });
    options.onSuccess?.();
  };
  return { run, isPending };
}
