import { useEffect } from 'react';
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';

const EVENTS_URL = '/api/events';
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;
/** The API sends a `ping` every 25 s; a stream silent for longer than this is dead and opened anew. */
const SILENT_STREAM_MS = 70_000;
/** Safety net for anything the stream missed: what staff watch is fetched again this often. */
const SAFETY_REFETCH_MS = 30_000;

/** react-admin keys its queries by resource first, so a prefix refetches every list and record of it. */
const QUEUE: QueryKey = ['queue'];
const ALERTS: QueryKey = ['alerts'];
const CASES: QueryKey[] = [QUEUE, ['consultations'], ['residents'], ALERTS];

/** After an action of our own: everything a case appears in may have changed. */
export function invalidateCases(queryClient: QueryClient): void {
  for (const queryKey of CASES) void queryClient.invalidateQueries({ queryKey });
}

/**
 * Keeps the open screens current from the API's server-sent events: each event only says what
 * changed, and the affected queries are fetched again (only those on screen refetch at once).
 *
 * EventSource reconnects by itself after a dropped connection. It gives up on an HTTP error
 * (e.g. a restart answering 502), so then we open a new one, waiting longer each time; a stream
 * that stays open but goes silent (a proxy dropped it) is replaced too. `resync` comes after the
 * API lost and regained its database listener: whatever happened in between is fetched again.
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
    let lastHeard = Date.now();

    const invalidate = (keys: QueryKey[]) => {
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };
    const heard = (keys: QueryKey[]) => () => {
      lastHeard = Date.now();
      invalidate(keys);
    };

    const connect = () => {
      lastHeard = Date.now();
      source = new EventSource(EVENTS_URL, { withCredentials: true });
      source.addEventListener('open', () => {
        lastHeard = Date.now();
        retryMs = FIRST_RETRY_MS;
        // Events sent while we were away are lost: catch up once.
        if (connectedBefore) invalidate(CASES);
        connectedBefore = true;
      });
      source.addEventListener('ping', heard([]));
      source.addEventListener('queue', heard([QUEUE]));
      source.addEventListener('consultation', heard(CASES));
      source.addEventListener('message', heard(CASES));
      source.addEventListener('alert', heard(CASES));
      source.addEventListener('resync', heard(CASES));
      source.addEventListener('error', () => {
        if (stopped || source?.readyState !== EventSource.CLOSED) return;
        retryTimer = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      });
    };

    const watchdog = setInterval(() => {
      if (source?.readyState !== EventSource.OPEN || Date.now() - lastHeard < SILENT_STREAM_MS) return;
      source.close();
      connect();
    }, SILENT_STREAM_MS / 4);
    const safetyNet = setInterval(() => invalidate([QUEUE, ALERTS]), SAFETY_REFETCH_MS);

    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(watchdog);
      clearInterval(safetyNet);
      source?.close();
    };
  }, [enabled, queryClient]);
}
