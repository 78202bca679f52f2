import crypto from 'node:crypto';
import os from 'node:os';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { webhook } from '@line/bot-sdk';
import { clearedSealed, type TextSealer } from '../../platform/crypto/sealed-text';
import type { Db } from '../../platform/db';
import { publish } from '../../platform/events';
import { errorCode, type Logger } from '../../platform/logger';
import { consultationWorkflow, residentMenuWorkflow } from '../../workflows';
import { consultationWorkflowId, residentEventSignal } from '../../workflows/consultation/messages';
import { JAPANESE } from '../../workflows/consultation/language';
import { residentMenuWorkflowId } from '../../workflows/resident-menu/messages';
import { openInboxEvent } from './inbox-content';
import { toResidentEvent } from './resident-events';
import { LineProfileLanguage, residentLanguage } from './resident-language';

// Crockford base32 without I, L, O, U: codes staff read aloud or type never mix up 0/O or 1/I.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export interface InboxRelaySettings {
  /** Rows claimed per pass (at most one per resident: the earliest pending event of each). */
  batch: number;
  /** How long a claim holds a row; a relay that dies mid-pass frees its rows after this. */
  leaseMs: number;
  /** Failures (outages of Temporal or Postgres not counted) before an event goes to the dead letter. */
  maxAttempts: number;
  /** Temporal calls in flight at once. */
  concurrency: number;
  maxBackoffMs: number;
}

/** The relay's own pool: one connection claims and marks, one spare for upserting residents. */
export const RELAY_POOL = { min: 0, max: 2 };

export const DEFAULT_RELAY_SETTINGS: InboxRelaySettings = { batch: 50, leaseMs: 30_000, maxAttempts: 8, concurrency: 8, maxBackoffMs: 60_000 };

type InboxEvent = webhook.Event & { webhookEventId: string };
interface ClaimedRow {
  webhook_event_id: string;
  /** The event as LINE sent it: the stored envelope with its sealed content opened. */
  event: InboxEvent;
  attempts: number;
  resident_key: string;
}

function newResidentCode(): string {
  const bytes = crypto.randomBytes(6);
  return 'R-' + Array.from(bytes, (b) => CODE_ALPHABET[b % 32]).join('');
}

/** The resident behind a LINE user id, created on first contact with a pseudonymous code. */
async function upsertResident(db: Db, lineUserId: string): Promise<{ id: string; menu_language: string | null }> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const [row] = await db('residents')
      .insert({ line_user_id: lineUserId, code: newResidentCode() })
      .onConflict('line_user_id')
      .merge({ updated_at: db.fn.now() })
      .returning(['id', 'menu_language'])
      .catch((err: { constraint?: string }) => {
        if (err.constraint === 'residents_code_unique') return [undefined];
        throw err;
      });
    if (row) return row;
  }
  throw new Error('could not allocate a resident code');
}

/** Temporal or Postgres unreachable: not the event's fault, so it does not use up the event's attempts. */
export function isOutage(err: unknown): boolean {
  const code = errorCode(err);
  // gRPC 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED; pg class 08 (connection) and 57P0x (shutting down).
  return /^temporal:(14|4)$|^pg:(08|57P0)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$|TransportError|Connection|KnexTimeoutError/.test(code);
}

/**
 * The earliest pending, due, unleased event of each resident, leased to `claimedBy` in one statement
 * (its own short transaction). A resident's later event is never claimed while an earlier one is
 * still pending, waiting for a retry or leased by another relay, so order holds across any number of
 * relays; SKIP LOCKED lets relays claim side by side without waiting on each other.
 */
async function claim(db: Db, sealer: TextSealer, claimedBy: string, settings: InboxRelaySettings): Promise<ClaimedRow[]> {
  const { rows } = await db.raw(
    `UPDATE webhook_inbox AS w
        SET locked_until = now() + make_interval(secs => ?), claimed_by = ?
       FROM (SELECT c.webhook_event_id
               FROM webhook_inbox c
              WHERE c.status = 'pending'
                AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= now())
                AND (c.locked_until IS NULL OR c.locked_until <= now())
                AND NOT EXISTS (SELECT 1 FROM webhook_inbox e
                                 WHERE e.status = 'pending' AND e.resident_key = c.resident_key
                                   AND (e.event_timestamp, e.webhook_event_id) < (c.event_timestamp, c.webhook_event_id))
              ORDER BY c.event_timestamp, c.webhook_event_id
              LIMIT ?
              FOR UPDATE OF c SKIP LOCKED) AS picked
      WHERE w.webhook_event_id = picked.webhook_event_id
  RETURNING w.webhook_event_id, w.event, w.content, w.content_key_id, w.attempts, w.resident_key`,
    [settings.leaseMs / 1000, claimedBy, settings.batch],
  );
  return rows.map(({ content, content_key_id, ...row }: Record<string, unknown>) => ({
    ...row,
    event: openInboxEvent<InboxEvent>(sealer, { webhook_event_id: row.webhook_event_id as string, event: row.event, content: content as string | null, content_key_id: content_key_id as string | null }),
  })) as ClaimedRow[];
}

/**
 * Moves stored webhook events to Temporal, each resident's in timestamp order. Runs after each webhook
 * and on a timer, so events stored while Temporal was down go out once it is back. Rows are claimed in
 * a short statement, Temporal is called with no transaction open, and each row is marked on its own,
 * so a failure affects only its event. An event that keeps failing goes to the dead letter with an alert.
 *
 * Give it a pool of its own (`createDb(url, { max: 2 })`): it then never takes a connection the
 * webhook's inserts need.
 */
export class InboxRelay {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly settings: InboxRelaySettings;
  readonly identity: string;

  constructor(
    private readonly deps: { db: Db; sealer: TextSealer; temporal: Client; taskQueue: string; logger: Logger; identity?: string; settings?: Partial<InboxRelaySettings>; lineProfileLanguage?: LineProfileLanguage },
  ) {
    this.settings = { ...DEFAULT_RELAY_SETTINGS, ...deps.settings };
    this.identity = deps.identity ?? `relay@${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  }

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
    // Each pass takes one event per resident, so a resident's burst takes as many passes as events.
    while ((await this.pass()) > 0);
  }

  /**
   * One claim, then each claimed event relayed and marked; returns how many were settled (relayed,
   * ignored or dead-lettered), so a pass that only scheduled retries ends the loop.
   */
  async pass(): Promise<number> {
    const rows = await claim(this.deps.db, this.deps.sealer, this.identity, this.settings);
    let settled = 0;
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        if (await this.relayAndMark(row)) settled += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, rows.length) }, lane));
    return settled;
  }

  private async relayAndMark(row: ClaimedRow): Promise<boolean> {
    const { db, logger } = this.deps;
    try {
      const outcome = await this.relay(row.event);
      // Once Temporal holds the event (encrypted by the payload codec), the inbox keeps only what
      // de-duplication needs: what the resident sent is dropped (from `event` too, in rows stored
      // before it was sealed apart).
      await db('webhook_inbox')
        .where({ webhook_event_id: row.webhook_event_id })
        .update({ status: outcome, relayed_at: db.fn.now(), attempts: row.attempts + 1, last_error: null, locked_until: null, event: db.raw("event #- '{message,text}'"), ...clearedSealed('content') });
      return true;
    } catch (err) {
      const code = errorCode(err);
      const outage = isOutage(err);
      const attempts = outage ? row.attempts : row.attempts + 1;
      try {
        if (attempts >= this.settings.maxAttempts) {
          await this.deadLetter(row, attempts, code);
          return true;
        } else {
          const backoff = Math.min(this.settings.maxBackoffMs, 500 * 2 ** Math.min(attempts + 1, 10));
          const retryAt = new Date(Date.now() + backoff * (0.8 + Math.random() * 0.4));
          // The row stays pending, so the claim holds this resident's later events back until it is relayed.
          await db('webhook_inbox').where({ webhook_event_id: row.webhook_event_id }).update({ attempts, last_error: code, next_attempt_at: retryAt, locked_until: null });
          logger.warn({ webhookEventId: row.webhook_event_id, attempts, code, outage }, 'relay to Temporal failed; will retry');
        }
      } catch (markErr) {
        // Postgres is gone too: the lease runs out and a relay picks the row up again.
        logger.warn({ webhookEventId: row.webhook_event_id, code: errorCode(markErr) }, 'could not record a relay failure');
      }
      return false;
    }
  }

  /** Gives up on one event: later events of the resident go ahead, staff see an alert, /metrics counts it. */
  private async deadLetter(row: ClaimedRow, attempts: number, code: string): Promise<void> {
    const { db, logger } = this.deps;
    const alertId = crypto.randomUUID();
    let consultationId: string | null = null;
    await db.transaction(async (trx) => {
      await trx('webhook_inbox')
        .where({ webhook_event_id: row.webhook_event_id })
        .update({ status: 'dead', dead_at: trx.fn.now(), attempts, last_error: code, locked_until: null });
      const userId = row.event.source?.type === 'user' ? row.event.source.userId : undefined;
      const consultation = userId
        ? await trx('consultations as c')
            .join('residents as r', 'r.id', 'c.resident_id')
            .where('r.line_user_id', userId)
            .orderByRaw("(c.status <> 'closed') DESC, c.opened_at DESC")
            .first('c.id')
        : undefined;
      consultationId = consultation?.id ?? null;
      await trx('alerts').insert({ id: alertId, consultation_id: consultationId, kind: 'dead_letter', channel: 'dashboard', webhook_event_id: row.webhook_event_id });
    });
    if (consultationId) await publish(db, { type: 'alert', id: alertId, consultationId, level: null }, { type: 'queue' });
    logger.error({ webhookEventId: row.webhook_event_id, alertId, attempts, code }, 'webhook event moved to the dead letter');
  }

  /**
   * The rich menu of the resident's language, by a workflow of its own (resident-menu-workflow.ts),
   * started after the event is signalled whenever the language differs from the one last linked; a
   * newer change replaces a run still going. Never holds up the event: a start Temporal refuses is
   * logged, and the resident's next event starts it again.
   */
  private async giveResidentTheirMenu(resident: { id: string; menu_language: string | null }, language: string | undefined): Promise<void> {
    const wanted = language ?? JAPANESE;
    if ((resident.menu_language ?? JAPANESE) === wanted) return;
    try {
      await this.deps.temporal.workflow.start(residentMenuWorkflow, {
        workflowId: residentMenuWorkflowId(resident.id),
        taskQueue: this.deps.taskQueue,
        args: [{ residentId: resident.id }],
        workflowIdConflictPolicy: 'TERMINATE_EXISTING',
      });
      await this.deps.db('residents').where({ id: resident.id }).update({ menu_language: wanted });
    } catch (err) {
      this.deps.logger.warn({ residentId: resident.id, code: errorCode(err) }, 'could not start the rich-menu link of a language change; the next event tries again');
    }
  }

  private async relay(raw: InboxEvent): Promise<'relayed' | 'ignored'> {
    const { db, temporal } = this.deps;
    const mapped = toResidentEvent(raw);
    if (!mapped) return 'ignored';
    // Already in a consultation's record (a replay after a relay died between signal and mark): a
    // signalWithStart now would open a new consultation if that one has closed, and answer it again.
    if (await db('messages').where({ webhook_event_id: raw.webhookEventId }).first('id')) return 'relayed';
    const resident = await upsertResident(db, mapped.lineUserId);
    const workflowId = consultationWorkflowId(resident.id);
    const { event: bare } = mapped;
    // Each event carries the resident's language, so the workflow answers in it without keeping it.
    const event = bare.kind === 'unfollow' ? bare : { ...bare, language: await residentLanguage(this.deps, resident.id, mapped.lineUserId, bare) };
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
    await this.giveResidentTheirMenu(resident, event.language);
    return 'relayed';
  }
}
