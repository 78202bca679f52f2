import crypto from 'node:crypto';
import { directoryReady } from '../../../api/partners/partner-directory';
import { HttpClient } from '../../helpers/http-client';
import { seedCase } from '../../helpers/seed-case';
import { startTestStack, TestStack, TEST_PASSWORD } from '../../helpers/test-stack';

/** Case search: code, dates, risk, status, staff, partner and message text, within need-to-know. */
describe('case search', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({});
    await directoryReady(stack.db, stack.profile);
  });
  afterAll(() => stack.stop());

  const search = async (client: HttpClient, filter: Record<string, unknown>) => {
    const res = await client.get(`/api/consultations?perPage=200&filter=${encodeURIComponent(JSON.stringify(filter))}`);
    expect(res.status).toBe(200);
    return (res.body.data as { id: string }[]).map((c) => c.id).sort();
  };

  it('finds cases by each filter, and by message text only among the cases the caller may read, audited', async () => {
    const staff = await stack.createUser('staff');
    const colleague = await stack.createUser('staff');
    const mine = await seedCase(stack.db, { status: 'with_staff', assigned: staff.id, highest: 'high', messages: [{ sender: 'resident', text: '猫のミケが帰ってこなくて眠れません' }] });
    const wrote = await seedCase(stack.db, { status: 'closed', closedDaysAgo: 1, openedDaysAgo: 10, messages: [{ sender: 'resident', text: '仕事が見つからない' }, { sender: 'staff', text: 'ミケのこと、心配ですね', staffId: staff.id }] });
    const hidden = await seedCase(stack.db, { status: 'with_staff', assigned: colleague.id, messages: [{ sender: 'resident', text: 'ミケという名前の猫がいます' }] });
    await stack.db('referrals').insert({ id: crypto.randomUUID(), consultation_id: wrote.id, resident_id: wrote.residentId, organization_id: stack.profile.partners[1].id, reason: '就労', share: ['name'], status: 'sent' });

    const a = await new HttpClient(stack.baseUrl).login(staff.email, TEST_PASSWORD);
    const s = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);

    expect(await search(a, { residentCode: mine.residentCode.slice(2, 6).toLowerCase() })).toEqual([mine.id]);
    expect(await search(a, { riskLevel: 'high', status: 'with_staff' })).toEqual([mine.id]);
    expect(await search(a, { staffId: staff.id })).toEqual([mine.id, wrote.id].sort());
    expect(await search(s, { staffId: colleague.id })).toEqual([hidden.id]);
    expect(await search(a, { partnerId: stack.profile.partners[1].id })).toEqual([wrote.id]);
    const tokyoDay = (daysAgo: number) => new Date(Date.now() + 9 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    expect(await search(a, { openedFrom: tokyoDay(11), openedTo: tokyoDay(9) })).toEqual([wrote.id]);

    // Text: a resident's words or a staff reply; the colleague's case matches too, but staff may not read it.
    expect(await search(a, { text: 'ミケ' })).toEqual([mine.id, wrote.id].sort());
    expect(await search(s, { text: 'ミケ' })).toEqual([mine.id, wrote.id, hidden.id].sort());
    expect(await search(a, { text: '100%' })).toEqual([]);
    const audit = await stack.db('audit_log').where({ actor_id: staff.id, action: 'consultation.search-text' }).orderBy('id');
    expect(audit.map((e) => e.details)).toEqual([{ matches: 2 }, { matches: 0 }]);
    // The words searched for are not kept anywhere in the trace.
    expect(JSON.stringify(audit)).not.toContain('ミケ');
    // Text sealed at rest, as the worker stores it, is found too; a sealed word never matches in SQL.
    const sealedId = crypto.randomUUID();
    await stack.db('messages').insert({ id: sealedId, consultation_id: mine.id, resident_id: mine.residentId, direction: 'in', sender: 'resident', ...stack.sealer.seal('messages', 'text', sealedId, '飼っているタマの話') });
    expect(await stack.db('messages').whereILike('text', '%タマ%')).toEqual([]);
    expect(await search(a, { text: 'タマ' })).toEqual([mine.id]);
    expect((await a.get(`/api/consultations?filter=${encodeURIComponent(JSON.stringify({ staffId: 'not-a-uuid' }))}`)).status).toBe(400);
    expect((await a.get('/api/case-workers')).body.data).toEqual(expect.arrayContaining([{ id: staff.id, name: expect.any(String) }]));
  });
});
