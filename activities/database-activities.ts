import type { Db } from '../platform/db';

export function createDatabaseActivities(deps: { db: Db; workerIdentity: string }) {
  return {
    /** Idempotent: a retried attempt finds the row already written and returns the same answer. */
    async recordSystemCheck(input: { checkId: string; workflowId: string }): Promise<string> {
      await deps.db('system_checks')
        .insert({ id: input.checkId, workflow_id: input.workflowId, worker_identity: deps.workerIdentity })
        .onConflict('id')
        .ignore();
      const row = await deps.db('system_checks').where({ id: input.checkId }).first();
      return row.worker_identity as string;
    },
  };
}
