/**
 * The load generator of bench/webhook-load.ts, run as a separate process (child_process.fork) so
 * that signing and sending requests does not share an event loop with the server it measures.
 *
 * Open loop: event i is due at start + i / rate, whatever happened to earlier ones, so a slow
 * server meets the same arrival rate instead of slowing the client down. Bounded by a count and
 * a time limit; every request has a timeout. Talks to the parent over the IPC channel only.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { tagOf } from './lib/tags';

export interface LoadPhase {
  type: 'run';
  phase: string;
  /** Full URL of the webhook endpoint, on 127.0.0.1. */
  url: string;
  channelSecret: string;
  /** LINE user ids of the pretend residents; events go to them round-robin. */
  userIds: string[];
  /** Events per second. */
  rate: number;
  /** Stop scheduling after this many seconds … */
  seconds: number;
  /** … or after this many events, whichever comes first. */
  maxEvents: number;
  /** Prefix for the per-event tag embedded in the message text (letters only, so PII masking keeps it). */
  tagPrefix: string;
}

export interface SentEvent {
  index: number;
  tag: string;
  userId: string;
  eventId: string;
  replyToken: string;
  /** Epoch ms when the request was sent; also the LINE event `timestamp`. */
  sentAt: number;
  /** How late the send was against the open-loop schedule (client lag), ms. */
  lagMs: number;
  /** Time from sending the request to the end of the response, ms; NaN when it failed. */
  ackMs: number;
  status: number;
  error?: string;
}

export interface PhaseResult {
  type: 'done';
  phase: string;
  events: SentEvent[];
  elapsedMs: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_IN_FLIGHT = 2_000;
const DRAIN_LIMIT_MS = 15_000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function post(url: URL, body: string, signature: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-line-signature': signature },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

async function runPhase(p: LoadPhase): Promise<PhaseResult> {
  const url = new URL(p.url);
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing to send load anywhere but 127.0.0.1 (got ${url.hostname})`);
  const total = Math.min(p.maxEvents, Math.floor(p.rate * p.seconds));
  const events: SentEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const send = (index: number, due: number) => {
    const userId = p.userIds[index % p.userIds.length];
    const tag = tagOf(p.tagPrefix, index);
    const replyToken = crypto.randomBytes(16).toString('hex');
    const eventId = crypto.randomUUID().replace(/-/g, '').toUpperCase();
    const sentAt = Date.now();
    const body = JSON.stringify({
      destination: 'Ubench',
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp: sentAt,
          webhookEventId: eventId,
          deliveryContext: { isRedelivery: false },
          source: { type: 'user', userId },
          replyToken,
          message: { type: 'text', id: String(1e17 + index), quoteToken: 'q', text: `最近ひとりの夜が長く感じます (${tag})` },
        },
      ],
    });
    const signature = crypto.createHmac('sha256', p.channelSecret).update(body).digest('base64');
    const t0 = performance.now();
    const record: SentEvent = { index, tag, userId, eventId, replyToken, sentAt, lagMs: t0 - due, ackMs: NaN, status: 0 };
    events.push(record);
    const done = post(url, body, signature)
      .then((res) => {
        record.ackMs = performance.now() - t0;
        record.status = res.status;
      })
      .catch((err: Error) => {
        record.error = err.message;
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };

  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (now - start > p.seconds * 1000 + 1_000) return resolve(); // hard stop even if the loop fell behind
      while (next < total && start + (next * 1000) / p.rate <= now) {
        if (inFlight.size >= MAX_IN_FLIGHT) break; // bounded memory; shows up as client lag
        send(next, start + (next * 1000) / p.rate);
        next += 1;
      }
      if (next >= total) return resolve();
      const wait = start + (next * 1000) / p.rate - performance.now();
      setTimeout(tick, Math.max(0, wait));
    };
    tick();
  });
  const sentFor = performance.now() - start;
  await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, DRAIN_LIMIT_MS))]);
  return { type: 'done', phase: p.phase, events, elapsedMs: sentFor };
}

if (require.main === module) {
  if (!process.send) {
    console.error('webhook-load-client is started by bench/webhook-load.ts (it needs an IPC channel).');
    process.exit(2);
  }
  // Exits by itself when the parent goes away or after an hour at most.
  const lifetime = setTimeout(() => process.exit(3), 3_600_000);
  lifetime.unref();
  process.on('disconnect', () => process.exit(0));
  process.on('message', (msg: LoadPhase | { type: 'exit' }) => {
    if (msg.type === 'exit') {
      agent.destroy();
      process.disconnect();
      return;
    }
    runPhase(msg)
      .then((result) => process.send?.(result))
      .catch((err: Error) => process.send?.({ type: 'error', phase: msg.phase, message: err.message }));
  });
  process.send({ type: 'ready' });
}
