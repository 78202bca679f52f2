import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

// No activity failure may end a consultation. The database and alerts are retried without limit
// (short capped back-off, so an alert goes out soon after the database is back); the model falls back
// to the offline listener; a LINE send is given up after the profile's minutes and recorded undelivered.
const databaseOptions = { startToCloseTimeout: '10 seconds', retry: { maximumInterval: '5 seconds' } } as const;
const remoteDb = proxyActivities<Activities>(databaseOptions);
// Back-offs longer than 2 s wait on a server timer, so a database outage does not hold the worker's
// few workflow-task slots.
const localDb = proxyLocalActivities<Activities>({ ...databaseOptions, localRetryThreshold: '2 seconds' });
const remoteLineBestEffort = proxyActivities<Activities>({ startToCloseTimeout: '5 seconds', retry: { maximumAttempts: 1 } });
const localLineBestEffort = proxyLocalActivities<Activities>({ startToCloseTimeout: '5 seconds', retry: { maximumAttempts: 1 } });

/**
 * Database work and the loading animation are short and idempotent: local activities, run by the
 * worker already running the workflow task, without a schedule/complete round trip through the server
 * and a new workflow task for each (issue 17). The model and LINE sends stay activities: their
 * timeouts and retries differ. Runs recorded before the change replay with activities (docs/versioning.md).
 */
const localActivities = () => patched('local-activities');
export const db = () => (localActivities() ? localDb : remoteDb);
export const lineBestEffort = () => (localActivities() ? localLineBestEffort : remoteLineBestEffort);

// The listening activity falls back to the offline listener by itself; the workflow catches the rest.
export const listener = proxyActivities<Activities>({ startToCloseTimeout: '45 seconds', retry: { maximumAttempts: 2 } });
// Risk is assessed by rules even when the model is down, so this activity is retried like the database.
export const safety = proxyActivities<Activities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '5 seconds' } });
// Mail to on-call staff and supervisors.
export const alerts = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '10 seconds' } });

const DEFAULT_UNDELIVERED_AFTER_MS = 10 * 60_000;

// LINE 429/5xx are retried with back-off (the send is keyed, so a retry never reaches the resident
// twice) until the profile's minutes have passed; then the message is recorded as undelivered.
export const lineSends = (undeliveredAfterMs: number | undefined) =>
  proxyActivities<Activities>({
    startToCloseTimeout: '20 seconds',
    // Sends heartbeat every second: a worker that dies mid-send is noticed in seconds, not after 20.
    heartbeatTimeout: '5 seconds',
    scheduleToCloseTimeout: undeliveredAfterMs ?? DEFAULT_UNDELIVERED_AFTER_MS,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
