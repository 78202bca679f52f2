import crypto from 'node:crypto';
import type OpenAI from 'openai';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { staffedAroundTheClock, startTestStack, TEST_PASSWORD, TestStack } from '../helpers/test-stack';
import { PHRASEBOOK } from '../stand-ins/openai-api';

const STAFF_REPLY = '話してくれてありがとうございます。よかったら、明日また話しましょう。';

/** A Vietnamese resident reaches a person; staff read and write Japanese. */
async function residentWithStaff(stack: TestStack) {
  const user = await stack.createUser('staff');
  const staff = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
  const resident = new PretendResident(stack);
  stack.line.setProfile(resident.userId, { language: 'vi' });
  await resident.onboard(stack.profile.intake.questions);
  await resident.say('Dạo này tôi thấy rất cô đơn');
  await resident.nextAnswer();
  await resident.say('Số điện thoại của tôi là 090-1234-5678');
  await resident.nextAnswer();
  await resident.tap('menu=staff');
  await resident.nextAnswer();
  const row = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
  const consultation = await eventually(async () => {
    const found = await stack.db('consultations').where({ resident_id: row.id, status: 'waiting_for_staff' }).first('id');
    expect(found).toBeDefined();
    return found as { id: string };
  });
  expect((await staff.post(`/api/consultations/${consultation.id}/claim`)).status).toBe(200);
  await resident.nextAnswer();
  return { staff, resident, consultationId: consultation.id };
}

type TimelineMessage = { sender: string; kind: string; text: string; paired: { role: string; language: string; text: string } | null };

describe('machine translation for staff, with a model configured', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock());
  });
  afterAll(() => stack.stop());

  it('shows a Vietnamese resident’s words with a Japanese machine translation, the phone number never sent to the model', async () => {
    const { staff, consultationId } = await residentWithStaff(stack);
    expect((await staff.get(`/api/consultations/${consultationId}`)).body.data.translationAvailable).toBe(true);

    const timeline: TimelineMessage[] = (await staff.get(`/api/consultations/${consultationId}/messages`)).body.data;
    const resident = timeline.filter((m) => m.sender === 'resident' && m.kind === 'text');
    expect(resident.map((m) => [m.text, m.paired])).toEqual([
      ['Dạo này tôi thấy rất cô đơn', { role: 'translation', language: 'ja', text: PHRASEBOOK.Japanese['Dạo này tôi thấy rất cô đơn'] }],
      // Staff read the number in the translation; the model saw only a placeholder.
      ['Số điện thoại của tôi là 090-1234-5678', { role: 'translation', language: 'ja', text: '[Japanese] Số điện thoại của tôi là 090-1234-5678' }],
    ]);
    const prompts = stack.openai.requests.map((r) => JSON.stringify((r.body as OpenAI.Chat.ChatCompletionCreateParams).messages));
    const translationPrompts = prompts.filter((p) => p.includes("Translate the user's message into Japanese"));
    expect(translationPrompts).toHaveLength(2);
    expect(translationPrompts.join()).toContain('Số điện thoại của tôi là ⟦1⟧');
    expect(prompts.join()).not.toContain('090-1234-5678');

    // Kept sealed: a second view asks the model nothing more, and the database holds no clear text.
    const before = stack.openai.requests.length;
    await staff.get(`/api/consultations/${consultationId}/messages`);
    expect(stack.openai.requests.length).toBe(before);
    const stored = await stack.db('messages').where({ consultation_id: consultationId, paired_role: 'translation' }).select('paired_text', 'paired_text_key_id');
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      expect(row.paired_text_key_id).not.toBeNull();
      expect(row.paired_text).not.toContain('孤独');
    }
  });

  it('sends a staff reply translated into Vietnamese and keeps the Japanese original on the staff timeline', async () => {
    const { staff, resident, consultationId } = await residentWithStaff(stack);
    const sent = await staff.post(`/api/consultations/${consultationId}/messages`, { text: STAFF_REPLY, clientMessageId: crypto.randomUUID(), translate: true });
    expect(sent.status).toBe(201);
    expect((await resident.nextAnswer()).texts).toEqual([PHRASEBOOK.Vietnamese[STAFF_REPLY]]);

    const staffMessages = ((await staff.get(`/api/consultations/${consultationId}/messages`)).body.data as TimelineMessage[]).filter((m) => m.sender === 'staff');
    expect(staffMessages.at(-1)).toMatchObject({ text: PHRASEBOOK.Vietnamese[STAFF_REPLY], paired: { role: 'original', language: 'ja', text: STAFF_REPLY } });
  });

  it('never sends a failed translation: staff are told to send untranslated, and that still works', async () => {
    const { staff, resident, consultationId } = await residentWithStaff(stack);
    const pushesBefore = resident.answers().length;
    // The translator tries twice (one retry); both fail.
    stack.openai.failNext(500, 2);
    const refused = await staff.post(`/api/consultations/${consultationId}/messages`, { text: STAFF_REPLY, clientMessageId: crypto.randomUUID(), translate: true });
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toContain('翻訳できませんでした');
    expect(refused.body.error.message).toContain('翻訳せずに送る');

    const plain = await staff.post(`/api/consultations/${consultationId}/messages`, { text: STAFF_REPLY, clientMessageId: crypto.randomUUID() });
    expect(plain.status).toBe(201);
    expect((await resident.nextAnswer()).texts).toEqual([STAFF_REPLY]);
    expect(resident.answers().length).toBe(pushesBefore + 1);
  });
});

describe('without a model', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock({ llm: false }));
  });
  afterAll(() => stack.stop());

  it('offers no translation and refuses a translated send, while a plain send goes through', async () => {
    const { staff, resident, consultationId } = await residentWithStaff(stack);
    expect((await staff.get(`/api/consultations/${consultationId}`)).body.data.translationAvailable).toBe(false);
    const timeline: TimelineMessage[] = (await staff.get(`/api/consultations/${consultationId}/messages`)).body.data;
    expect(timeline.find((m) => m.text === 'Dạo này tôi thấy rất cô đơn')).toMatchObject({ paired: null });

    const refused = await staff.post(`/api/consultations/${consultationId}/messages`, { text: STAFF_REPLY, clientMessageId: crypto.randomUUID(), translate: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('翻訳は利用できません');
    expect((await staff.post(`/api/consultations/${consultationId}/messages`, { text: STAFF_REPLY, clientMessageId: crypto.randomUUID() })).status).toBe(201);
    expect((await resident.nextAnswer()).texts).toEqual([STAFF_REPLY]);
  });
});
