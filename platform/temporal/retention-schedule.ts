import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

export const RETENTION_SCHEDULE_ID = 'retention-daily';

/** The daily retention run, at 03:30 Tokyo time (quiet hours); created once, kept by every later start. */
export async function ensureRetentionSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec: { cronExpressions: ['30 3 * * *'], timezone: 'Asia/Tokyo' },
      action: { type: 'startWorkflow', workflowType: 'retentionWorkflow', taskQueue, workflowId: 'retention' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}
