import { InboxRelay } from '../../api/line-webhook/inbox-relay';
import { createLogger } from '../../platform/logger';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';

const MARKER = 'ATREST-MARKER-7f3a';

/** Every row whose text, jsonb or array column holds `needle` in clear, as `table.column`. */
async function clearTextHolders(stack: TestStack, needle: string): Promise<string[]> {
  const columns = (await stack.db.raw("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'character varying', 'ARRAY')"))
    .rows as { table_name: string; column_name: string }[];
  const found: string[] = [];
  for (const { table_name: t, column_name: c } of columns) {
    const { rows } = await stack.db.raw('SELECT count(*)::int AS n FROM ?? WHERE ??::text LIKE ?', [t, c, `%${needle}%`]);
    if (rows[0].n > 0) found.push(`${t}.${c}`);
  }
  return found;
}

/**
 * Encryption at rest, through the real webhook, worker and API: what the resident wrote, the AI's
 * hand-over summary and what staff wrote are sealed in PostgreSQL, and staff still read them.
 */
describe('encryption at rest of free text', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock());
  });
  afterAll(() => stack.stop());

  it('keeps no clear text of a consultation in any table, while the staff API shows it', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say(`夜になると ${MARKER} のことを考えて眠れません`);
    await resident.nextAnswer();
    await resident.tap('menu=staff');
    await resident.nextAnswer();
    const { id: residentId } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    const consultation = await stack.db('consultations').where({ resident_id: residentId }).first('id');
    const supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    const queue = (await supervisor.get('/api/queue')).body.data as { id: string; lastMessage: { text: string | null } | null }[];
    expect(queue.find((q) => q.id === consultation.id)?.lastMessage?.text).toContain(MARKER);
    // Claiming writes the hand-over summary from the conversation.
    expect((await supervisor.post(`/api/consultations/${consultation.id}/claim`)).status).toBe(200);
    await resident.nextAnswer();
    await eventually(async () => expect((await stack.db('consultations').where({ id: consultation.id }).first()).summary_key_id).toBe(stack.sealer.currentKeyId));
    expect((await supervisor.post(`/api/consultations/${consultation.id}/notes`, { text: `メモ ${MARKER}-note` })).status).toBe(201);
    expect((await supervisor.post(`/api/consultations/${consultation.id}/risk-reviews`, { note: `確認 ${MARKER}-review` })).status).toBe(201);
    expect((await supervisor.request('PUT', `/api/consultations/${consultation.id}/handover`, { text: `引き継ぎ ${MARKER}-handover` })).status).toBe(200);
    await stack.relay.drain();

    expect(await clearTextHolders(stack, MARKER)).toEqual([]);
    const inbound = await stack.db('messages').where({ consultation_id: consultation.id, direction: 'in', kind: 'text' });
    expect(inbound.every((m) => m.text_key_id === stack.sealer.currentKeyId && String(m.text).startsWith(`v1.${stack.sealer.currentKeyId}.`))).toBe(true);

    const messages = (await supervisor.get(`/api/consultations/${consultation.id}/messages`)).body.data as { sender: string; text: string | null }[];
    expect(messages.filter((m) => m.sender === 'resident').map((m) => m.text)).toContain(`夜になると ${MARKER} のことを考えて眠れません`);
    expect(messages.filter((m) => m.sender === 'ai').every((m) => typeof m.text === 'string' && m.text.length > 0)).toBe(true);
    const detail = (await supervisor.get(`/api/consultations/${consultation.id}`)).body.data;
    expect(detail.summary).toEqual(expect.any(String));
    expect(detail.notes.map((n: { text: string }) => n.text)).toEqual([`メモ ${MARKER}-note`]);
    expect(detail.reviews.map((r: { note: string }) => r.note)).toEqual([`確認 ${MARKER}-review`]);
    expect((await supervisor.get(`/api/consultations/${consultation.id}/handover`)).body.data.edited.text).toBe(`引き継ぎ ${MARKER}-handover`);
  }, 120_000);

  it('keeps what a resident sent sealed in the inbox while the relay is stopped, then delivers it intact', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await stack.relay.drain();
    await stack.relay.stop();
    const words = `${MARKER}-inbox は 駅前 で待っています`;
    const sent = await resident.say(words);
    expect(sent.status).toBe(200);
    const row = await stack.db('webhook_inbox').where({ webhook_event_id: sent.eventId }).first();
    expect(row).toMatchObject({ status: 'pending', content_key_id: stack.sealer.currentKeyId });
    // Not in `event`, `content` or any other column of any table while it waits.
    expect(await clearTextHolders(stack, `${MARKER}-inbox`)).toEqual([]);

    // A relay started later (as after a restart) opens it and hands it to the consultation.
    await new InboxRelay({ db: stack.db, sealer: stack.sealer, temporal: stack.temporal, taskQueue: stack.taskQueue, logger: createLogger('silent') }).drain();
    const { id: residentId } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    const supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    const consultation = await stack.db('consultations').where({ resident_id: residentId }).first('id');
    await eventually(async () => {
      const messages = (await supervisor.get(`/api/consultations/${consultation.id}/messages`)).body.data as { sender: string; text: string | null }[];
      expect(messages.filter((m) => m.sender === 'resident').map((m) => m.text)).toContain(words);
    });
    // Relayed: the sealed content is gone from the inbox too.
    expect(await stack.db('webhook_inbox').where({ webhook_event_id: sent.eventId }).first()).toMatchObject({ status: 'relayed', content: null, content_key_id: null });
  }, 120_000);

  it('refuses a sealed value moved to another row', async () => {
    const rows = await stack.db('messages').whereNotNull('text_key_id').orderBy('created_at').limit(2);
    expect(rows).toHaveLength(2);
    expect(() => stack.sealer.open('messages', 'text', { ...rows[1], text: rows[0].text })).toThrow();
  });
});
