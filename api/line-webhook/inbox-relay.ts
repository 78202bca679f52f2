import crypto from 'node:crypto';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { webhook } from '@line/bot-sdk';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { consultationWorkflow } from '../../workflows';
import { consultationWorkflowId, residentEventSignal } from '../../workflows/consultation/messages';
import { toResidentEvent } from './resident-events';

const BATCH = 50;
const MAX_BACKOFF_MS = 60_000;
// Temporal calls in flight at once; one resident's events are never among them twice.
const RELAY_CONCURRENCY = 16;
// Crockford base32 without I, L, O, U: codes staff read aloud or type never mix up 0/O or 1/I.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newResidentCode(): string {
  const bytes = crypto.randomBytes(6);
  return 'R-' + Array.from(bytes, (b) => CODE_ALPHABET[b % 32]).join('');
}

/** The resident behind a LINE user id, created on first contact with a pseudonymous code. */
async function upsertResident(db: Db, lineUserId: string): Promise<{ id: string }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [row] = await db('residents')
      .insert({ line_user_id: lineUserId, code: newResidentCode() })
      .onConflict('line_user_id')
      .merge({ updated_at: db.fn.now() })
      .returning('id')
      .catch((err: { constraint?: string }) => {
        if (err.constraint === 'residents_code_unique') return [undefined];
        throw err;
      });
    if (row) return row;
  }
  throw new Error('could not allocate a resident code');
}

/**
 * Moves stored webhook events to Temporal in timestamp order. Runs after each webhook and on a timer,
 * so events stored while Temporal was down go out once it is back. Rows are claimed with SKIP LOCKED,
 * so several API processes can run relays side by side without sending an event twice.
 */
export class InboxRelay {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: { db: Db; temporal: Client; taskQueue: string; logger: Logger }) {}

  start(intervalMs = 2_000): void {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** No more passes after this (events stay in the inbox for the next process); `drain()` still works. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Asks for a pass; passes never overlap, and a request during one causes one more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.passUntilEmpty()
      .catch((err) => this.deps.logger.error({ err }, 'inbox relay pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for a pass under way, then relays until nothing is due (tests wait on this). */
  async drain(): Promise<void> {
    await this.running;
    await this.passUntilEmpty();
  }

  private async passUntilEmpty(): Promise<void> {
    while ((await this.pass()) === BATCH);
  }

  private async pass(): Promise<number> {
    const { db } = this.deps;
    return db.transaction(async (trx) => {
      const rows = await trx('webhook_inbox')
        .where({ status: 'pending' })
        .andWhere((w) => w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', trx.fn.now()))
        .orderBy('event_timestamp')
        .limit(BATCH)
        .forUpdate()
        .skipLocked();
      // Each resident's events go in order; different residents are relayed side by side.
      const byResident = new Map<string, typeof rows>();
      for (const row of rows) {
        const key = row.event?.source?.userId ?? row.webhook_event_id;
        byResident.set(key, [...(byResident.get(key) ?? []), row]);
      }
      let failed = false;
      const relayResident = async (residentRows: typeof rows) => {
        for (const row of residentRows) {
          try {
            const outcome = await this.relay(row.event);
            // Once Temporal holds the event (encrypted by the payload codec), the inbox keeps only what
            // de-duplication needs: the text a resident typed, personal details included, is dropped.
            await trx('webhook_inbox')
              .where({ webhook_event_id: row.webhook_event_id })
              .update({ status: outcome, relayed_at: trx.fn.now(), attempts: row.attempts + 1, last_error: null, event: trx.raw("event #- '{message,text}'") });
          } catch (err) {
            failed = true;
            const attempts = row.attempts + 1;
            const retryAt = new Date(Date.now() + Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(attempts, 7)));
            await trx('webhook_inbox')
              .where({ webhook_event_id: row.webhook_event_id })
              .update({ attempts, last_error: String((err as Error).message).slice(0, 500), next_attempt_at: retryAt });
            // Later events of the same resident wait too, so none overtakes this one.
            const userId = row.event?.source?.userId;
            if (userId) {
              await trx('webhook_inbox')
                .where({ status: 'pending' })
                .whereRaw("event->'source'->>'userId' = ?", [userId])
                .andWhere('event_timestamp', '>=', row.event_timestamp)
                .update({ next_attempt_at: retryAt });
            }
            this.deps.logger.warn({ webhookEventId: row.webhook_event_id, attempts }, 'relay to Temporal failed; will retry');
            return;
          }
        }
      };
      const groups = [...byResident.values()];
      for (let i = 0; i < groups.length; i += RELAY_CONCURRENCY) await Promise.all(groups.slice(i, i + RELAY_CONCURRENCY).map(relayResident));
      // After a failure, stop draining: the timer tries again after the back-off.
      if (failed) return 0;
      return rows.length;
    });
  }

  private async relay(raw: webhook.Event & { webhookEventId: string }): Promise<'relayed' | 'ignored'> {
    const { db, temporal } = this.deps;
    const mapped = toResidentEvent(raw);
    if (!mapped) return 'ignored';
    const resident = await upsertResident(db, mapped.lineUserId);
    const workflowId = consultationWorkflowId(resident.id);
    const { event } = mapped;
    if (event.kind === 'unfollow') {
      // Pushes stop at once, whatever the workflow is doing; then the open consultation closes.
      await db('residents').where({ id: resident.id }).update({ status: 'unreachable', unfollowed_at: new Date(event.timestamp), updated_at: db.fn.now() });
      try {
        await temporal.workflow.getHandle(workflowId).signal(residentEventSignal, event);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      return 'relayed';
    }
    if (event.kind === 'follow') {
      await db('residents').where({ id: resident.id }).update({ status: 'active', followed_at: new Date(event.timestamp), unfollowed_at: null, updated_at: db.fn.now() });
    }
    await temporal.workflow.signalWithStart(consultationWorkflow, {
      workflowId,
      taskQueue: this.deps.taskQueue,
      args: [{ residentId: resident.id }],
      signal: residentEventSignal,
      signalArgs: [event],
    });
    return 'relayed';
  }
}
