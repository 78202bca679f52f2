import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const { recordSystemCheck } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

export interface SystemCheckResult {
  checkId: string;
  workerIdentity: string;
}

/** Proves the whole path works: the API starts it, a worker runs it, its activity writes to Postgres. */
export async function systemCheckWorkflow(checkId: string): Promise<SystemCheckResult> {
  const workerIdentity = await recordSystemCheck({ checkId, workflowId: workflowInfo().workflowId });
  return { checkId, workerIdentity };
}
