import crypto from 'node:crypto';
import { tokyoDate } from '../../workflows/calendar/business-calendar';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startSmtpSink } from '../helpers/smtp-sink';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';


const consultationOf = async (stack: TestStack, r: PretendResident) => {
  const resident = await stack.db('residents').where({ line_user_id: r.userId }).first();
  return stack.db('consultations').where({ resident_id: resident.id }).orderBy('opened_at', 'desc').first();
};

/** An SSE client that collects event names, to see the queue update live. */
async function openEvents(client: HttpClient, baseUrl: string) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/events`, { headers: { cookie: (client as unknown as { cookie: string }).cookie }, signal: controller.signal });
  const events: string[] = [];
  const waiters: { name: string; resolve: () => void }[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        for (const match of decoder.decode(chunk).matchAll(/^event: (\w+)$/gm)) {
          events.push(match[1]);
          for (const w of waiters.filter((x) => x.name === match[1])) w.resolve();
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    status: res.status,
    next: (name: string) => new Promise<void>((resolve) => waiters.push({ name, resolve })),
    close: () => controller.abort(),
  };
}

describe('reaching a person during business hours', () => {
  let stack: TestStack;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startTestStack(
      staffedAroundTheClock({
        env: { SMTP_URL: smtp.url },
        profile: (p) => {
          p.escalation.staffPickupMinutes = 2 / 60; // two seconds
        },
      }),
    );
  });
  afterAll(async () => {
    await stack.stop();
    await smtp.close();
  });

  it('menu → queue (live) → claim → reply → resident answers → hand back → the AI answers again', async () => {
    const user = await stack.createUser('staff');
    const staff = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    expect((await staff.request('PUT', '/api/me/availability', { available: true })).body.data).toEqual({ available: true });
    const events = await openEvents(staff, stack.baseUrl);
    expect(events.status).toBe(200);
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);

    const queueEvent = events.next('queue');
    await resident.tap('menu=staff');
    const queued = await resident.nextAnswer();
    expect(queued.texts[0]).toContain('よりそいスタッフにおつなぎします');
    await queueEvent;
    const queue = (await staff.get('/api/queue')).body.data;
    const item = queue.find((q: { residentCode: string }) => q.residentCode);
    expect(item).toMatchObject({ status: 'waiting_for_staff', requestReason: 'menu', offeredToStaffId: user.id });

    expect((await staff.post(`/api/consultations/${item.id}/claim`)).status).toBe(200);
    expect((await resident.nextAnswer()).texts[0]).toContain(`よりそいスタッフの${'staff 1'}です`);

    const clientMessageId = crypto.randomUUID();
    const sent = await staff.post(`/api/consultations/${item.id}/messages`, { text: 'はじめまして。お話を聞かせてください。', clientMessageId });
    expect(sent.status).toBe(201);
    // The same client id again (a double click) sends nothing more.
    expect((await staff.post(`/api/consultations/${item.id}/messages`, { text: 'はじめまして。お話を聞かせてください。', clientMessageId })).status).toBe(201);
    const fromStaff = await resident.nextAnswer();
    expect(fromStaff.texts).toEqual(['はじめまして。お話を聞かせてください。']);
    // Both ends of the wait are kept for the report's time to a first staff reply.
    const timed = await stack.db('consultations').where({ id: item.id }).first('waiting_since', 'first_staff_reply_at');
    expect(timed.first_staff_reply_at.getTime()).toBeGreaterThan(timed.waiting_since.getTime());

    const messageEvent = events.next('message');
    const aiCallsBefore = stack.openai.requests.filter((r) => !(r.body as { response_format?: unknown }).response_format).length;
    await resident.say('ありがとうございます。実は最近眠れなくて');
    await messageEvent;
    const timeline = await eventually(async () => {
      const t = (await staff.get(`/api/consultations/${item.id}/messages`)).body.data;
      expect(t[t.length - 1]).toMatchObject({ sender: 'resident', text: 'ありがとうございます。実は最近眠れなくて' });
      return t;
    });
    expect(timeline.filter((m: { sender: string }) => m.sender === 'staff')).toHaveLength(1);
    // With staff the AI is silent.
    expect(stack.openai.requests.filter((r) => !(r.body as { response_format?: unknown }).response_format).length).toBe(aiCallsBefore);

    expect((await staff.post(`/api/consultations/${item.id}/release`)).status).toBe(200);
    expect((await resident.nextAnswer()).texts[0]).toContain('AIがお話を聴きます');
    await resident.say('また話しかけてもいいですか');
    const ai = await resident.nextAnswer();
    expect(ai.via).toBe('reply');
    expect((await consultationOf(stack, resident)).status).toBe('listening');
    const detail = (await staff.get(`/api/consultations/${item.id}`)).body.data;
    expect(detail.intakeLabels.map((l: { question: string }) => l.question)).toHaveLength(3);
    expect(JSON.stringify(detail)).not.toContain(resident.userId);
    expect(detail.summary).toEqual(expect.any(String));
    events.close();
  });

  it('alerts a supervisor when nobody claims within the profile’s minutes', async () => {
    const supervisor = await stack.createUser('supervisor');
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    await resident.tap('menu=staff');
    await resident.nextAnswer();
    const mail = await smtp.waitFor((m) => m.to.includes(supervisor.email));
    expect(mail.subject).toContain('引き受けられていません');
    const consultation = await consultationOf(stack, resident);
    expect(await stack.db('alerts').where({ consultation_id: consultation.id, kind: 'unclaimed' }).first()).toMatchObject({ channel: 'dashboard' });
  });

  it('refuses a second claimant and a close before the risk review of a high-risk case', async () => {
    const a = await new HttpClient(stack.baseUrl).login((await stack.createUser('staff')).email, TEST_PASSWORD);
    const b = await new HttpClient(stack.baseUrl).login((await stack.createUser('staff')).email, TEST_PASSWORD);
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    await resident.say('死にたい。ロープも買ってある');
    await resident.nextAnswer();
    const consultation = await eventually(async () => {
      const c = await consultationOf(stack, resident);
      expect(c.status).toBe('waiting_for_staff');
      return c;
    });
    // High risk put the case at the top of the queue on its own.
    expect((await a.get('/api/queue')).body.data[0]).toMatchObject({ id: consultation.id, urgent: true, requestReason: 'risk' });
    expect((await a.post(`/api/consultations/${consultation.id}/claim`)).status).toBe(200);
    // Once claimed the case has left the queue: another staff member no longer sees it (need-to-know).
    const second = await b.post(`/api/consultations/${consultation.id}/claim`);
    expect(second.status).toBe(403);
    const closing = await a.post(`/api/consultations/${consultation.id}/close`);
    expect(closing.status).toBe(409);
    expect(closing.body.error.code).toBe('REVIEW_REQUIRED');
    // The review of a high-risk case is a supervisor's; the assigned staff member then closes it.
    expect((await a.post(`/api/consultations/${consultation.id}/risk-reviews`, { note: '本人と話し、安全を確認。' })).status).toBe(403);
    const supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    expect((await supervisor.post(`/api/consultations/${consultation.id}/risk-reviews`, { note: '本人と話し、安全を確認。いのちの電話を案内。' })).status).toBe(201);
    expect((await b.post(`/api/consultations/${consultation.id}/close`)).status).toBe(403);
    expect((await a.post(`/api/consultations/${consultation.id}/close`)).status).toBe(200);
    await eventually(async () => expect((await consultationOf(stack, resident)).status).toBe('closed'));
  });
});

describe('asking for a person outside business hours', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      worker: true,
      profile: (p) => {
        p.ai.debounceSeconds = 0;
        p.businessHours.extraClosures = [tokyoDate(Date.now()), tokyoDate(Date.now() + 86_400_000)];
      },
    });
  });
  afterAll(() => stack.stop());

  it('tells the resident when a person can answer, reserves that time, and the AI keeps listening', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    await resident.tap('menu=staff');
    const answer = await resident.nextAnswer();
    expect(answer.texts[0]).toMatch(/対応時間外です。スタッフは\d+月\d+日（.）9時からお返事できます/);
    const consultation = await consultationOf(stack, resident);
    expect(consultation.reserved_for).not.toBeNull();
    expect(new Date(consultation.reserved_for).getTime()).toBeGreaterThan(Date.now());
    expect(consultation.status).toBe('listening');
    await resident.say('待っているあいだ、少し話を聞いてほしいです');
    expect((await resident.nextAnswer()).via).toBe('reply');
  });
});
