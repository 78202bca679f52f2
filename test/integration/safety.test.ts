import { RISK_CATEGORY_LABELS_JA } from '../../workflows/safety/risk-levels';
import { tokyoDate } from '../../workflows/calendar/business-calendar';
import { eventually } from '../helpers/eventually';
import { PretendResident } from '../helpers/pretend-resident';
import { startSmtpSink } from '../helpers/smtp-sink';
import { startTestStack, TestStack } from '../helpers/test-stack';

const DAY = 86_400_000;
// Today and tomorrow closed: "outside business hours" whatever the date and time the tests run.
const closedNow = () => [tokyoDate(Date.now()), tokyoDate(Date.now() + DAY)];


const residentId = async (stack: TestStack, r: PretendResident) => (await stack.db('residents').where({ line_user_id: r.userId }).first()).id as string;
const consultationOf = async (stack: TestStack, r: PretendResident) => stack.db('consultations').where({ resident_id: await residentId(stack, r) }).orderBy('opened_at', 'desc').first();

describe('safety without any model, outside business hours', () => {
  let stack: TestStack;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startTestStack({
      worker: true,
      llm: false,
      env: { SMTP_URL: smtp.url },
      profile: (p) => {
        p.ai.debounceSeconds = 0;
        p.businessHours.extraClosures = closedNow();
        p.escalation.crisisAckMinutes = 3 / 60; // three seconds
      },
    });
  });
  afterAll(async () => {
    await stack.stop();
    await smtp.close();
  });

  it('answers a crisis message with the profile’s crisis lines, marks the case urgent and mails on-call', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say('もう死にたい。薬をためてあって、今夜ぜんぶ飲むつもり');
    const answer = await resident.nextAnswer();
    const all = answer.texts.join('\n');
    expect(all).toContain('0120-783-556');
    // Every number the resident sees is one of the profile's.
    const known = [...stack.profile.crisisLines, ...stack.profile.consultationLines].map((l) => l.phone).concat(['119', '110']);
    expect((all.match(/[#\d][\d-]{2,}\d/g) ?? []).filter((n) => !known.includes(n))).toEqual([]);
    const consultation = await eventually(async () => {
      const c = await consultationOf(stack, resident);
      expect(c).toMatchObject({ urgent: true });
      return c;
    });
    expect(['high', 'imminent']).toContain(consultation.highest_risk_level);
    const mail = await smtp.waitFor((m) => m.subject.includes('緊急対応'));
    expect(mail.to).toEqual([stack.profile.escalation.onCall.email]);
    const code = (await stack.db('residents').where({ line_user_id: resident.userId }).first()).code;
    expect(mail.body).toContain(code);
    expect(mail.body).not.toContain('薬');
    expect(mail.body).not.toContain(resident.userId);
    // Mail leaves the platform: the level and a link, never what the crisis is about.
    for (const label of Object.values(RISK_CATEGORY_LABELS_JA)) expect(mail.body).not.toContain(label);
    const [assessment] = await stack.db('risk_assessments').where({ consultation_id: consultation.id });
    expect(assessment).toMatchObject({ decided_by: 'rules', model_level: null });
    const [alert] = await stack.db('alerts').where({ consultation_id: consultation.id });
    expect(alert).toMatchObject({ kind: 'crisis', channel: 'on-call' });
  });

  it('gives emergency guidance first when an act is under way, and alerts a supervisor when nobody acknowledges', async () => {
    const supervisor = await stack.createUser('supervisor');
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say('さっき薬を全部飲んだ。もうだめ');
    const answer = await resident.nextAnswer();
    expect(answer.texts[0]).toContain('119');
    expect(answer.texts.join('\n')).toMatch(/0120-/);
    const escalation = await smtp.waitFor((m) => m.to.includes(supervisor.email));
    expect(escalation.subject).toContain('緊急対応');
    const consultation = await consultationOf(stack, resident);
    await eventually(async () => expect((await stack.db('alerts').where({ consultation_id: consultation.id }).first()).escalated_at).not.toBeNull());
    expect(consultation.highest_risk_level).toBe('imminent');
  });

  it('treats a calm message as calm: no crisis lines, no urgency, no alert, no mail', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    const mailsBefore = smtp.mails.length;
    await resident.say('今日は天気がよかったので、少し散歩してきました');
    const answer = await resident.nextAnswer();
    expect(answer.texts).toHaveLength(1);
    expect(answer.texts[0]).not.toMatch(/0120|189|119/);
    const consultation = await consultationOf(stack, resident);
    expect(consultation).toMatchObject({ urgent: false, highest_risk_level: 'none' });
    expect(await stack.db('alerts').where({ consultation_id: consultation.id })).toEqual([]);
    expect(smtp.mails.length).toBe(mailsBefore);
  });

  it('gives 189 to a child who is being hurt at home', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say('親に毎日なぐられてて家に帰りたくない');
    const answer = await resident.nextAnswer();
    expect(answer.texts.join('\n')).toContain('189');
  });
});

describe('safety with a model configured', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true, profile: (p) => void (p.ai.debounceSeconds = 0) });
  });
  afterAll(() => stack.stop());
  afterEach(() => stack.openai.reset());

  const classifierSays = (level: string, categories: string[] = []) =>
    stack.openai.setResponder((req) =>
      req.response_format ? { json: { level, categories, reason: 'test' } } : { content: 'お話ししてくださってありがとうございます。' },
    );

  it('lets the model raise the level the rules found', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    classifierSays('high', ['suicidal-ideation']);
    await resident.say('もう何もかもどうでもよくなってきた');
    const answer = await resident.nextAnswer();
    expect(answer.texts.join('\n')).toContain('0120-');
    const consultation = await consultationOf(stack, resident);
    const [assessment] = await stack.db('risk_assessments').where({ consultation_id: consultation.id });
    expect(assessment).toMatchObject({ level: 'high', decided_by: 'model', model_level: 'high' });
  });

  it('never lets the model lower what the rules found', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    classifierSays('none');
    await resident.say('死にたい。ロープも買ってある');
    const answer = await resident.nextAnswer();
    expect(answer.texts.join('\n')).toContain('0120-');
    const consultation = await consultationOf(stack, resident);
    const [assessment] = await stack.db('risk_assessments').where({ consultation_id: consultation.id });
    expect(assessment).toMatchObject({ decided_by: 'rules', model_level: 'none' });
    expect(['high', 'imminent']).toContain(assessment.level);
  });

  it.each([
    ['an invented phone number', 'こちらの番号に電話してみてください：0570-123-456'],
    ['method details', '市販薬の致死量はだいたい…'],
  ])('keeps a model reply with %s from the resident', async (_what, modelReply) => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    stack.openai.setResponder((req) => (req.response_format ? { json: { level: 'none', categories: [], reason: '' } } : { content: modelReply }));
    await resident.say('最近よく眠れません');
    const answer = await resident.nextAnswer();
    expect(answer.texts).toEqual([stack.profile.texts.aiFallback.trim()]);
    const id = await residentId(stack, resident);
    expect(await stack.db('messages').where({ resident_id: id, sender: 'ai' }).first()).toMatchObject({ answered_by: 'fallback' });
  });
});
