import { K6, scaleAnswerData, scaleSkipData, SCALES_DONE_TEXT, SCALES_SKIPPED_TEXT, UCLA3 } from '../../workflows/outcomes/scales';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';

/**
 * The optional outcome scales at intake through the webhook: UCLA-3 then K6 after the intake questions,
 * scored and stored per resident with the occasion; 「答えない」 skips them; writing something else is an
 * ordinary message; serious K6 answers bring the 24-hour lines and a staff review, like a message would.
 */
describe('outcome scales at intake', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock({ llm: false, profile: (p) => void (p.outcomes.scalesAtIntake = true) }));
  });
  afterAll(() => stack.stop());

  type Body = { messages: { text: string; quickReply?: { items: { action: { label: string; data: string } }[] } }[] };
  const quickReplies = (request: { body: unknown }) => ((request.body as Body).messages.at(-1)?.quickReply?.items ?? []).map((i) => i.action.data);
  const residentId = async (r: PretendResident) => (await stack.db('residents').where({ line_user_id: r.userId }).first('id')).id as string;
  const rows = async (r: PretendResident) => stack.db('scale_responses').where({ resident_id: await residentId(r) }).orderBy('started_at');

  /** Onboards by hand, so the last intake answer's reply (with the first scale item) is seen. */
  async function onboardToScales() {
    const resident = new PretendResident(stack);
    const questions = stack.profile.intake.questions;
    await resident.onboard(questions.slice(0, -1));
    const last = questions[questions.length - 1];
    await resident.tap(`intake=${last.id}&value=${last.options[0].value}`);
    return { resident, first: await resident.nextAnswer() };
  }

  it('says in the terms, in the resident’s language, what the answers are used for', async () => {
    const resident = new PretendResident(stack);
    await resident.follow();
    expect((await resident.nextAnswer()).texts[1]).toBe(`${stack.profile.terms.text.trim()}\n${stack.profile.texts.termsOutcomesNote}`);
    const english = new PretendResident(stack);
    stack.line.setProfile(english.userId, { language: 'en' });
    await english.follow();
    const en = stack.profile.languages.en;
    expect((await english.nextAnswer()).texts[1]).toBe(`${en.terms.trim()}\n${en.texts.termsOutcomesNote}`);
  });

  it('asks the scales in English to an English-speaking resident, in the instrument’s own wording', async () => {
    const english = new PretendResident(stack);
    stack.line.setProfile(english.userId, { language: 'en' });
    const questions = stack.profile.intake.questions;
    await english.onboard(questions.slice(0, -1));
    const last = questions[questions.length - 1];
    await english.tap(`intake=${last.id}&value=${last.options[0].value}`);
    const wording = stack.profile.languages.en.scales!;
    const first = await english.nextAnswer();
    expect(first.texts.at(-1)).toBe(`${wording.ucla3!.intro}\n\n${wording.ucla3!.items.companionship}`);
    expect(((first.request.body as Body).messages.at(-1)?.quickReply?.items ?? []).map((i) => i.action.label)).toEqual(['Hardly ever', 'Some of the time', 'Often', 'Skip']);
    await english.tap(scaleAnswerData('ucla3', 'companionship', 2));
    expect((await english.nextAnswer()).texts).toEqual([wording.ucla3!.items['left-out']]);
    await english.tap(scaleSkipData('ucla3'));
    expect((await english.nextAnswer()).texts).toEqual([wording.skipped]);
  });

  it('asks UCLA-3 then K6 after the intake, scores both, and a serious K6 brings the lines and a staff review', async () => {
    const { resident, first } = await onboardToScales();
    expect(first.texts.at(-1)).toContain(UCLA3.intro);
    expect(first.texts.at(-1)).toContain(UCLA3.items[0].text);
    expect(quickReplies(first.request)).toEqual([...UCLA3.choices.map((c) => scaleAnswerData('ucla3', 'companionship', c.score)), scaleSkipData('ucla3')]);

    // UCLA-3: 3 + 2 + 3 = 8.
    await resident.tap(scaleAnswerData('ucla3', 'companionship', 3));
    expect((await resident.nextAnswer()).texts).toEqual([UCLA3.items[1].text]);
    await resident.tap(scaleAnswerData('ucla3', 'left-out', 2));
    await resident.nextAnswer();
    await resident.tap(scaleAnswerData('ucla3', 'isolated', 3));
    const k6First = await resident.nextAnswer();
    expect(k6First.texts[0]).toContain(K6.intro);
    expect((await rows(resident))[0]).toMatchObject({ scale: 'ucla3', occasion: 'intake', total: 8, answers: { companionship: 3, 'left-out': 2, isolated: 3 } });

    // K6: 2 on every item but 「いつも」 (4) on hopelessness: total 14, serious distress.
    const id = await residentId(resident);
    const consultation = await stack.db('consultations').where({ resident_id: id }).first();
    let last;
    for (const item of K6.items) {
      await resident.tap(scaleAnswerData('k6', item.id, item.id === 'hopeless' ? 4 : 2));
      last = await resident.nextAnswer();
      if (item.id === 'hopeless') {
        // The hopelessness answer alone raises the risk: the lines come with the next item, and staff review it.
        expect(last.texts.join('\n')).toContain(stack.profile.crisisLines[0].phone);
        await eventually(async () => expect(await stack.db('alerts').where({ consultation_id: consultation.id })).toMatchObject([{ kind: 'review', level: 'low' }]));
      }
    }
    expect(last!.texts).toContain(SCALES_DONE_TEXT);
    expect((await rows(resident))[1]).toMatchObject({ scale: 'k6', occasion: 'intake', total: 14 });
    expect((await rows(resident))[1].completed_at).not.toBeNull();
    // One review per consultation, not one per answer.
    expect(await stack.db('alerts').where({ consultation_id: consultation.id })).toHaveLength(1);
    // A redelivered last tap changes nothing.
    await resident.tap(scaleAnswerData('k6', 'worthless', 2));
    await resident.say('ありがとう');
    await resident.nextAnswer();
    expect((await rows(resident))[1]).toMatchObject({ total: 14 });

    // Erasing the resident takes their scale answers, like their intake answers.
    const admin = await new HttpClient(stack.baseUrl).login((await stack.createUser('admin')).email, TEST_PASSWORD);
    const erased = await admin.post(`/api/residents/${id}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body.data).toMatchObject({ scaleAnswers: 2 });
    expect(await stack.db('scale_responses').where({ resident_id: id })).toEqual([]);
  });

  it('「答えない」 skips both scales; writing something else is answered by the AI and leaves them unscored', async () => {
    const { resident } = await onboardToScales();
    await resident.tap(scaleSkipData('ucla3'));
    expect((await resident.nextAnswer()).texts).toEqual([SCALES_SKIPPED_TEXT]);
    expect(await rows(resident)).toMatchObject([{ scale: 'ucla3', total: null }]);
    expect((await rows(resident))[0].skipped_at).not.toBeNull();

    const other = await onboardToScales();
    await other.resident.say('今日は少し疲れました');
    const reply = await other.resident.nextAnswer();
    expect(reply.texts.length).toBeGreaterThan(0);
    expect(reply.texts.join('\n')).not.toContain(UCLA3.items[1].text);
    expect(await rows(other.resident)).toMatchObject([{ scale: 'ucla3', total: null, skipped_at: null }]);
  });
});
