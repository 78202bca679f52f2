import { Client } from 'pg';
import type { Db } from './db';

/**
 * Live updates for the staff dashboard. The worker and the API are separate processes, so changes
 * travel through Postgres NOTIFY; the API relays them to browsers as server-sent events.
 * Payloads carry ids only, never message text.
 */
export type LiveEvent =
  | { type: 'queue' }
  | { type: 'consultation'; id: string }
  | { type: 'message'; consultationId: string }
  | { type: 'alert'; id: string; consultationId: string; level: string | null };

export const LIVE_CHANNEL = 'yorisoi_events';

export async function publish(db: Db, ...events: LiveEvent[]): Promise<void> {
  for (const event of events) await db.raw('select pg_notify(?, ?)', [LIVE_CHANNEL, JSON.stringify(event)]);
}

/** One LISTEN connection per API process, fanned out to every open event stream. */
export class LiveEventHub {
  private client: Client | undefined;
  private readonly subscribers = new Set<(event: LiveEvent) => void>();

  constructor(private readonly databaseUrl: string) {}

  async start(): Promise<void> {
    this.client = new Client({ connectionString: this.databaseUrl });
    await this.client.connect();
    this.client.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL || !message.payload) return;
      const event = JSON.parse(message.payload) as LiveEvent;
      for (const subscriber of this.subscribers) subscriber(event);
    });
    // A dropped connection ends live updates until restart; the dashboard still works by reloading.
    this.client.on('error', () => undefined);
    await this.client.query(`LISTEN ${LIVE_CHANNEL}`);
  }

  subscribe(fn: (event: LiveEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  async stop(): Promise<void> {
    await this.client?.end();
  }
}
