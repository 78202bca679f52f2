import { Client } from 'pg';
import type { Db } from './db';
import type { Logger } from './logger';

/**
 * Live updates for the staff dashboard. The worker and the API are separate processes, so changes
 * travel through Postgres NOTIFY; the API relays them to browsers as server-sent events.
 * Payloads carry ids only, never message text.
 */
export type LiveEvent =
  | { type: 'queue' }
  | { type: 'consultation'; id: string }
  | { type: 'message'; consultationId: string }
  | { type: 'alert'; id: string; consultationId: string; level: string | null }
  // From the hub itself, after it listens again: notifications sent in the gap are lost, so refetch everything.
  | { type: 'resync' };

export const LIVE_CHANNEL = 'yorisoi_events';

export async function publish(db: Db, ...events: LiveEvent[]): Promise<void> {
  for (const event of events) await db.raw('select pg_notify(?, ?)', [LIVE_CHANNEL, JSON.stringify(event)]);
}

export interface LiveListenerState {
  listening: boolean;
  /** Times the LISTEN connection was re-established after a loss. */
  reconnects: number;
  /** Failed attempts since the connection was last up. */
  failedAttempts: number;
}

export interface LiveEventHubOptions {
  logger?: Logger;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** A query on the LISTEN connection this often, so a silently dead connection is noticed. */
  heartbeatMs?: number;
}

/**
 * One LISTEN connection per API process, fanned out to every open event stream. When the connection
 * is lost (PostgreSQL restarted, network cut) it connects and LISTENs again, waiting longer after
 * each failure, and then tells every subscriber to resync.
 */
export class LiveEventHub {
  private client: Client | undefined;
  private readonly subscribers = new Set<(event: LiveEvent) => void>();
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private retryMs: number;
  private stopped = false;
  private everListened = false;
  private readonly state: LiveListenerState = { listening: false, reconnects: 0, failedAttempts: 0 };
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly heartbeatMs: number;

  constructor(
    private readonly databaseUrl: string,
    private readonly options: LiveEventHubOptions = {},
  ) {
    this.firstRetryMs = options.firstRetryMs ?? 500;
    this.maxRetryMs = options.maxRetryMs ?? 30_000;
    this.heartbeatMs = options.heartbeatMs ?? 30_000;
    this.retryMs = this.firstRetryMs;
  }

  /** Resolves once listening, or after the first failed attempt (retries continue in the background). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  get listenerState(): LiveListenerState {
    return { ...this.state };
  }

  subscribe(fn: (event: LiveEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    this.state.listening = false;
    await client?.end().catch(() => undefined);
  }

  private emit(event: LiveEvent): void {
    for (const subscriber of this.subscribers) subscriber(event);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true, connectionTimeoutMillis: 5_000 });
    this.client = client;
    // Registered before connecting: an error event without a listener would crash the process.
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      this.emit(JSON.parse(message.payload) as LiveEvent);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (err) {
      this.state.failedAttempts += 1;
      this.options.logger?.warn({ attempt: this.state.failedAttempts, err: (err as Error).message }, 'live events: LISTEN failed, retrying');
      this.lost(client);
      return;
    }
    if (this.stopped || this.client !== client) return void client.end().catch(() => undefined);
    this.state.listening = true;
    this.state.failedAttempts = 0;
    this.retryMs = this.firstRetryMs;
    this.heartbeat = setInterval(() => {
      client.query('select 1').catch(() => this.lost(client));
    }, this.heartbeatMs);
    this.heartbeat.unref();
    if (this.everListened) {
      this.state.reconnects += 1;
      this.options.logger?.info({ reconnects: this.state.reconnects }, 'live events: listening again');
      this.emit({ type: 'resync' });
    }
    this.everListened = true;
  }

  /** Called for every way a connection can go; only the current one schedules a retry, once. */
  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    if (this.state.listening) this.options.logger?.warn('live events: LISTEN connection lost');
    this.state.listening = false;
    client.removeAllListeners('notification');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs);
    this.retryTimer = setTimeout(() => void this.connect(), wait);
    this.retryTimer.unref();
  }
}
