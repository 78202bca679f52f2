import { HttpClient } from '../../helpers/http-client';
import { seedCase } from '../../helpers/seed-case';
import { startTestStack, TestStack, TEST_PASSWORD } from '../../helpers/test-stack';

/** 定型文: supervisors keep them, staff only read them, and on a case the placeholders are filled. */
describe('canned replies', () => {
  let stack: TestStack;
  let supervisor: HttpClient;
  let staff: HttpClient;
  let staffId: string;

  beforeAll(async () => {
    stack = await startTestStack({
      // Weekdays 9–18 only, so the next opening of a Saturday-or-later moment is a known day.
      profile: (p) => Object.assign(p.businessHours, { open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [], extraClosures: [] }),
    });
    supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    const user = await stack.createUser('staff');
    staffId = user.id;
    staff = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
  });
  afterAll(() => stack.stop());

  it('are created, edited and deleted by supervisors, read but not changed by staff, per language', async () => {
    const created = await supervisor.post('/api/canned-replies', { title: '受付時間', text: 'スタッフは{nextOpening}からお返事できます。' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ title: '受付時間', language: 'ja' });
    const english = await supervisor.post('/api/canned-replies', { title: 'Hours', text: 'Staff can answer from {nextOpening}.', language: 'en' });
    expect(english.status).toBe(201);

    const typo = await supervisor.post('/api/canned-replies', { title: '誤り', text: '{residentcode} さん' });
    expect(typo.status).toBe(400);
    expect(typo.body.error.details).toEqual([{ field: 'text', message: expect.stringContaining('{residentCode}') }]);

    const listed = await staff.get(`/api/canned-replies?filter=${encodeURIComponent(JSON.stringify({ language: 'en' }))}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((r: { title: string }) => r.title)).toEqual(['Hours']);
    expect((await staff.post('/api/canned-replies', { title: 'x', text: 'y' })).status).toBe(403);
    expect((await staff.patch(`/api/canned-replies/${created.body.data.id}`, { text: 'z' })).status).toBe(403);

    const edited = await supervisor.patch(`/api/canned-replies/${created.body.data.id}`, { text: '{residentCode} さん、スタッフは{nextOpening}からお返事できます。' });
    expect(edited.status).toBe(200);
    expect((await staff.get(`/api/canned-replies/${created.body.data.id}`)).body.data.text).toBe('{residentCode} さん、スタッフは{nextOpening}からお返事できます。');

    expect((await supervisor.delete(`/api/canned-replies/${english.body.data.id}`)).status).toBe(200);
    expect((await staff.get(`/api/canned-replies/${english.body.data.id}`)).status).toBe(404);
    const audited = await stack.db('audit_log').whereLike('action', 'canned-reply.%').orderBy('id').pluck('action');
    expect(audited).toEqual(['canned-reply.create', 'canned-reply.create', 'canned-reply.update', 'canned-reply.delete']);
  });

  it('fill the resident code and the next opening from the business calendar on a case the caller may see', async () => {
    await stack.db('canned_replies').insert({ title: 'Next', text: 'Hello {residentCode}, from {nextOpening}.', language: 'en' });
    const own = await seedCase(stack.db, { status: 'with_staff', assigned: staffId });
    const other = await seedCase(stack.db, { status: 'with_staff' });
    const res = await staff.get(`/api/consultations/${own.id}/canned-replies`);
    expect(res.status).toBe(200);
    const ja = res.body.data.find((r: { title: string }) => r.title === '受付時間');
    // Open now → now; else the next weekday at 9:00. Either way a Japanese date and hour, never a placeholder.
    expect(ja.text).toMatch(new RegExp(`^${own.residentCode} さん、スタッフは\\d+月\\d+日（[月火水木金]）\\d+時(\\d+分)?からお返事できます。$`));
    const en = res.body.data.find((r: { title: string }) => r.title === 'Next');
    expect(en.text).toMatch(new RegExp(`^Hello ${own.residentCode}, from (Mon|Tue|Wed|Thu|Fri) \\d+/\\d+ \\d+:\\d\\d \\(Japan time\\)\\.$`));
    expect((await staff.get(`/api/consultations/${other.id}/canned-replies`)).status).toBe(403);
  });
});
