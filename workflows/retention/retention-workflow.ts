import { proxyActivities } from '@temporalio/workflow';
import type { createRetentionActivities } from '../../activities/retention-activities';

const { enforceRetention } = proxyActivities<ReturnType<typeof createRetentionActivities>>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5 },
});

/** One retention run (started daily by the `retention-daily` schedule). */
export async function retentionWorkflow(): Promise<Record<string, number>> {
  return enforceRetention();
}
