import { HttpClient } from '../../helpers/http-client';
import { seedCase } from '../../helpers/seed-case';
import { startTestStack, TestStack, TEST_PASSWORD } from '../../helpers/test-stack';

/** Follow-up tasks on a case and 今日の予定 (due today or overdue; own cases, supervisors all). */
describe('follow-up tasks', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({});
  });
  afterAll(() => stack.stop());

  /** A Tokyo calendar day `days` from today. */
  const tokyoDay = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const titles = async (client: HttpClient) => ((await client.get('/api/follow-ups/today')).body.data as { title: string }[]).map((t) => t.title).sort();

  it('are set and completed on a case; 今日の予定 lists the open ones due by today, own cases for staff and all for supervisors', async () => {
    const staff = await stack.createUser('staff');
    const colleague = await stack.createUser('staff');
    const mine = await seedCase(stack.db, { status: 'with_staff', assigned: staff.id });
    const theirs = await seedCase(stack.db, { status: 'with_staff', assigned: colleague.id });
    const a = await new HttpClient(stack.baseUrl).login(staff.email, TEST_PASSWORD);
    const b = await new HttpClient(stack.baseUrl).login(colleague.email, TEST_PASSWORD);
    const s = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);

    const later = await a.post(`/api/consultations/${mine.id}/follow-ups`, { title: '3日後に様子を聞く', dueOn: tokyoDay(3) });
    expect(later.status).toBe(201);
    expect(later.body.data).toMatchObject({ title: '3日後に様子を聞く', dueOn: tokyoDay(3), overdue: false, completedAt: null, residentCode: mine.residentCode });
    const today = await a.post(`/api/consultations/${mine.id}/follow-ups`, { title: '面接の結果を聞く', dueOn: tokyoDay(0) });
    await a.post(`/api/consultations/${mine.id}/follow-ups`, { title: '病院に行けたか確認', dueOn: tokyoDay(-2) });
    await b.post(`/api/consultations/${theirs.id}/follow-ups`, { title: '同僚の予定', dueOn: tokyoDay(0) });
    expect((await a.post(`/api/consultations/${theirs.id}/follow-ups`, { title: 'x', dueOn: tokyoDay(0) })).status).toBe(403);
    expect((await a.post(`/api/consultations/${mine.id}/follow-ups`, { title: 'x', dueOn: '2026-02-30' })).status).toBe(400);

    expect(await titles(a)).toEqual(['病院に行けたか確認', '面接の結果を聞く']);
    expect(await titles(b)).toEqual(['同僚の予定']);
    expect(await titles(s)).toEqual(expect.arrayContaining(['病院に行けたか確認', '面接の結果を聞く', '同僚の予定']));
    const overdue = (await a.get('/api/follow-ups/today')).body.data.find((t: { title: string }) => t.title === '病院に行けたか確認');
    expect(overdue.overdue).toBe(true);

    const done = await a.post(`/api/follow-ups/${today.body.data.id}/complete`);
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ completedAt: expect.any(String), completedByName: expect.stringMatching(/^staff /) });
    const again = await a.post(`/api/follow-ups/${today.body.data.id}/complete`);
    expect(again.body.data.completedAt).toBe(done.body.data.completedAt);
    expect(await titles(a)).toEqual(['病院に行けたか確認']);
    expect((await b.post(`/api/follow-ups/${later.body.data.id}/complete`)).status).toBe(403);

    const onCase = (await a.get(`/api/consultations/${mine.id}/follow-ups`)).body.data.map((t: { title: string }) => t.title);
    // Open ones first, by due day; completed ones after.
    expect(onCase).toEqual(['病院に行けたか確認', '3日後に様子を聞く', '面接の結果を聞く']);
    expect(await stack.db('audit_log').where({ actor_id: staff.id }).whereLike('action', 'follow-up.%').pluck('action')).toEqual(['follow-up.create', 'follow-up.create', 'follow-up.create', 'follow-up.complete']);
  });
});
