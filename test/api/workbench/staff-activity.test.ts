import crypto from 'node:crypto';
import { HttpClient } from '../../helpers/http-client';
import { seedCase } from '../../helpers/seed-case';
import { openAroundTheClock, startTestStack, TestStack, TEST_PASSWORD } from '../../helpers/test-stack';

/** 対応実績（スタッフ別）: cases, first-reply time and alerts per staff member, with the reports' small-cell rules. */
describe('per-staff activity report', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ profile: openAroundTheClock });
  });
  afterAll(() => stack.stop());

  // Wednesday 18 November 2026, 10:00 in Tokyo: an ordinary business day.
  const DAY = Date.parse('2026-11-18T01:00:00Z');
  const MIN = 60_000;

  /** A case opened on DAY, the resident asking for a person at once, answered first by `staffId` after `minutes`. */
  const handledCase = async (staffId: string, minutes: number, i: number) => {
    const c = await seedCase(stack.db, { status: 'closed', messages: [] });
    const requested = new Date(DAY + i * 60 * MIN);
    await stack.db('consultations').where({ id: c.id }).update({ opened_at: requested, waiting_since: requested, first_staff_reply_at: new Date(requested.getTime() + minutes * MIN), closed_at: new Date(requested.getTime() + 120 * MIN) });
    await stack.db('messages').insert([
      { consultation_id: c.id, resident_id: c.residentId, direction: 'in', sender: 'resident', text: 'はなしたい', created_at: requested },
      { consultation_id: c.id, resident_id: c.residentId, direction: 'out', sender: 'staff', staff_id: staffId, text: 'こんにちは', created_at: new Date(requested.getTime() + minutes * MIN) },
    ]);
    return c;
  };
  const acknowledge = async (staffId: string, consultationId: string, n: number) => {
    for (let i = 0; i < n; i += 1) {
      await stack.db('alerts').insert({ id: crypto.randomUUID(), consultation_id: consultationId, kind: 'crisis', level: 'high', channel: 'dashboard', created_at: new Date(DAY), acknowledged_at: new Date(DAY + MIN), acknowledged_by: staffId });
    }
  };

  it('shows each staff member’s figures to supervisors, hiding small counts and medians over few cases', async () => {
    const busy = await stack.createUser('staff');
    const quiet = await stack.createUser('staff');
    const busyCases = [];
    for (const [i, minutes] of [4, 8, 10, 12, 30].entries()) busyCases.push(await handledCase(busy.id, minutes, i));
    await handledCase(quiet.id, 3, 6);
    await handledCase(quiet.id, 5, 7);
    await acknowledge(busy.id, busyCases[0].id, 6);
    await acknowledge(quiet.id, busyCases[0].id, 1);

    const supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    const res = await supervisor.get('/api/reports/staff-activity?from=2026-11-18&to=2026-11-18');
    expect(res.status).toBe(200);
    const row = (id: string) => res.body.data.rows.find((r: { staffId: string }) => r.staffId === id);
    expect(row(busy.id)).toMatchObject({
      casesHandled: { value: 5, display: '5' },
      firstReplyMedianMinutes: { value: 10, display: '10.0分' },
      alertsAcknowledged: { value: 6, display: '6' },
    });
    // Two cases and one alert: below the threshold of 5, so not shown, and no median over two cases.
    expect(row(quiet.id)).toMatchObject({
      casesHandled: { value: null, display: '<5', hidden: 'small' },
      firstReplyMedianMinutes: { value: null, display: '－', hidden: 'few' },
      alertsAcknowledged: { value: null, display: '<5', hidden: 'small' },
    });
    expect(JSON.stringify(row(quiet.id))).not.toMatch(/"value":\s*[1-9]/);

    // Another day: nothing handled.
    const other = await supervisor.get('/api/reports/staff-activity?from=2026-11-19&to=2026-11-19');
    expect(other.body.data.rows.find((r: { staffId: string }) => r.staffId === busy.id).casesHandled).toEqual({ value: 0, display: '0' });

    const official = await new HttpClient(stack.baseUrl).login((await stack.createUser('official')).email, TEST_PASSWORD);
    expect((await official.get('/api/reports/staff-activity?from=2026-11-18&to=2026-11-18')).status).toBe(403);
    expect((await supervisor.get('/api/reports/staff-activity?from=2026-11-18&to=2026-11-40')).status).toBe(400);
  });
});
