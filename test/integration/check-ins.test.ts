import { languageMenu } from '../../scripts/line-richmenu/menu';
import { CHECK_IN_POSTBACK } from '../../workflows/check-ins/check-in-policy';
import { checkInWorkflowId } from '../../workflows/check-ins/messages';
import { eventually } from '../helpers/eventually';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, staffedAroundTheClock } from '../helpers/test-stack';

/**
 * The caring check-in consent through the webhook: asked once when the first consultation closes,
 * recorded with its purpose and version, withdrawn by 「やめて」, never asked again after a no.
 * (The days of silence themselves are skipped in test/workflows/check-ins/check-in-workflow.test.ts.)
 */
describe('caring check-in consent', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(
      staffedAroundTheClock({
        profile: (p) => {
          p.nudges.quietHours = { from: '00:00', to: '00:00' }; // the question may go at any hour of the test run
          p.consultation.closeAfterSilenceHours = 3 / 3600; // three seconds of silence
          p.outcomes.satisfactionQuestion = false; // the closing question is tested with the consent in satisfaction.test.ts
        },
      }),
    );
  });
  afterAll(() => stack.stop());

  const residentId = async (r: PretendResident) => (await stack.db('residents').where({ line_user_id: r.userId }).first('id')).id as string;
  const consent = async (r: PretendResident) => stack.db('check_in_consents').where({ resident_id: await residentId(r) }).first();
  const checkIns = async (r: PretendResident) => stack.temporal.workflow.getHandle(checkInWorkflowId(await residentId(r)));
  const quickReplies = (request: { body: unknown }) => ((request.body as { messages: { quickReply?: { items: { action: { data: string } }[] } }[] }).messages.at(-1)?.quickReply?.items ?? []).map((i) => i.action.data);

  /**
   * The timer's last word after a withdrawal. The run may first stop for the consultation the
   * withdrawing message opened, if it looked before the withdrawal was recorded (the wake then reaches
   * a run already ending); the run that consultation's close starts finds the consent withdrawn.
   */
  async function timerEndsWithdrawn(r: PretendResident) {
    await eventually(async () => expect(await stack.db('consultations').where({ resident_id: await residentId(r) }).whereNot({ status: 'closed' })).toEqual([]), 20_000);
    await eventually(async () => expect(await (await checkIns(r)).result()).toEqual({ stopped: 'withdrawn' }), 20_000);
  }

  async function firstConsultation() {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    await resident.say('今日はちょっと話を聞いてほしくて');
    await resident.nextAnswer();
    // The consultation closes after the silence; then the one-time question is pushed.
    const ask = await resident.nextAnswer(20_000);
    return { resident, ask };
  }

  it('asks once after the first consultation; a yes is recorded with purpose and version and starts the timer; 「やめて」 withdraws it', async () => {
    const { resident, ask } = await firstConsultation();
    expect(ask.via).toBe('push');
    expect(ask.texts[0]).toBe(stack.profile.texts.checkInConsentAsk.trim());
    expect(quickReplies(ask.request)).toEqual([CHECK_IN_POSTBACK.agree, CHECK_IN_POSTBACK.decline]);
    await eventually(async () => expect(await consent(resident)).toMatchObject({ status: 'asked', version: stack.profile.checkIns.consentVersion }));

    await resident.tap(CHECK_IN_POSTBACK.agree, stack.profile.texts.checkInConsentAgree);
    expect((await resident.nextAnswer()).texts[0]).toBe(stack.profile.texts.checkInConsentGiven);
    expect(await consent(resident)).toMatchObject({ status: 'given', purpose: stack.profile.checkIns.purpose, version: stack.profile.checkIns.consentVersion });
    expect((await consent(resident)).decided_at).not.toBeNull();
    // The tap opened a consultation; when it closes, the timer waits for the days of silence. (Waiting
    // for the close first: the run the tap woke may still be running, about to stop for the open consultation.)
    await eventually(async () => expect(await stack.db('consultations').where({ resident_id: await residentId(resident) }).whereNot({ status: 'closed' })).toEqual([]), 20_000);
    await eventually(async () => expect((await (await checkIns(resident)).describe()).status.name).toBe('RUNNING'), 20_000);

    await resident.say('やめて');
    expect((await resident.nextAnswer()).texts[0]).toBe(stack.profile.texts.checkInWithdrawn);
    expect(await consent(resident)).toMatchObject({ status: 'withdrawn' });
    expect((await consent(resident)).withdrawn_at).not.toBeNull();
    await timerEndsWithdrawn(resident);
  });

  const menuStop = () => languageMenu(stack.profile, 'ja').buttons.find((b) => b.data === CHECK_IN_POSTBACK.stop)!;

  it("the rich menu's 「見守りメッセージを止める」 withdraws a given consent and stops the timer", async () => {
    const { resident } = await firstConsultation();
    await resident.tap(CHECK_IN_POSTBACK.agree, stack.profile.texts.checkInConsentAgree);
    await resident.nextAnswer();
    await eventually(async () => expect((await (await checkIns(resident)).describe()).status.name).toBe('RUNNING'), 20_000);

    await resident.tap(menuStop().data, menuStop().label);
    expect((await resident.nextAnswer()).texts[0]).toBe(stack.profile.texts.checkInWithdrawn);
    expect(await consent(resident)).toMatchObject({ status: 'withdrawn' });
    await timerEndsWithdrawn(resident);
  });

  it('「見守りメッセージを止める」 before the question is asked counts as a no: the question never comes', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    await resident.tap(menuStop().data, menuStop().label);
    const answer = await resident.nextAnswer();
    expect(answer.texts[0]).toBe(stack.profile.texts.checkInWithdrawn);
    expect(await consent(resident)).toMatchObject({ status: 'declined', purpose: stack.profile.checkIns.purpose, version: stack.profile.checkIns.consentVersion });

    // The consultation closes after the silence; the timer decides on the recorded no and pushes nothing.
    await eventually(async () => expect((await stack.db('consultations').where({ resident_id: await residentId(resident) })).every((c) => c.status === 'closed')).toBe(true), 20_000);
    expect(await (await checkIns(resident)).result()).toEqual({ stopped: 'declined' });
    expect(resident.answers().at(-1)).toBe(answer.request);
  });

  it('「スタッフと話したい」 on a check-in puts the resident in the staff queue and counts the check-in as answered by a person', async () => {
    const { resident } = await firstConsultation();
    await resident.tap(CHECK_IN_POSTBACK.agree, stack.profile.texts.checkInConsentAgree);
    await resident.nextAnswer();
    // A check-in as the timer records it after sending (the days themselves are skipped in the workflow test).
    const id = await residentId(resident);
    await stack.db('check_ins').insert({ id: '00000000-0000-4000-8000-0000000000c1', resident_id: id, sent_at: new Date(Date.now() - 60_000) });
    await resident.tap(CHECK_IN_POSTBACK.person, stack.profile.texts.checkInTalkToPerson);
    expect((await resident.nextAnswer()).texts[0]).toContain('よりそいスタッフにおつなぎします');
    expect(await stack.db('consultations').where({ resident_id: id }).whereNot({ status: 'closed' }).first()).toMatchObject({ status: 'waiting_for_staff' });
    expect(await stack.db('check_ins').where({ resident_id: id }).first()).toMatchObject({ answer: 'person' });
  });

  it('after a no, never asks again, and 「やめて」 without a consent is just conversation', async () => {
    const { resident } = await firstConsultation();
    await resident.tap(CHECK_IN_POSTBACK.decline, stack.profile.texts.checkInConsentDecline);
    expect((await resident.nextAnswer()).texts[0]).toBe(stack.profile.texts.checkInConsentDeclined);
    expect(await consent(resident)).toMatchObject({ status: 'declined' });

    // A second consultation closes: the timer wakes and stops; nothing is pushed.
    const handle = await checkIns(resident);
    await eventually(async () => expect((await stack.db('consultations').where({ resident_id: await residentId(resident) }).whereNot({ status: 'closed' })).length).toBe(0), 20_000);
    await resident.say('やめて');
    const answer = await resident.nextAnswer();
    expect(answer.texts[0]).not.toBe(stack.profile.texts.checkInWithdrawn);
    await eventually(async () => expect((await stack.db('consultations').where({ resident_id: await residentId(resident) })).every((c) => c.status === 'closed')).toBe(true), 20_000);
    expect(await handle.result()).toEqual({ stopped: 'declined' });
    expect(resident.answers().at(-1)).toBe(answer.request);
    expect(await consent(resident)).toMatchObject({ status: 'declined' });
  });
});
