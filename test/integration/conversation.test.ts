import { POSTBACK } from '../../workflows/consultation/line-messages';
import { Client, Connection } from '@temporalio/client';
import { InboxRelay } from '../../api/line-webhook/inbox-relay';
import { createLogger } from '../../platform/logger';
import { eventually } from '../helpers/eventually';
import { PretendResident } from '../helpers/pretend-resident';
import { DEFAULT_LISTENING_REPLY } from '../stand-ins/openai-api';
import { startTestStack, TestStack } from '../helpers/test-stack';

/** Through the real webhook, the real Temporal server and worker, and real Postgres. */
describe('a resident talks with the city over LINE', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      worker: true,
      profile: (p) => {
        p.ai.debounceSeconds = 1;
      },
    });
  });
  afterAll(() => stack.stop());
  afterEach(() => stack.openai.reset());


  it('follow → terms → intake → first AI answer, all by reply with the profile texts', async () => {
    const { texts, intake, terms } = stack.profile;
    const resident = new PretendResident(stack);
    expect((await resident.follow()).status).toBe(200);
    const greeting = await resident.nextAnswer();
    expect(greeting.via).toBe('reply');
    expect(greeting.texts).toEqual([texts.greeting.trim(), terms.text.trim(), texts.termsPrompt.trim()]);

    await resident.tap(POSTBACK.termsAgree);
    expect((await resident.nextAnswer()).texts).toEqual([texts.intakeIntro.trim(), intake.questions[0].text]);
    await resident.tap(POSTBACK.intake('eligibility', 'lives'));
    expect((await resident.nextAnswer()).texts).toEqual([intake.questions[1].text]);
    await resident.tap(POSTBACK.intake('age-band', '30s'));
    expect((await resident.nextAnswer()).texts).toEqual([intake.questions[2].text]);
    await resident.tap(POSTBACK.intake('topic', 'loneliness'));
    const invitation = await resident.nextAnswer();
    expect(invitation).toMatchObject({ via: 'reply', texts: [texts.invitation.trim()] });

    await resident.say('最近ひとりでいると、すごくさみしくなるんです');
    const answer = await resident.nextAnswer();
    expect(answer.via).toBe('reply');
    expect(answer.texts).toHaveLength(1);
    expect(answer.texts).toEqual([DEFAULT_LISTENING_REPLY]);

    const residentRow = await stack.db('residents').where({ line_user_id: resident.userId }).first();
    // The send is recorded just after LINE accepted it.
    await eventually(async () => expect(await stack.db('messages').where({ resident_id: residentRow.id, sender: 'ai' }).first()).toMatchObject({ delivery_status: 'sent' }));
    expect(residentRow).toMatchObject({ terms_version: terms.version, intake: { eligibility: 'lives', 'age-band': '30s', topic: 'loneliness' } });
    const messages = await stack.db('messages').where({ resident_id: residentRow.id }).orderBy('created_at');
    expect(messages.filter((m) => m.direction === 'out').every((m) => m.delivery === 'reply' && m.delivery_status === 'sent')).toBe(true);
    expect(messages.filter((m) => m.sender === 'ai')).toEqual([expect.objectContaining({ answered_by: 'ai', prompt_tokens: expect.any(Number) })]);
  });

  it('answers three quick messages in a row once', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    // Listening calls only (the risk classifier also asks the model, with a JSON schema).
    const listeningCalls = () => stack.openai.requests.filter((r) => r.endpoint === 'chat.completions' && !(r.body as { response_format?: unknown }).response_format);
    const before = listeningCalls().length;
    await resident.say('仕事をやめてから');
    await resident.say('誰とも話していなくて');
    await resident.say('このままでいいのかなって');
    const answer = await resident.nextAnswer();
    expect(answer.texts).toHaveLength(1);
    expect(listeningCalls().length - before).toBe(1);
    const prompt = JSON.stringify(listeningCalls()[listeningCalls().length - 1].body);
    expect(prompt).toContain('仕事をやめてから');
    expect(prompt).toContain('このままでいいのかなって');
    const handle = stack.temporal.workflow.getHandle(`consultation-${(await stack.db('residents').where({ line_user_id: resident.userId }).first()).id}`);
    expect(await handle.query('consultationView')).toMatchObject({ turns: 1, pendingEvents: 0 });
  });

  it('pushes with a retry key when the reply token is too old to trust', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say('返事が遅くてもいいです', { timestamp: Date.now() - 60_000 });
    const answer = await resident.nextAnswer();
    expect(answer.via).toBe('push');
    expect(answer.request.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(async () => {
      const row = await stack.db('messages').where({ sender: 'ai', retry_key: answer.request.headers['x-line-retry-key'] }).first();
      expect(row).toMatchObject({ delivery: 'push', delivery_status: 'sent' });
    });
  });

  it('processes an event posted twice once', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    const event = resident.event('message', { message: { type: 'text', id: '9', quoteToken: 'q', text: '同じメッセージ' } });
    const body = JSON.stringify({ destination: 'U0', events: [event] });
    expect((await resident.post(body)).status).toBe(200);
    expect((await resident.post(body)).status).toBe(200);
    await resident.nextAnswer();
    await stack.relay.drain();
    expect(await stack.db('webhook_inbox').where({ webhook_event_id: event.webhookEventId }).count('* as n')).toEqual([{ n: '1' }]);
    // After relaying, the inbox no longer holds what the resident typed.
    expect(JSON.stringify((await stack.db('webhook_inbox').where({ webhook_event_id: event.webhookEventId }).first()).event)).not.toContain('同じメッセージ');
    expect(await stack.db('messages').where({ webhook_event_id: event.webhookEventId }).count('* as n')).toEqual([{ n: '1' }]);
    const residentId = (await stack.db('residents').where({ line_user_id: resident.userId }).first()).id;
    expect(await stack.db('messages').where({ resident_id: residentId, sender: 'ai' }).count('* as n')).toEqual([{ n: '1' }]);
  });

  it('refuses a bad or missing signature with 401 and stores nothing', async () => {
    const resident = new PretendResident(stack);
    const event = resident.event('message', { message: { type: 'text', id: '1', text: 'x' } });
    const body = JSON.stringify({ destination: 'U0', events: [event] });
    expect((await resident.post(body, 'bm90LXRoZS1zaWduYXR1cmU=')).status).toBe(401);
    const unsigned = await fetch(`${stack.baseUrl}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    expect(await stack.db('webhook_inbox').where({ webhook_event_id: event.webhookEventId }).first()).toBeUndefined();
    expect(await stack.db('residents').where({ line_user_id: resident.userId }).first()).toBeUndefined();
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const resident = new PretendResident(stack);
    expect((await resident.post('{"events": [')).status).toBe(400);
    expect((await resident.post(JSON.stringify({ events: [], pad: 'x'.repeat(1_100_000) }))).status).toBe(413);
  });

  it('answers exactly once when the worker dies in the middle of a turn', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    stack.openai.setDelay(1500, 'chat');
    await resident.say('聞いてほしいことがあります');
    await stack.openai.waitFor(() => true, 15_000, { includeExisting: false }).catch(() => undefined);
    await stack.crashAndRestartWorker();
    stack.openai.setDelay(0);
    const answer = await resident.nextAnswer(30_000);
    expect(answer.texts).toHaveLength(1);
    await stack.relay.drain();
    const residentId = (await stack.db('residents').where({ line_user_id: resident.userId }).first()).id;
    const aiMessages = await stack.db('messages').where({ resident_id: residentId, sender: 'ai' });
    expect(aiMessages).toHaveLength(1);
    expect(resident.answers().filter((r) => r.seq >= answer.request.seq)).toHaveLength(1);
  });

  it('falls back to the offline listener when the model is unreachable', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    stack.openai.failNext(500, 5);
    await resident.say('ずっと不安で眠れないんです');
    const answer = await resident.nextAnswer();
    expect(answer.texts[0]).toMatch(/不安|眠れない/);
    const residentId = (await stack.db('residents').where({ line_user_id: resident.userId }).first()).id;
    expect(await stack.db('messages').where({ resident_id: residentId, sender: 'ai' }).first()).toMatchObject({ answered_by: 'fallback' });
  });

  it('replies kindly to a sticker, an image and a location', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    for (const send of [resident.sticker, resident.image, resident.location]) {
      await send();
      const answer = await resident.nextAnswer();
      expect(answer).toMatchObject({ via: 'reply', texts: [stack.profile.texts.nonTextReply.trim()] });
    }
    const residentId = (await stack.db('residents').where({ line_user_id: resident.userId }).first()).id;
    const kinds = (await stack.db('messages').where({ resident_id: residentId, direction: 'in' }).orderBy('created_at')).map((m) => m.kind);
    expect(kinds.slice(-3)).toEqual(['sticker', 'image', 'location']);
  });

  it('stops pushes and closes the consultation when the resident blocks the account', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.unfollow();
    await stack.relay.drain();
    const row = await stack.db('residents').where({ line_user_id: resident.userId }).first();
    expect(row.status).toBe('unreachable');
    const handle = stack.temporal.workflow.getHandle(`consultation-${row.id}`);
    expect(await handle.result()).toEqual({ closed: 'unfollowed' });
    expect(await stack.db('consultations').where({ resident_id: row.id }).first()).toMatchObject({ status: 'closed', close_reason: 'unfollowed' });
    // A late redelivery after the block opens a consultation but sends nothing: pushes are suppressed.
    await resident.say('まだいますか', { timestamp: Date.now() - 60_000 });
    const suppressed = await eventually(async () => {
      const out = await stack.db('messages').where({ resident_id: row.id, direction: 'out', delivery_status: 'suppressed' }).first();
      expect(out).toBeDefined();
      return out;
    });
    expect(suppressed.delivery).toBeNull();
    expect(stack.line.pushes().filter((p) => p.to === resident.userId)).toHaveLength(0);
  });
});

describe('a webhook acknowledged while Temporal is unreachable', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true, profile: (p) => void (p.ai.debounceSeconds = 0) });
  });
  afterAll(() => stack.stop());

  it('is kept in the inbox, retried with back-off, and answered once Temporal is back', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    // A relay whose Temporal frontend does not answer: as if the server were down when LINE posted.
    const unreachable = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 }) });
    const downRelay = new InboxRelay({ db: stack.db, sealer: stack.sealer, temporal: unreachable, taskQueue: stack.taskQueue, logger: createLogger('silent') });
    await stack.relay.drain();
    await stack.relay.stop();

    const sent = await resident.post(JSON.stringify({ destination: 'U0', events: [resident.event('message', { message: { type: 'text', id: '7', quoteToken: 'q', text: 'つながりますか' } })] }));
    expect(sent.status).toBe(200);
    await downRelay.drain();
    const waiting = await stack.db('webhook_inbox').where({ status: 'pending' }).first();
    // An outage is not the event's fault: it does not use up the event's attempts, and only a code is kept.
    expect(waiting).toMatchObject({ attempts: 0, last_error: expect.stringMatching(/^[\w:.-]+$/) });
    expect(waiting.next_attempt_at.getTime()).toBeGreaterThan(Date.now());

    // Temporal is back: the next pass after the back-off relays it and the resident is answered.
    await stack.db('webhook_inbox').where({ webhook_event_id: waiting.webhook_event_id }).update({ next_attempt_at: new Date() });
    await stack.relay.drain();
    expect((await stack.db('webhook_inbox').where({ webhook_event_id: waiting.webhook_event_id }).first()).status).toBe('relayed');
    const answer = await resident.nextAnswer();
    expect(answer.texts).toHaveLength(1);
    await unreachable.connection.close();
  });
});
