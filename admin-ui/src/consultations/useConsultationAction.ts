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
  const { mutate, isPending } = useMutation({
    mutationFn: ({ action, body }: { action: ConsultationAction; body?: Record<string, unknown> }) =>
      dataProvider.consultationAction(consultationId, action, body),
    onSettled: () => invalidateCases(queryClient),
  });

  const run = (action: ConsultationAction, body: Record<string, unknown> | undefined, options: ActionOptions) =>
    mutate(
      { action, body },
      {
        onSuccess: () => {
          notify(options.success, { type: 'success' });
          options.onSuccess?.();
        },
        onError: (error) => {
          if (options.onError?.(error)) return;
          notify(errorMessage(error), { type: 'error' });
        },
      },
    );
  return { run, isPending };
}
