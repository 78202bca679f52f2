import { tokyoDate } from '../../workflows/calendar/business-calendar';
import { POSTBACK } from '../../workflows/consultation/line-messages';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startSmtpSink } from '../helpers/smtp-sink';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';

const DAY = 86_400_000;
// Texts the offline rules rate at each level (workflows/safety/risk-rules.ts).
const MEDIUM = 'もう死にたい';
const LOW = '消えてしまいたい';
const SUICIDE_LINE = '0120-783-556';
const ROUND_THE_CLOCK_LINE = '0120-279-338';

const consultationOf = async (stack: TestStack, r: PretendResident) => {
  const resident = await stack.db('residents').where({ line_user_id: r.userId }).first();
  return stack.db('consultations').where({ resident_id: resident.id }).orderBy('opened_at', 'desc').first();
};
const alertsOf = async (stack: TestStack, r: PretendResident) => stack.db('alerts').where({ consultation_id: (await consultationOf(stack, r)).id }).orderBy('created_at');

describe('a crisis text in every onboarding step, outside business hours', () => {
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
        // Today and tomorrow closed: outside business hours whatever the date the tests run.
        p.businessHours.extraClosures = [tokyoDate(Date.now()), tokyoDate(Date.now() + DAY)];
      },
    });
  });
  afterAll(async () => {
    await stack.stop();
    await smtp.close();
  });

  /** The answer to a medium-risk text: crisis lines, a person offered, the step's question again; staff alerted. */
  async function expectCrisisResponse(resident: PretendResident, question: RegExp) {
    const answer = await resident.nextAnswer();
    const all = answer.texts.join('\n');
    expect(all).toContain(SUICIDE_LINE);
    // A person is offered: outside hours the case is reserved for the next opening, first in line.
    expect(all).toMatch(/スタッフは.+からお返事できます/);
    expect(answer.texts[answer.texts.length - 1]).toMatch(question);
    const alerts = await eventually(async () => {
      const rows = await alertsOf(stack, resident);
      expect(rows.map((a) => a.kind)).toContain('crisis');
      return rows;
    });
    expect(alerts.find((a) => a.kind === 'crisis')).toMatchObject({ level: 'medium', channel: 'on-call' });
    expect(await consultationOf(stack, resident)).toMatchObject({ urgent: true, highest_risk_level: 'medium' });
    const code = (await stack.db('residents').where({ line_user_id: resident.userId }).first()).code;
    await smtp.waitFor((m) => m.subject.includes('緊急対応') && m.body.includes(code));
  }

  it('before the terms are accepted', async () => {
    const resident = new PretendResident(stack);
    await resident.follow();
    await resident.nextAnswer();
    await resident.say(MEDIUM);
    await expectCrisisResponse(resident, new RegExp(stack.profile.texts.termsPrompt.trim().slice(0, 10)));
  });

  it('during the intake questions', async () => {
    const resident = new PretendResident(stack);
    await resident.follow();
    await resident.nextAnswer();
    await resident.tap(POSTBACK.termsAgree);
    await resident.nextAnswer();
    await resident.say(MEDIUM);
    await expectCrisisResponse(resident, new RegExp(stack.profile.intake.questions[0].text.trim().slice(0, 8)));
    // The intake goes on where it was.
    await resident.tap(POSTBACK.intake(stack.profile.intake.questions[0].id, stack.profile.intake.questions[0].options[0].value));
    expect((await resident.nextAnswer()).texts[0]).toBe(stack.profile.intake.questions[1].text.trim());
  });

  it('after declining the terms', async () => {
    const resident = new PretendResident(stack);
    await resident.follow();
    await resident.nextAnswer();
    await resident.tap(POSTBACK.termsDisagree);
    await resident.nextAnswer();
    await resident.say(MEDIUM);
    await expectCrisisResponse(resident, new RegExp(stack.profile.texts.termsPrompt.trim().slice(0, 10)));
  });

  it('offers the 24-hour lines gently at the first sign (low) and flags the case for review, paging nobody', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    const mailsBefore = smtp.mails.length;
    await resident.say(LOW);
    const answer = await resident.nextAnswer();
    expect(answer.texts).toHaveLength(2);
    expect(answer.texts[1]).toContain(ROUND_THE_CLOCK_LINE);
    expect(answer.texts[1]).toMatch(/よかったら/);
    expect(answer.texts.join('\n')).not.toMatch(/119/);
    const alerts = await alertsOf(stack, resident);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'review', level: 'low', channel: 'dashboard' })]);
    expect(await consultationOf(stack, resident)).toMatchObject({ urgent: false, highest_risk_level: 'low', reserved_for: null });
    expect(smtp.mails.length).toBe(mailsBefore);
  });
});

describe('a crisis text while a person is involved, during business hours', () => {
  let stack: TestStack;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startTestStack(
      staffedAroundTheClock({
        llm: false,
        env: { SMTP_URL: smtp.url },
        profile: (p) => {
          p.escalation.crisisAckMinutes = 3 / 60; // three seconds
          p.escalation.staffPickupMinutes = 60;
        },
      }),
    );
  });
  afterAll(async () => {
    await stack.stop();
    await smtp.close();
  });

  it('medium: lines, the queue at the top, a dashboard alert, and supervisors mailed when nobody acknowledges', async () => {
    const supervisor = await stack.createUser('supervisor');
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say(MEDIUM);
    const answer = await resident.nextAnswer();
    expect(answer.texts.join('\n')).toContain(SUICIDE_LINE);
    expect(answer.texts.join('\n')).toContain('よりそいスタッフにおつなぎします');
    const consultation = await consultationOf(stack, resident);
    expect(consultation).toMatchObject({ status: 'waiting_for_staff', urgent: true, request_reason: 'risk' });
    const [alert] = await alertsOf(stack, resident);
    expect(alert).toMatchObject({ kind: 'crisis', level: 'medium', channel: 'dashboard' });
    const mail = await smtp.waitFor((m) => m.to.includes(supervisor.email) && m.subject.includes('緊急対応'));
    // During business hours the escalation goes to supervisors, not to the on-call address.
    expect(mail.to).not.toContain(stack.profile.escalation.onCall.email);
    await eventually(async () => expect((await stack.db('alerts').where({ id: alert.id }).first()).escalated_at).not.toBeNull());
  });

  it('while waiting for staff, and with staff (the AI stays silent, staff are alerted)', async () => {
    const staffUser = await stack.createUser('staff');
    const staff = await new HttpClient(stack.baseUrl).login(staffUser.email, TEST_PASSWORD);
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.tap('menu=staff');
    await resident.nextAnswer();
    await resident.say(MEDIUM);
    const waiting = await resident.nextAnswer();
    expect(waiting.texts.join('\n')).toContain(SUICIDE_LINE);
    expect((await alertsOf(stack, resident)).map((a) => a.kind)).toEqual(['crisis']);

    const consultation = await consultationOf(stack, resident);
    expect((await staff.post(`/api/consultations/${consultation.id}/claim`)).status).toBe(200);
    await resident.nextAnswer();
    await resident.say('やっぱりもう死にたい');
    await eventually(async () => expect((await alertsOf(stack, resident)).filter((a) => a.kind === 'crisis')).toHaveLength(2));
    const aiAnswers = await stack.db('messages').where({ consultation_id: consultation.id, sender: 'ai' });
    expect(aiAnswers).toHaveLength(1);
  });

  it('understands a typed request for a person like the staff button', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say('人と話せますか？');
    const answer = await resident.nextAnswer();
    expect(answer.texts[0]).toContain('よりそいスタッフにおつなぎします');
    expect(await consultationOf(stack, resident)).toMatchObject({ status: 'waiting_for_staff', request_reason: 'menu' });
    await resident.say('スタッフと話したいです');
    expect((await resident.nextAnswer()).texts[0]).toContain('受け付けています');
  });
});
