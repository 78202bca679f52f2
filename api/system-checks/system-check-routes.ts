import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../platform/db';
import { systemCheckWorkflow } from '../../workflows';
import { recordAudit } from '../audit/audit-log';
import { ADMIN_ONLY } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { RouteSpec, signedInUser } from '../http/route';

/** Lets an admin prove the stack end to end: API → Temporal → worker → Postgres → back. */
export function systemCheckRoutes(deps: { db: Db; temporal: Client; taskQueue: string }): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/system-checks',
      access: ADMIN_ONLY,
      handler: async (req, res) => {
        const checkId = crypto.randomUUID();
        const started = Date.now();
        let result;
        try {
          result = await deps.temporal.workflow.execute(systemCheckWorkflow, {
            workflowId: `system-check-${checkId}`,
            taskQueue: deps.taskQueue,
            args: [checkId],
            workflowExecutionTimeout: '30s',
          });
        } catch (err) {
          throw new AppError(FailureCode.Unavailable, 'ワークフローが完了しませんでした。ワーカーが動いているか確認してください。', {
            reason: (err as Error).message,
          });
        }
        const row = await deps.db('system_checks').where({ id: result.checkId }).first();
        await recordAudit(deps.db, signedInUser(req), { action: 'system-check.run', targetType: 'system-check', targetId: checkId });
        res.status(201).json({
          data: { id: checkId, workerIdentity: row.worker_identity, recordedAt: new Date(row.checked_at).toISOString(), elapsedMs: Date.now() - started },
        });
      },
    },
  ];
}
