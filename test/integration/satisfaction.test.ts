import { satisfactionPostbackData } from '../../contracts/postbacks';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';

/**
 * The closing question 「相談してよかったですか」 through the webhook: pushed after a staff close and after a
 * silence close, answered with one tap (and an optional comment), or skipped by writing anything else,
 * which the AI answers as usual. Never a gate.
 */
describe('the closing satisfaction question', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(
      staffedAroundTheClock({
        llm: false,
        profile: (p) => {
          p.nudges.quietHours = { from: '00:00', to: '00:00' }; // the question may go at any hour of the test run
          p.consultation.closeAfterSilenceHours = 3 / 3600; // three seconds of silence
          p.checkIns.enabled = false; // the consent question after a close is in check-ins.test.ts
        },
      }),
    );
  });
  afterAll(() => stack.stop());

  type Body = { messages: { text: string; quickReply?: { items: { action: { label: string; data: string } }[] } }[] };
  const quickReplies = (request: { body: unknown }) => ((request.body as Body).messages.at(-1)?.quickReply?.items ?? []).map((i) => i.action);
  const residentId = async (r: PretendResident) => (await stack.db('residents').where({ line_user_id: r.userId }).first('id')).id as string;
  const responses = async (r: PretendResident) => stack.db('satisfaction_responses').where({ resident_id: await residentId(r) }).orderBy('asked_at');
  const t = () => stack.profile.texts;

  /** A short talk with the AI that closes after the silence; returns the pushed question. */
  async function talkUntilSilenceClose() {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say('最近ひとりでいることが多くて、さみしいです');
    await resident.nextAnswer();
    return { resident, ask: await resident.nextAnswer(20_000) };
  }

  it('after a silence close: five one-tap answers; a tap is stored, thanked, and a comment may follow', async () => {
    const { resident, ask } = await talkUntilSilenceClose();
    expect(ask.via).toBe('push');
    expect(ask.texts).toEqual([t().satisfactionAsk.trim()]);
    const [row] = await responses(resident);
    expect(quickReplies(ask.request)).toEqual(
      [5, 4, 3, 2, 1].map((k) => ({ type: 'postback', label: t()[`satisfaction${k as 1 | 2 | 3 | 4 | 5}`], data: satisfactionPostbackData(k as 1, row.consultation_id), displayText: t()[`satisfaction${k as 1}`] })),
    );
    expect(row).toMatchObject({ score: null, answered_at: null, skipped_at: null });

    await resident.tap(satisfactionPostbackData(4, row.consultation_id), t().satisfaction4);
    const thanks = await resident.nextAnswer();
    expect(thanks.texts).toEqual([t().satisfactionThanks]);
    expect(quickReplies(thanks.request).map((a) => a.label)).toEqual([t().satisfactionCommentButton]);
    expect((await responses(resident))[0]).toMatchObject({ score: 4, skipped_at: null, comment: null });
    expect((await responses(resident))[0].answered_at).not.toBeNull();

    // A redelivered tap (or a second one) changes nothing but the score it names.
    await resident.tap(satisfactionPostbackData(5, row.consultation_id), t().satisfaction5);
    await resident.nextAnswer();
    expect(await responses(resident)).toHaveLength(1);
    expect((await responses(resident))[0]).toMatchObject({ score: 5 });

    await resident.tap(satisfactionPostbackData('comment', row.consultation_id), t().satisfactionCommentButton);
    expect((await resident.nextAnswer()).texts).toEqual([t().satisfactionCommentPrompt]);
    await resident.say('話を聞いてもらえて少し楽になりました');
    expect((await resident.nextAnswer()).texts).toEqual([t().satisfactionCommentThanks]);
    const answered = (await responses(resident))[0];
    expect(answered).toMatchObject({ score: 5, skipped_at: null });
    // Sealed at rest: only the at-rest key opens it.
    expect(answered.comment).not.toContain('楽になりました');
    expect(stack.sealer.open('satisfaction_responses', 'comment', answered)).toBe('話を聞いてもらえて少し楽になりました');

    // The consultation the taps opened had no conversation: its silence close asks nothing more.
    await eventually(async () => expect((await stack.db('consultations').where({ resident_id: await residentId(resident) })).every((c) => c.status === 'closed')).toBe(true), 20_000);
    expect(await responses(resident)).toHaveLength(1);
  });

  it('writing anything else skips it: the AI answers as usual and the question is recorded as skipped; a late tap still counts', async () => {
    const { resident } = await talkUntilSilenceClose();
    await resident.say('またちょっと話してもいいですか');
    const reply = await resident.nextAnswer();
    expect(reply.texts.join('\n')).not.toContain(t().satisfactionThanks);
    expect(reply.texts.length).toBeGreaterThan(0);
    const [row] = await responses(resident);
    expect(row.score).toBeNull();
    expect(row.skipped_at).not.toBeNull();

    await resident.tap(satisfactionPostbackData(2, row.consultation_id), t().satisfaction2);
    expect((await resident.nextAnswer()).texts).toEqual([t().satisfactionThanks]);
    expect((await responses(resident))[0]).toMatchObject({ score: 2, skipped_at: null });
  });

  it('a tap naming a consultation the resident was not asked in is not recorded', async () => {
    const { resident } = await talkUntilSilenceClose();
    const other = await talkUntilSilenceClose();
    const [theirs] = await responses(other.resident);
    await resident.tap(satisfactionPostbackData(1, theirs.consultation_id), t().satisfaction1);
    // Nothing answers a forged tap; the next real message is answered by the AI.
    await resident.say('こんにちは');
    expect((await resident.nextAnswer()).texts.join('\n')).not.toContain(t().satisfactionThanks);
    expect((await responses(other.resident))[0]).toMatchObject({ score: null });
  });

  it('after a staff close: asked once, after the closing words', async () => {
    const staff = await new HttpClient(stack.baseUrl).login((await stack.createUser('staff')).email, TEST_PASSWORD);
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.tap('menu=staff');
    await resident.nextAnswer();
    const consultation = await stack.db('consultations').where({ resident_id: await residentId(resident) }).first();
    expect((await staff.post(`/api/consultations/${consultation.id}/claim`)).status).toBe(200);
    await resident.nextAnswer();
    expect((await staff.post(`/api/consultations/${consultation.id}/close`)).status).toBe(200);
    expect((await resident.nextAnswer()).texts[0]).toContain('ご相談ありがとうございました');
    const ask = await resident.nextAnswer(20_000);
    expect(ask.texts).toEqual([t().satisfactionAsk.trim()]);
    expect(quickReplies(ask.request).map((a) => a.data)).toContain(satisfactionPostbackData(5, consultation.id));
    await eventually(async () => expect(await responses(resident)).toMatchObject([{ consultation_id: consultation.id, score: null }]));
  });
});

/** With caring check-ins on, the one-time consent question waits for the closing question's answer window. */
describe('the closing question before the check-in consent', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(
      staffedAroundTheClock({
        llm: false,
        profile: (p) => {
          p.nudges.quietHours = { from: '00:00', to: '00:00' };
          p.consultation.closeAfterSilenceHours = 3 / 3600;
        },
      }),
    );
  });
  afterAll(() => stack.stop());

  it('asks satisfaction first and keeps the consent question from taking its quick replies away', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say('少し話を聞いてほしいです');
    await resident.nextAnswer();
    const ask = await resident.nextAnswer(20_000);
    expect(ask.texts).toEqual([stack.profile.texts.satisfactionAsk.trim()]);
    const id = (await stack.db('residents').where({ line_user_id: resident.userId }).first('id')).id;
    // The check-in workflow ran and, instead of asking at once, waits: no consent row yet, nothing pushed.
    await eventually(async () => {
      const history = await stack.temporal.workflow.getHandle(`check-in-${id}`).fetchHistory();
      expect(history.events?.some((e) => e.timerStartedEventAttributes)).toBe(true);
    }, 20_000);
    expect(await stack.db('check_in_consents').where({ resident_id: id }).first()).toBeUndefined();
    expect(resident.answers().at(-1)).toBe(ask.request);
  });
});
