import crypto from 'node:crypto';
import { directoryReady } from '../../../api/partners/partner-directory';
import { HttpClient } from '../../helpers/http-client';
import { seedCase } from '../../helpers/seed-case';
import { startTestStack, TestStack, TEST_PASSWORD } from '../../helpers/test-stack';

/** 紹介一覧 across cases: filters by status, partner and overdue, within need-to-know. */
describe('referrals list across cases', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({});
    await directoryReady(stack.db, stack.profile);
  });
  afterAll(() => stack.stop());

  const referral = async (c: { id: string; residentId: string }, partnerId: string, status: string, overdue: string[] = []) => {
    const id = crypto.randomUUID();
    await stack.db('referrals').insert({ id, consultation_id: c.id, resident_id: c.residentId, organization_id: partnerId, reason: '就労の相談', share: ['name'], status, overdue, sent_at: new Date() });
    return id;
  };
  const ids = async (client: HttpClient, filter: Record<string, unknown> = {}) => {
    const res = await client.get(`/api/referrals?perPage=200&filter=${encodeURIComponent(JSON.stringify(filter))}`);
    expect(res.status).toBe(200);
    return (res.body.data as { id: string }[]).map((r) => r.id).sort();
  };

  it('shows staff the referrals of their own cases only, supervisors all; filters by status, partner and overdue', async () => {
    const [p1, p2] = stack.profile.partners.map((p) => p.id);
    const staff = await stack.createUser('staff');
    const mine = await seedCase(stack.db, { status: 'with_staff', assigned: staff.id });
    const others = await seedCase(stack.db, { status: 'with_staff' });
    const late = await referral(mine, p1, 'sent', ['acknowledge']);
    const accepted = await referral(mine, p2, 'accepted');
    const closedLate = await referral(mine, p1, 'closed', ['contact']);
    const hidden = await referral(others, p1, 'sent', ['acknowledge']);

    const a = await new HttpClient(stack.baseUrl).login(staff.email, TEST_PASSWORD);
    const s = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    expect(await ids(a)).toEqual([late, accepted, closedLate].sort());
    expect(await ids(s)).toEqual([late, accepted, closedLate, hidden].sort());
    expect(await ids(a, { status: 'accepted' })).toEqual([accepted]);
    expect(await ids(a, { partnerId: p1 })).toEqual([late, closedLate].sort());
    // A closed referral is no longer overdue, whatever deadlines it once missed.
    expect(await ids(a, { overdue: true })).toEqual([late]);
    expect(await ids(s, { overdue: true })).toEqual([late, hidden].sort());
    expect(await ids(a, { overdue: false })).toEqual([accepted, closedLate].sort());

    const row = (await a.get('/api/referrals')).body.data.find((r: { id: string }) => r.id === late);
    expect(row).toMatchObject({ residentCode: mine.residentCode, partnerId: p1, partnerName: stack.profile.partners[0].name, status: 'sent', consultationId: mine.id });
    expect((await a.get('/api/referrals?filter={"status":"lost"}')).status).toBe(400);
  });
});
