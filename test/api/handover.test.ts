import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { staffedAroundTheClock, startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

/**
 * The hand-over summary through the real webhook, worker and model stand-in: the AI answers with
 * sentences of its own, and only what the resident said and chose reaches the summary.
 */
describe('hand-over summary', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock({ profile: (p) => void (p.ai.debounceSeconds = 0) }));
  });
  afterAll(() => stack.stop());

  it('is built from the resident’s messages, intake and requests, never the AI’s sentences; staff edit and save it', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 0);
    await resident.say('夜になると誰とも話していなくて、さみしくなります。仕事はなんとか続けています。');
    await resident.nextAnswer();
    await resident.say('母が入院してから一人暮らしです。');
    await resident.nextAnswer();
    // Asks for a person: the case is in the queue, where any staff member may read its hand-over.
    await resident.tap('menu=staff');
    await resident.nextAnswer();
    const { id: residentId } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    const { id } = await stack.db('consultations').where({ resident_id: residentId }).first('id');
    const aiTexts = (await stack.db('messages').where({ consultation_id: id, sender: 'ai' })).map((m) => stack.sealer.open('messages', 'text', m) as string);
    expect(aiTexts.length).toBeGreaterThanOrEqual(2);

    const staff = await new HttpClient(stack.baseUrl).login((await stack.createUser('staff')).email, TEST_PASSWORD);
    const res = await staff.get(`/api/consultations/${id}/handover`);
    expect(res.status).toBe(200);
    const { generated, edited } = res.body.data;
    expect(edited).toBeNull();
    expect(generated.residentWords).toEqual(['夜になると誰とも話していなくて、さみしくなります。', '母が入院してから一人暮らしです。']);
    expect(generated.topics).toEqual(['さみしさ・孤独']);
    expect(generated.intake.map((q: { answer: string }) => q.answer)).toEqual(stack.profile.intake.questions.map((q) => q.options[0].label));
    // No sentence the AI wrote (nor the terms or intake questions it asked) is in it.
    const everything = JSON.stringify(generated);
    for (const sentence of aiTexts.flatMap((t) => t.split(/(?<=[。！？!?\n])/)).map((s) => s.trim()).filter((s) => s.length >= 6)) {
      expect(everything).not.toContain(sentence);
    }

    const text = '【要点】母の入院後、夜にさみしさ。仕事は継続。';
    const saved = await staff.request('PUT', `/api/consultations/${id}/handover`, { text });
    expect(saved.status).toBe(200);
    expect(saved.body.data.edited).toEqual({ text, at: expect.any(String), staffName: expect.stringMatching(/^staff /) });
    expect((await staff.get(`/api/consultations/${id}/handover`)).body.data.edited.text).toBe(text);
    expect(await stack.db('audit_log').where({ action: 'consultation.handover-edit', target_id: id }).count('* as n').first()).toEqual({ n: '1' });

    const reset = await staff.request('PUT', `/api/consultations/${id}/handover`, { text: '' });
    expect(reset.body.data.edited).toBeNull();
  }, 90_000);
});
