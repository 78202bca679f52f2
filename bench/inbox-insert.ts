/**
 * The webhook's inbox insert, clear versus sealed.   npx tsx bench/inbox-insert.ts [--n 2000] [--events 1]
 *
 * The webhook stores each delivery in one INSERT before it answers LINE (api/line-webhook/
 * line-webhook-routes.ts); since issue 16 the content of each event is sealed with the at-rest cipher
 * first (api/line-webhook/inbox-content.ts). This measures both row shapes against a real embedded
 * PostgreSQL, alternating them delivery by delivery so drift and noise fall on both alike: the time
 * to build the rows (CPU, µs) and the time of the whole build + INSERT (ms), for deliveries of
 * `--events` text events of ~200 characters.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inboxColumns } from '../api/line-webhook/inbox-content';
import { PiiKeyring } from '../platform/crypto/pii-cipher';
import { TextSealer } from '../platform/crypto/sealed-text';
import { createDb, ensureDatabase, migrateLatest } from '../platform/db';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { freePort } from '../platform/processes';
import { machineLine } from './lib/machine';
import { formatSummary, summarize } from './lib/stats';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const v = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} expects a positive whole number`);
  return v;
}

const cleanups: (() => unknown)[] = [];
async function cleanup(): Promise<void> {
  while (cleanups.length > 0) await Promise.resolve(cleanups.pop()!()).catch((err) => console.error(`cleanup failed: ${(err as Error).message}`));
}

const TEXT = '最近ずっと眠れなくて、夜になると昔のことを考えてしまいます。誰にも話せずにいました。'.repeat(5).slice(0, 200);
const event = (i: number) => ({
  type: 'message',
  mode: 'active',
  timestamp: Date.now(),
  webhookEventId: `BENCH${crypto.randomBytes(10).toString('hex').toUpperCase()}${i}`,
  deliveryContext: { isRedelivery: false },
  source: { type: 'user', userId: `U${crypto.randomBytes(16).toString('hex')}` },
  replyToken: crypto.randomBytes(16).toString('hex'),
  message: { type: 'text', id: String(i), quoteToken: 'q', text: TEXT },
});

async function main() {
  const n = option('n', 2000);
  const perDelivery = option('events', 1);
  const watchdog = setTimeout(() => {
    console.error('watchdog: the benchmark ran past 10 minutes; stopping.');
    void cleanup().finally(() => process.exit(1));
  }, 10 * 60_000);
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  console.log(`machine: ${machineLine()}`);
  console.log(`command: npx tsx bench/inbox-insert.ts ${process.argv.slice(2).join(' ')}`.trim());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-inbox-bench-'));
  fs.chmodSync(dir, 0o755); // the `postgres` user must reach its cluster when we run as root
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'postgres'), port: await freePort() });
  cleanups.push(() => pg.stop());
  await ensureDatabase(pg.adminUrl, 'yorisoi_inbox_bench');
  const db = createDb(pg.urlFor('yorisoi_inbox_bench'));
  cleanups.push(() => db.destroy());
  await migrateLatest(db);
  const sealer = new TextSealer(new PiiKeyring(crypto.randomBytes(32).toString('base64')));

  // The row as the webhook built it before sealing, and as it builds it now.
  const clearRow = (e: ReturnType<typeof event>) => ({ event: JSON.stringify(e) });
  const sealedRow = (e: ReturnType<typeof event>) => inboxColumns(sealer, e);
  const shapes = { clear: clearRow, sealed: sealedRow } as const;
  const build: Record<keyof typeof shapes, number[]> = { clear: [], sealed: [] };
  const total: Record<keyof typeof shapes, number[]> = { clear: [], sealed: [] };

  for (let i = 0; i < n + 200; i += 1) {
    for (const name of (i % 2 ? ['clear', 'sealed'] : ['sealed', 'clear']) as (keyof typeof shapes)[]) {
      const events = Array.from({ length: perDelivery }, (_, k) => event(i * perDelivery + k));
      const started = performance.now();
      const rows = events.map((e) => ({ webhook_event_id: e.webhookEventId, event_type: e.type, event_timestamp: e.timestamp, is_redelivery: false, ...shapes[name](e) }));
      const built = performance.now();
      await db('webhook_inbox').insert(rows).onConflict('webhook_event_id').ignore();
      // The first 200 deliveries warm up the pool, the JIT and the table.
      if (i >= 200) {
        build[name].push((built - started) * 1000);
        total[name].push(performance.now() - started);
      }
    }
  }
  console.log(`deliveries: ${n} of each shape, ${perDelivery} text event(s) of ${TEXT.length} characters each, alternated`);
  for (const name of ['clear', 'sealed'] as const) {
    console.log(`  ${name.padEnd(6)} build rows  ${formatSummary(summarize(build[name]), 'µs')}`);
    console.log(`  ${name.padEnd(6)} build+insert ${formatSummary(summarize(total[name]))}`);
  }
  clearTimeout(watchdog);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
