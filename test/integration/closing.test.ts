import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';

describe('closing without losing anything', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock({ llm: false }));
  });
  afterAll(() => stack.stop());

  it('stores and answers a resident message sent within a second of a staff close', async () => {
    const staff = await new HttpClient(stack.baseUrl).login((await stack.createUser('staff')).email, TEST_PASSWORD);
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.tap('menu=staff');
    await resident.nextAnswer();
    const residentId = (await stack.db('residents').where({ line_user_id: resident.userId }).first()).id;
    const first = await stack.db('consultations').where({ resident_id: residentId }).first();
    expect((await staff.post(`/api/consultations/${first.id}/claim`)).status).toBe(200);
    await resident.nextAnswer();

    expect((await staff.post(`/api/consultations/${first.id}/close`)).status).toBe(200);
    expect((await resident.nextAnswer()).texts[0]).toContain('ご相談ありがとうございました');
    // The close is accepted, the run is still winding down: the resident writes once more.
    expect((await resident.say('あ、最後にひとつだけ聞いてもいいですか')).status).toBe(200);
    const answer = await resident.nextAnswer(30_000);
    expect(answer.texts.length).toBeGreaterThan(0);
    const stored = await eventually(async () => {
      const inbound = await stack.db('messages').where({ resident_id: residentId, direction: 'in', kind: 'text' });
      const row = inbound.find((m) => stack.sealer.open('messages', 'text', m) === 'あ、最後にひとつだけ聞いてもいいですか');
      expect(row).toBeDefined();
      return row;
    });
    // It opened the next consultation, where the AI answered it.
    expect(stored.consultation_id).not.toBe(first.id);
    await eventually(async () => {
      const reply = await stack.db('messages').where({ consultation_id: stored.consultation_id, sender: 'ai' }).first();
      expect(reply).toMatchObject({ delivery_status: 'sent' });
    });
    expect((await stack.db('consultations').where({ id: first.id }).first()).status).toBe('closed');
  });
});
