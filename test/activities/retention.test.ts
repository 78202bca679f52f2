import { createRetentionActivities } from '../../activities/retention-activities';
import { ensureRetentionSchedule, RETENTION_SCHEDULE_ID } from '../../platform/temporal/retention-schedule';
import { produceReport } from '../../api/reports/report-service';
import { parsePeriod } from '../../api/reports/report-model';
import { reportCalendar } from '../../api/reports/report-service';
import { insertReportFixture } from '../helpers/report-fixtures';
import { startTestStack, TestStack } from '../helpers/test-stack';

const FROM = '2026-04-01';
const TO = '2026-06-30';

describe('retention', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ profile: (p) => (p.retention = { caseTextDaysAfterClose: 30, inboxDaysAfterRelay: 7, sessionDays: 30, auditDays: 365 }) });
  });
  afterAll(() => stack.stop());

  it('removes what the profile says and the reports for the period give the same figures', async () => {
    await insertReportFixture(stack.db, { seed: 7, from: FROM, to: TO, residents: 40, consultingShare: 0.7, consultationsPerConsulter: 1.5, turnsPerConsultation: 4, personShare: 0.4, calendar: reportCalendar(stack.profile, parsePeriod(FROM, TO)), inboxForMessages: true });
    const closed = await stack.db('consultations').where('status', 'closed').whereRaw("closed_at < now() - interval '30 days'").first('id');
    expect(closed).toBeDefined();
    await stack.db('consultations').where({ id: closed.id }).update({ summary: '要約テキスト' });
    // The satisfaction answer keeps its score (reports count it); the sealed comment goes.
    const answered = await stack.db('satisfaction_responses').where({ consultation_id: closed.id }).first('id');
    const [comment] = answered
      ? [answered]
      : await stack.db('satisfaction_responses').insert({ consultation_id: closed.id, resident_id: (await stack.db('consultations').where({ id: closed.id }).first()).resident_id, asked_at: new Date(), score: 5, answered_at: new Date() }).returning('id');
    await stack.db('satisfaction_responses').where({ id: comment.id }).update(stack.sealer.seal('satisfaction_responses', 'comment', comment.id, 'ありがとう'));
    const [recent] = await stack.db('consultations').insert({ resident_id: (await stack.db('residents').first('id')).id, workflow_id: 'consultation-recent', status: 'closed', closed_at: new Date(Date.now() - 86_400_000), summary: '最近の要約' }).returning('id');
    const staff = await stack.createUser('staff');
    await stack.db('staff_sessions').insert({ token_hash: 'old', user_id: staff.id, csrf_token: 'x', expires_at: new Date(Date.now() - 40 * 86_400_000) });
    await stack.db('audit_log').insert({ action: 'test.old', at: new Date(Date.now() - 400 * 86_400_000) });

    const now = new Date('2026-11-30T00:00:00Z');
    const before = await produceReport(stack.db, stack.profile, FROM, TO, { now });
    const removed = await createRetentionActivities({ db: stack.db, profile: stack.profile }).enforceRetention();
    const after = await produceReport(stack.db, stack.profile, FROM, TO, { now });
    expect(after).toEqual(before);

    expect(removed.messageTexts).toBeGreaterThan(0);
    expect(removed).toMatchObject({ summaries: 1, sessions: 1, auditEntries: 1 });
    expect(await stack.db('messages').whereIn('consultation_id', stack.db('consultations').where('status', 'closed').whereRaw("closed_at < now() - interval '30 days'").select('id')).whereNotNull('text')).toEqual([]);
    expect((await stack.db('consultations').where({ id: recent.id }).first()).summary).toBe('最近の要約');
    expect(await stack.db('satisfaction_responses').where({ id: comment.id }).first()).toMatchObject({ comment: null, comment_key_id: null });
    expect(await stack.db('webhook_inbox').whereRaw("coalesce(relayed_at, received_at) < now() - interval '7 days'").whereNot('status', 'pending').whereRaw("event <> '{\"pruned\": true}'::jsonb")).toEqual([]);
    expect((await stack.db('retention_runs').orderBy('id', 'desc').first()).removed).toEqual(removed);
    // A second run finds nothing more.
    expect(Object.values(await createRetentionActivities({ db: stack.db, profile: stack.profile }).enforceRetention()).every((n) => n === 0)).toBe(true);
  });

  it('runs daily from a Temporal schedule, created once', async () => {
    await ensureRetentionSchedule(stack.temporal, stack.taskQueue);
    await ensureRetentionSchedule(stack.temporal, stack.taskQueue);
    const schedule = await stack.temporal.schedule.getHandle(RETENTION_SCHEDULE_ID).describe();
    expect(schedule.spec.calendars?.length ?? schedule.spec.intervals?.length ?? 1).toBeGreaterThan(0);
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'retentionWorkflow' });
    await stack.temporal.schedule.getHandle(RETENTION_SCHEDULE_ID).delete();
  });
});
