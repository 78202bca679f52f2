import { consultationWorkflowId } from '../../workflows/consultation/messages';
import { eventually } from '../helpers/eventually';
import { PretendResident } from '../helpers/pretend-resident';
import { startRestartablePostgres } from '../helpers/restartable-postgres';
import { startTestStack, TestStack } from '../helpers/test-stack';

// Rated `medium` by the offline rules: crisis lines, a person offered, an urgent alert.
const CRISIS = 'もう死にたい';
const SUICIDE_LINE = '0120-783-556';
const ALERT_WITHIN_MS = 60_000;

const residentRow = async (stack: TestStack, r: PretendResident) => stack.db('residents').where({ line_user_id: r.userId }).first();

/** Sends a crisis text and returns when the webhook acknowledged it (the clock the alert is measured from). */
async function crisisAcknowledged(resident: PretendResident) {
  const sent = await resident.say(CRISIS);
  expect(sent.status).toBe(200);
  return { ...sent, ackAt: Date.now() };
}

/** Waits for the crisis alert of the resident's consultation and reports how long after the acknowledgement it was raised. */
async function alertLatency(stack: TestStack, resident: PretendResident, ackAt: number, label: string) {
  const alert = await eventually(
    async () => {
      const row = await stack.db('alerts as a').join('consultations as c', 'c.id', 'a.consultation_id').where({ 'c.resident_id': (await residentRow(stack, resident)).id, 'a.kind': 'crisis' }).first('a.*');
      expect(row).toBeDefined();
      return row;
    },
    ALERT_WITHIN_MS + 30_000,
    250,
  );
  const latency = new Date(alert.created_at).getTime() - ackAt;
  process.stdout.write(`[fault figures] ${label}: alert ${latency} ms after the webhook's acknowledgement\n`);
  expect(latency).toBeLessThan(ALERT_WITHIN_MS);
  return alert;
}

async function expectStillRunning(stack: TestStack, resident: PretendResident) {
  const description = await stack.temporal.workflow.getHandle(consultationWorkflowId((await residentRow(stack, resident)).id)).describe();
  expect(description.status.name).toBe('RUNNING');
}

describe('PostgreSQL stopped and restarted in the middle of a crisis turn', () => {
  let stack: TestStack;
  let pg: Awaited<ReturnType<typeof startRestartablePostgres>>;
  beforeAll(async () => {
    pg = await startRestartablePostgres();
    stack = await startTestStack({ worker: true, llm: false, database: pg, profile: (p) => void (p.ai.debounceSeconds = 0) });
  }, 180_000);
  afterAll(() => stack.stop());

  it('raises the alert once the database is back, answers with the crisis lines, and keeps the consultation', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    const sent = await crisisAcknowledged(resident);
    // The event has reached the workflow: the turn is under way when the database goes.
    await eventually(async () => expect((await stack.db('webhook_inbox').where({ webhook_event_id: sent.eventId }).first()).status).toBe('relayed'));
    const downAt = Date.now();
    await pg.stop();
    // An outage as long as a restart by an operator; nothing waits on this but the restart itself.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await pg.start();
    const downFor = Date.now() - downAt;
    await alertLatency(stack, resident, sent.ackAt, `PostgreSQL stopped mid-turn, accepting connections again after ${downFor} ms`);
    const answer = await resident.nextAnswer(60_000);
    expect(answer.texts.join('\n')).toContain(SUICIDE_LINE);
    await expectStillRunning(stack, resident);
    await resident.say('ありがとう。少し落ち着きました');
    expect((await resident.nextAnswer(30_000)).texts.length).toBeGreaterThan(0);
  }, 180_000);
});

describe('LINE answering 429 for a long stretch', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      worker: true,
      llm: false,
      profile: (p) => {
        p.ai.debounceSeconds = 0;
        p.escalation.undeliveredAfterMinutes = 6 / 60; // six seconds stand in for the ten minutes of production
      },
    });
  });
  afterAll(() => stack.stop());

  it('raises the crisis alert regardless, records the message undelivered with a delivery alert, and goes on', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    stack.line.failNext(/^\/v2\/bot\/message\/(reply|push)$/, 429, { message: 'You have reached your monthly limit.' }, 1_000_000);
    const sent = await crisisAcknowledged(resident);
    const alert = await alertLatency(stack, resident, sent.ackAt, 'LINE answering 429');
    const consultationId = alert.consultation_id;
    const undelivered = await eventually(async () => {
      const row = await stack.db('alerts').where({ consultation_id: consultationId, kind: 'undelivered' }).first();
      expect(row).toMatchObject({ level: 'medium' });
      return row;
    }, 60_000);
    expect(undelivered).toBeDefined();
    const reply = await stack.db('messages').where({ consultation_id: consultationId, sender: 'ai' }).first();
    expect(reply).toMatchObject({ delivery_status: 'failed' });
    expect(stack.sealer.open('messages', 'text', reply)).toContain(SUICIDE_LINE);
    await expectStillRunning(stack, resident);

    // LINE is back: the next message is answered.
    stack.line.reset();
    await resident.say('まだいます');
    await stack.line.waitFor((r) => r.ok && (r.endpoint === 'reply' || r.endpoint === 'push'), 30_000);
  }, 120_000);
});

describe('the model down', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true, profile: (p) => void (p.ai.debounceSeconds = 0) });
  });
  afterAll(() => stack.stop());

  it('raises the alert and answers with the offline listener and the crisis lines', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    stack.openai.failNext(500, 1_000);
    const sent = await crisisAcknowledged(resident);
    const alert = await alertLatency(stack, resident, sent.ackAt, 'model answering 500');
    const answer = await resident.nextAnswer(30_000);
    expect(answer.texts.join('\n')).toContain(SUICIDE_LINE);
    await eventually(async () =>
      expect(await stack.db('messages').where({ consultation_id: alert.consultation_id, sender: 'ai' }).first()).toMatchObject({ answered_by: 'fallback', delivery_status: 'sent' }),
    );
    await expectStillRunning(stack, resident);
  }, 90_000);
});
