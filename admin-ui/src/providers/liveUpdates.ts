import { useEffect } from 'react';
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';

const EVENTS_URL = '/api/events';
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

/** react-admin keys its queries by resource first, so a prefix refetches every list and record of it. */
const QUEUE: QueryKey = ['queue'];
const CASES: QueryKey[] = [['queue'], ['consultations'], ['residents']];

/** After an action of our own: everything a case appears in may have changed. */
export function invalidateCases(queryClient: QueryClient): void {
  for (const queryKey of CASES) void queryClient.invalidateQueries({ queryKey });
}

/**
 * Keeps the open screens current from the API's server-sent events: each event only says what
 * changed, and the affected queries are fetched again (only those on screen refetch at once).
 *
 * EventSource reconnects by itself after a dropped connection. It gives up on an HTTP error
 * (e.g. a restart answering 502), so then we open a new one, waiting longer each time.
 */
export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryMs = FIRST_RETRY_MS;
    let connectedBefore = false;
    let stopped = false;

    const invalidate = (keys: QueryKey[]) => {
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };

    const connect = () => {
      source = new EventSource(EVENTS_URL, { withCredentials: true });
      source.addEventListener('open', () => {
        retryMs = FIRST_RETRY_MS;
        // Events sent while we were away are lost: catch up once.
        if (connectedBefore) invalidate(CASES);
        connectedBefore = true;
      });
      source.addEventListener('queue', () => invalidate([QUEUE]));
      source.addEventListener('consultation', () => invalidate(CASES));
      source.addEventListener('message', () => invalidate(CASES));
      source.addEventListener('alert', () => invalidate(CASES));
      source.addEventListener('error', () => {
        if (stopped || source?.readyState !== EventSource.CLOSED) return;
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      });
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [enabled, queryClient]);
}
