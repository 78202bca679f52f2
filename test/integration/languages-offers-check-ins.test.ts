import { CHECK_IN_POSTBACK } from '../../workflows/check-ins/check-in-policy';
import { NUDGE_POSTBACK } from '../../workflows/nudges/nudge-policy';
import { eventually } from '../helpers/eventually';
import { PretendResident } from '../helpers/pretend-resident';
import { staffedAroundTheClock, startTestStack, TestStack } from '../helpers/test-stack';

const actionsOf = (request: { body: unknown }) =>
  ((request.body as { messages: { quickReply?: { items: { action: { data: string; label: string } }[] } }[] }).messages.at(-1)?.quickReply?.items ?? []).map((i) => i.action);

/** The offer of a person and the caring check-in question reach an English-speaking resident in English. */
describe('offers and check-ins in the resident’s language', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(
      staffedAroundTheClock({
        llm: false,
        profile: (p) => {
          p.nudges.afterTurns = 1;
          p.nudges.quietHours = { from: '00:00', to: '00:00' }; // offers and the question may go at any hour of the test run
          p.consultation.closeAfterSilenceHours = 3 / 3600; // three seconds of silence
          p.outcomes.satisfactionQuestion = false; // the closing question comes first otherwise; satisfaction.test.ts covers it
        },
      }),
    );
  });
  afterAll(() => stack.stop());

  it('offers a person, respects the refusal, then asks the check-in question and confirms the yes, all in English', async () => {
    const en = stack.profile.languages.en.texts;
    const resident = new PretendResident(stack);
    stack.line.setProfile(resident.userId, { language: 'en' });
    await resident.onboard(stack.profile.intake.questions, 1);

    await resident.say('I feel lonely in the evenings');
    const answer = await resident.nextAnswer();
    expect(answer.texts.at(-1)).toBe(`${en.nudgeLeadInTurn}\n${en.nudgeAsk}\n${en.nudgeOpenNow}`);
    expect(actionsOf(answer.request)).toEqual([
      expect.objectContaining({ label: 'Talk to staff', data: NUDGE_POSTBACK.accept }),
      expect.objectContaining({ label: 'Keep talking to AI', data: NUDGE_POSTBACK.decline }),
    ]);
    expect(answer.texts.join('\n')).not.toMatch(/[ぁ-んァ-ン]/);

    await resident.tap(NUDGE_POSTBACK.decline);
    expect((await resident.nextAnswer()).texts).toEqual([en.nudgeDeclined]);

    // After the silence the consultation closes and the one-time check-in question is pushed.
    const ask = await resident.nextAnswer(20_000);
    expect(ask.texts).toEqual([en.checkInConsentAsk!.trim()]);
    expect(actionsOf(ask.request)).toEqual([
      expect.objectContaining({ label: 'Yes, please', data: CHECK_IN_POSTBACK.agree }),
      expect.objectContaining({ label: 'No, thank you', data: CHECK_IN_POSTBACK.decline }),
    ]);
    await resident.tap(CHECK_IN_POSTBACK.agree);
    expect((await resident.nextAnswer()).texts).toEqual([en.checkInConsentGiven]);
    const { id } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    await eventually(async () => expect(await stack.db('check_in_consents').where({ resident_id: id }).first('status')).toEqual({ status: 'given' }));
  });
});
