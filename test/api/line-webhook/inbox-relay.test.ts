import type { Client } from '@temporalio/client';
import { InboxRelay, InboxRelaySettings } from '../../../api/line-webhook/inbox-relay';
import { createLogger } from '../../../platform/logger';
import { PretendResident } from '../../helpers/pretend-resident';
import { startTestStack, TestStack } from '../../helpers/test-stack';

interface Signalled {
  eventId: string;
  relay: string;
}

/**
 * The real Temporal client behind a fault injector: `before` runs ahead of each signalWithStart and may
 * throw (Temporal refusing) or wait (a slow call); successful calls are logged in completion order.
 */
function temporalWith(real: Client, log: Signalled[], relay: string, before: (eventId: string) => Promise<void> | void = () => undefined): Client {
  return {
    workflow: {
      async signalWithStart(workflow: unknown, options: { signalArgs: [{ eventId: string }] }) {
        const { eventId } = options.signalArgs[0];
        await before(eventId);
        const started = await real.workflow.signalWithStart(workflow as never, options as never);
        log.push({ eventId, relay });
        return started;
      },
      getHandle: (id: string) => real.workflow.getHandle(id),
    },
  } as unknown as Client;
}

describe('the inbox relay', () => {
  let stack: TestStack;
  const log: Signalled[] = [];
  const relay = (name: string, before?: (eventId: string) => Promise<void> | void, settings?: Partial<InboxRelaySettings>) =>
    new InboxRelay({ db: stack.db, sealer: stack.sealer, temporal: temporalWith(stack.temporal, log, name, before), taskQueue: stack.taskQueue, logger: createLogger('silent'), identity: name, settings });
  const healthy = () => relay('healthy');
  const inbox = (eventId: string) => stack.db('webhook_inbox').where({ webhook_event_id: eventId }).first();
  // Time passing until a back-off ends, without waiting for it.
  const makeDue = () => stack.db('webhook_inbox').where({ status: 'pending' }).update({ next_attempt_at: null });
  const residentId = async (r: PretendResident) => (await stack.db('residents').where({ line_user_id: r.userId }).first()).id as string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true, profile: (p) => void (p.ai.debounceSeconds = 0) });
    // Every test relays with relays of its own, so it sees exactly which events went to Temporal.
    await stack.relay.stop();
  });
  afterAll(() => stack.stop());
  beforeEach(() => void (log.length = 0));

  it('does not signal again the events of a pass that failed midway', async () => {
    const [a, b, c] = [new PretendResident(stack), new PretendResident(stack), new PretendResident(stack)];
    const sent = [await a.follow(), await b.follow(), await c.follow()];
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200]);
    const refused = relay('refusing-b', (eventId) => {
      if (eventId === sent[1].eventId) throw new Error('Temporal refused the signal');
    });
    await refused.drain();
    expect((await inbox(sent[1].eventId)).status).toBe('pending');
    await makeDue();
    await healthy().drain();

    expect(log.map((l) => l.eventId).sort()).toEqual(sent.map((s) => s.eventId).sort());
    for (const resident of [a, b, c]) expect((await resident.nextAnswer()).texts[0]).toBe(stack.profile.texts.greeting.trim());
    expect(await stack.db('webhook_inbox').whereIn('webhook_event_id', sent.map((s) => s.eventId)).pluck('status')).toEqual(['relayed', 'relayed', 'relayed']);
  });

  it('does not reopen a closed consultation when an event is relayed again', async () => {
    const resident = new PretendResident(stack);
    const follow = await resident.follow();
    await healthy().drain();
    await resident.nextAnswer();
    await resident.unfollow();
    await healthy().drain();
    const handle = stack.temporal.workflow.getHandle(`consultation-${await residentId(resident)}`);
    expect(await handle.result()).toEqual({ closed: 'unfollowed' });
    const { runId } = await handle.describe();

    // The relay died after Temporal took the event and before the row was marked: it is due again.
    await stack.db('webhook_inbox').where({ webhook_event_id: follow.eventId }).update({ status: 'pending', relayed_at: null });
    await healthy().drain();

    expect((await inbox(follow.eventId)).status).toBe('relayed');
    expect(log.filter((l) => l.eventId === follow.eventId)).toHaveLength(1);
    expect(await stack.db('consultations').where({ resident_id: await residentId(resident) }).pluck('status')).toEqual(['closed']);
    expect((await handle.describe()).runId).toBe(runId);
    expect(resident.answers()).toHaveLength(1);
  });

  it('moves an event that keeps failing to the dead letter with an alert, and lets the next one through', async () => {
    const resident = new PretendResident(stack);
    await resident.follow();
    await healthy().drain();
    await resident.nextAnswer();
    const first = await resident.say('きいてください');
    const second = await resident.say('やっぱりいいです');
    const failing = relay('failing', (eventId) => {
      if (eventId === first.eventId) throw new Error('Temporal refused the signal');
    }, { maxAttempts: 3 });

    await failing.drain();
    // The later event waits behind the failing one: it is neither signalled nor overtaking it.
    expect(await inbox(first.eventId)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error' });
    expect(log.map((l) => l.eventId)).not.toContain(second.eventId);
    await makeDue();
    await failing.drain();
    await makeDue();
    await failing.drain();

    expect(await inbox(first.eventId)).toMatchObject({ status: 'dead', attempts: 3 });
    const consultation = await stack.db('consultations').where({ resident_id: await residentId(resident) }).first();
    expect(await stack.db('alerts').where({ kind: 'dead_letter', webhook_event_id: first.eventId })).toEqual([
      expect.objectContaining({ consultation_id: consultation.id, channel: 'dashboard', acknowledged_at: null }),
    ]);
    const metrics = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^yorisoi_inbox_dead_letters 1$/m);
    expect(log.filter((l) => l.relay === 'failing').map((l) => l.eventId)).toEqual([second.eventId]);
    // The resident is answered for the later message (still in onboarding: the terms again).
    expect((await resident.nextAnswer()).texts.length).toBeGreaterThan(0);
  });

  it('keeps each resident’s order with two relays side by side', async () => {
    const residents = Array.from({ length: 4 }, () => new PretendResident(stack));
    const base = Date.now();
    const order = new Map<string, string[]>();
    for (let i = 0; i < 5; i += 1) {
      for (const [n, r] of residents.entries()) {
        // Posted out of order within each resident: the inbox orders by LINE's timestamp.
        const timestamp = base + (i % 2 === 0 ? i : 10 - i) * 10 + n;
        const sent = await r.send(r.event('message', { message: { type: 'sticker', id: String(i), packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' } }, { timestamp }));
        order.set(r.userId, [...(order.get(r.userId) ?? []), `${timestamp}:${sent.eventId}`]);
      }
    }
    const jitter = () => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 30));
    const one = relay('one', jitter, { batch: 2 });
    const two = relay('two', jitter, { batch: 2 });
    const pending = async () => Number((await stack.db('webhook_inbox').where({ status: 'pending' }).count('* as n'))[0].n);
    while ((await pending()) > 0) await Promise.all([one.pass(), two.pass()]);

    expect(new Set(log.map((l) => l.relay))).toEqual(new Set(['one', 'two']));
    expect(log).toHaveLength(20);
    for (const r of residents) {
      const expected = order.get(r.userId)!.sort().map((e) => e.split(':')[1]);
      const mine = new Set(expected);
      expect(log.filter((l) => mine.has(l.eventId)).map((l) => l.eventId)).toEqual(expected);
    }
  });
});
