import client from 'prom-client';
import type { Db } from '../../platform/db';

/**
 * `/metrics` gauges for what is stuck between LINE and Temporal: events waiting to be relayed, the age
 * of the oldest, and events given up on (each has a `dead_letter` alert). Read at scrape time.
 */
export function registerInboxMetrics(registry: client.Registry, db: Db): void {
  let figures: Promise<{ backlog: number; oldest: number; dead: number }> | undefined;
  // One query per scrape for all three gauges.
  const read = () => {
    figures ??= db
      .raw(
        `SELECT count(*) FILTER (WHERE status = 'pending') AS backlog,
                coalesce(extract(epoch FROM now() - min(received_at) FILTER (WHERE status = 'pending')), 0) AS oldest,
                count(*) FILTER (WHERE status = 'dead') AS dead
           FROM webhook_inbox WHERE status IN ('pending', 'dead')`,
      )
      .then(({ rows: [r] }) => ({ backlog: Number(r.backlog), oldest: Number(r.oldest), dead: Number(r.dead) }))
      .finally(() => setTimeout(() => (figures = undefined), 500).unref());
    return figures;
  };
  const gauge = (name: string, help: string, pick: (f: Awaited<ReturnType<typeof read>>) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(pick(await read()));
      },
    });
  gauge('yorisoi_inbox_backlog', 'Webhook events stored and not yet relayed to Temporal', (f) => f.backlog);
  gauge('yorisoi_inbox_oldest_pending_age_seconds', 'Age of the oldest webhook event not yet relayed', (f) => f.oldest);
  gauge('yorisoi_inbox_dead_letters', 'Webhook events given up on after their attempts (each raised an alert)', (f) => f.dead);
}
