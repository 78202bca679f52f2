/**
 * Webhook load and durable-turn latency, on a real stack started in a temporary directory:
 * embedded PostgreSQL, the Temporal dev server (SQLite), migrations, the API (createApp) and a real
 * worker (createWorker) with the LINE and OpenAI stand-ins answering at once. A second process
 * (bench/webhook-load-client.ts, forked) posts signed LINE text events on 127.0.0.1.
 *
 *   npx tsx bench/webhook-load.ts [--rate 200] [--seconds 20] [--residents 300]
 *                                 [--turn-residents 150] [--turn-rate 20] [--turn-seconds 15]
 *                                 [--warmup-rate 40] [--drain-timeout 300]
 *                                 [--temporal-db file|memory] [--temporal-pragma NAME=VALUE]…
 *                                 [--worker-process] [--workflow-task-slots N] [--wait-quiet SECONDS] [--json]
 *
 * Phases (all open loop, bounded in count and time):
 *   W  warm-up: one message per resident; starts every resident's consultation workflow.
 *   A  acknowledgement: --rate events/s for --seconds; webhook acknowledgement latency, errors,
 *      and how long the stack takes to answer the whole burst.
 *   B  durable turn: --turn-rate turns/s through the webhook, inbox, relay, Temporal and worker;
 *      webhook → LINE reply call latency with the model call time subtracted; per-stage breakdown
 *      from the workflow histories.
 *   C  plain turn: the same events at the same rate to a tiny in-process handler without Temporal
 *      (verify signature, store the inbound message, composeListeningReply, sendToResident).
 * The script stops by itself, stops every child it started and removes its temporary directory.
 */
import { ChildProcess, fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { validateSignature, type webhook } from '@line/bot-sdk';
import { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import express from 'express';
import OpenAI from 'openai';
import { createDatabaseActivities } from '../activities/database-activities';
import { createLineActivities } from '../activities/line-activities';
import { createListeningActivities } from '../activities/listening-activities';
import { createRiskActivities } from '../activities/risk-activities';
import { createApp } from '../api/app';
import { toResidentEvent } from '../api/line-webhook/resident-events';
import { RELAY_POOL } from '../api/line-webhook/inbox-relay';
import { loadEnv } from '../platform/config/env';
import { loadProfile, MunicipalityProfile } from '../platform/config/profile';
import { createDb, Db, ensureDatabase, migrateLatest } from '../platform/db';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { createLineClient } from '../platform/line';
import { createLogger, Logger } from '../platform/logger';
import { freePort } from '../platform/processes';
import { ensureTemporalCli, findTemporalCli, temporalCliVersion } from '../platform/temporal/cli';
import { startTemporalDevServer } from '../platform/temporal/dev-server';
import { createWorker, WORKER_TUNING } from '../platform/temporal/worker';
import { PiiKeyring } from '../platform/crypto/pii-cipher';
import { encryptedDataConverter } from '../platform/temporal/encryption-codec';
import { startOpenAIStandIn } from '../test/stand-ins/openai-api';
import { consultationWorkflowId, type ResidentEvent } from '../workflows/consultation/messages';
import type { RiskLevel } from '../workflows/safety/risk-levels';
import { text } from '../workflows/consultation/line-messages';
import { CpuSnapshot, coresUsed, Groups, snapshotCpu } from './lib/cpu';
import { startLineStandIn, type LineStandIn, type RecordedLineRequest } from './lib/line-stand-in';
import { fsyncLatency } from './lib/disk';
import { machineLine } from './lib/machine';
import { formatSummary, summarize, Summary } from './lib/stats';
import { letters, TAG_PATTERN } from './lib/tags';
import { timedFetch } from './lib/timed-fetch';
import type { WorkerProcessConfig } from './lib/worker-process';
import type { LoadPhase, PhaseResult, SentEvent } from './webhook-load-client';

const ROOT = path.resolve(__dirname, '..');
const CHANNEL_SECRET = 'bench-channel-secret';
const LINE_TOKEN = 'bench-line-token';
const OPENAI_KEY = 'bench-openai-key';
const TASK_QUEUE = 'bench';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  rate: number;
  seconds: number;
  residents: number;
  turnResidents: number;
  /** One B + C pair per rate. */
  turnRates: number[];
  turnSeconds: number;
  warmupRate: number;
  drainTimeout: number;
  temporalDb: 'file' | 'memory';
  /** Extra `--sqlite-pragma` values for the dev server (an experiment; npm start passes none). */
  temporalPragmas: string[];
  workerProcess: boolean;
  /** The worker's concurrent workflow tasks (WORKER_TUNING's by default). */
  workflowTaskSlots: number;
  /** Wait up to this many seconds for other processes to use < 0.2 cores before measuring (0 = don't). */
  waitQuiet: number;
  json: boolean;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { rate: 200, seconds: 20, residents: 300, turnResidents: 150, turnRates: [2, 20], turnSeconds: 15, warmupRate: 10, drainTimeout: 300, temporalDb: 'file', temporalPragmas: [], workerProcess: false, waitQuiet: 0, json: false, workflowTaskSlots: WORKER_TUNING.maxConcurrentWorkflowTaskExecutions };
  const numeric: Record<string, keyof Options> = {
    '--rate': 'rate',
    '--seconds': 'seconds',
    '--residents': 'residents',
    '--turn-residents': 'turnResidents',
    '--turn-seconds': 'turnSeconds',
    '--warmup-rate': 'warmupRate',
    '--drain-timeout': 'drainTimeout',
    '--wait-quiet': 'waitQuiet',
    '--workflow-task-slots': 'workflowTaskSlots',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--worker-process') o.workerProcess = true;
    else if (a === '--turn-rate') {
      o.turnRates = String(argv[++i] ?? '').split(',').map(Number);
      if (o.turnRates.length === 0 || o.turnRates.some((r) => !Number.isFinite(r) || r <= 0 || r > 500)) throw new Error('--turn-rate takes rates between 0 and 500, comma-separated (e.g. 2,20)');
    }
    else if (a === '--temporal-db') {
      const v = argv[++i];
      if (v !== 'file' && v !== 'memory') throw new Error('--temporal-db is file or memory');
      o.temporalDb = v;
    } else if (a === '--temporal-pragma') {
      const v = argv[++i] ?? '';
      if (!/^[a-z_]+=[a-z0-9_]+$/i.test(v)) throw new Error('--temporal-pragma takes NAME=VALUE, e.g. journal_mode=wal');
      o.temporalPragmas.push(v);
    } else if (numeric[a]) {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      (o as unknown as Record<string, number>)[numeric[a]] = v;
    } else throw new Error(`unknown option ${a}`);
  }
  if (o.rate > 2000 || o.seconds > 600 || o.residents + o.turnResidents > 20_000 || o.turnSeconds > 600 || o.drainTimeout > 3600) {
    throw new Error('limits: --rate ≤ 2000, --seconds ≤ 600, --residents + --turn-residents ≤ 20000, --turn-seconds ≤ 600, --drain-timeout ≤ 3600');
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// Clean-up: every start registers its stop; stops run once, newest first.

const stops: { name: string; fn: () => Promise<unknown> | unknown }[] = [];
let cleaning: Promise<void> | undefined;
function onCleanup(name: string, fn: () => Promise<unknown> | unknown): void {
  stops.push({ name, fn });
}
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const { name, fn } of stops.reverse()) {
      try {
        await Promise.race([Promise.resolve().then(fn), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 20_000))]);
      } catch (err) {
        console.error(`clean-up of ${name} failed: ${(err as Error).message}`);
      }
    }
  })();
  return cleaning;
}

/** Asks a forked child to stop, then kills it (by its own pid) if it is still there after 5 s. */
async function stopChild(child: ChildProcess, message: object): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  if (child.connected) child.send(message);
  const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(t);
}

const say = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Model call timing: the LLM client of the worker and of the plain handler goes through timedFetch,
// which records the full call (request to last byte of the answer) under the event's tag.

const modelMs = new Map<string, number>();
// A turn may call the model more than once (e.g. a risk classifier, then the listener): the times add up.
const recordModel = (tag: string, ms: number) => modelMs.set(tag, (modelMs.get(tag) ?? 0) + ms);

// ---------------------------------------------------------------------------------------------
// The plain, non-durable handler: the same work as one listening turn, without inbox, relay or Temporal.

type TextEvent = Extract<ResidentEvent, { kind: 'text' }>;

interface PlainTiming {
  tag: string;
  received: number;
  stored: number;
  composed: number;
  sent: number;
}

async function startPlainHandler(deps: { db: Db; profile: MunicipalityProfile; line: ReturnType<typeof createLineClient>; llm: OpenAI; logger: Logger; keyring: PiiKeyring }) {
  const { db, profile, logger, keyring } = deps;
  const replyTokenMaxAgeMs = profile.ai.replyTokenMaxAgeSeconds * 1000;
  const listening = createListeningActivities({ db, profile, llm: deps.llm, logger, keyring });
  const lineActivities = createLineActivities({ db, line: deps.line, replyTokenMaxAgeMs, logger, keyring, profile });
  const dbActivities = createDatabaseActivities({ db, workerIdentity: 'plain-handler', keyring });
  const riskActivities = createRiskActivities({ db, llm: deps.llm, model: profile.ai.model, logger });
  const timings: PlainTiming[] = [];
  const failures: string[] = [];
  const now = () => performance.timeOrigin + performance.now();

  const app = express();
  app.post('/webhooks/line', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const received = now();
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = req.get('x-line-signature');
      if (!signature || !validateSignature(raw, CHANNEL_SECRET, signature)) {
        res.status(401).json({});
        return;
      }
      const events = (JSON.parse(raw.toString('utf8')) as { events: (webhook.Event & { webhookEventId: string })[] }).events;
      const turns: { residentId: string; consultationId: string; highestRisk: RiskLevel; event: TextEvent; stored: number }[] = [];
      for (const e of events) {
        const mapped = toResidentEvent(e);
        if (!mapped || mapped.event.kind !== 'text') continue;
        const event = mapped.event;
        const row = await db('residents as r')
          .join('consultations as c', 'c.resident_id', 'r.id')
          .where('r.line_user_id', mapped.lineUserId)
          .whereNot('c.status', 'closed')
          .first('r.id as residentId', 'c.id as consultationId', 'c.highest_risk_level as highestRisk');
        if (!row) throw new Error('resident without an open consultation');
        await dbActivities.recordInboundEvents({ consultationId: row.consultationId, residentId: row.residentId, events: [event] });
        turns.push({ residentId: row.residentId, consultationId: row.consultationId, highestRisk: row.highestRisk, event, stored: now() });
      }
      res.status(200).json({});
      for (const t of turns) {
        const ev = t.event;
        void (async () => {
          void lineActivities.showLoadingAnimation({ residentId: t.residentId }).catch(() => undefined);
          // The same steps as the workflow's listening turn: assess the risk, compose, send.
          const risk = await riskActivities.assessRisk({ assessmentId: crypto.randomUUID(), consultationId: t.consultationId, eventIds: [ev.eventId], texts: [ev.text], baseline: t.highestRisk });
          const reply = await listening.composeListeningReply({ consultationId: t.consultationId, replyDeadline: ev.timestamp + replyTokenMaxAgeMs, riskLevel: risk.level });
          const composed = now();
          await lineActivities.sendToResident({
            sendKey: crypto.randomUUID(),
            consultationId: t.consultationId,
            residentId: t.residentId,
            messages: [text(reply.text)],
            replyToken: ev.replyToken,
            replyTokenIssuedAt: ev.timestamp,
            sender: 'ai',
            answeredBy: reply.answeredBy,
            usage: { promptTokens: reply.promptTokens, completionTokens: reply.completionTokens },
          });
          timings.push({ tag: ev.text.match(TAG_PATTERN)?.pop() ?? '', received, stored: t.stored, composed, sent: now() });
        })().catch((err: Error) => failures.push(err.message));
      }
    } catch (err) {
      failures.push((err as Error).message);
      if (!res.headersSent) res.status(500).json({});
    }
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/line`,
    timings,
    failures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Turn {
  event: SentEvent;
  /** When the LINE stand-in received the reply (or push) call, epoch ms. */
  at: number;
  via: 'reply' | 'push';
  model: number;
}

/** Pairs each event of a phase with the LINE call that answered it: by reply token, else the resident's next push. */
function matchTurns(events: SentEvent[], requests: RecordedLineRequest[]): Turn[] {
  const byToken = new Map(events.map((e) => [e.replyToken, e]));
  const matched = new Set<SentEvent>();
  const turns: Turn[] = [];
  const pushes: RecordedLineRequest[] = [];
  for (const r of requests) {
    if (!r.ok) continue;
    if (r.endpoint === 'reply') {
      const e = byToken.get((r.body as { replyToken?: string }).replyToken ?? '');
      if (e && !matched.has(e)) {
        matched.add(e);
        turns.push({ event: e, at: r.receivedAt.getTime(), via: 'reply', model: modelMs.get(e.tag) ?? 0 });
      }
    } else if (r.endpoint === 'push') pushes.push(r);
  }
  const waiting = new Map<string, SentEvent[]>();
  for (const e of [...events].sort((a, b) => a.sentAt - b.sentAt)) {
    if (matched.has(e)) continue;
    const list = waiting.get(e.userId) ?? [];
    list.push(e);
    waiting.set(e.userId, list);
  }
  for (const p of pushes) {
    const e = waiting.get((p.body as { to?: string }).to ?? '')?.shift();
    if (e) turns.push({ event: e, at: p.receivedAt.getTime(), via: 'push', model: modelMs.get(e.tag) ?? 0 });
  }
  return turns;
}

/**
 * Waits until every acknowledged event of a phase has its answer at the LINE stand-in, or the timeout;
 * samples the inbox backlog meanwhile.
 */
async function waitForAnswers(line: LineStandIn, db: Db, events: SentEvent[], timeoutMs: number, label: string) {
  const phaseStart = Math.min(...events.map((e) => e.sentAt));
  const acked = events.filter((e) => e.status === 200);
  const started = Date.now();
  let lastReport = started;
  const backlog: { t: number; inboxPending: number }[] = [];
  for (;;) {
    const fromSeq = line.requests.findIndex((r) => r.receivedAt.getTime() >= phaseStart);
    const turns = fromSeq < 0 ? [] : matchTurns(acked, line.requests.slice(fromSeq));
    const { n } = (await db('webhook_inbox').where({ status: 'pending' }).count({ n: '*' }).first()) as { n: string };
    backlog.push({ t: Date.now(), inboxPending: Number(n) });
    const complete = turns.length >= acked.length;
    if (complete || Date.now() - started > timeoutMs) return { complete, waitedMs: Date.now() - started, backlog, turns, acked: acked.length };
    if (Date.now() - lastReport > 30_000) {
      lastReport = Date.now();
      say(`  … ${label}: ${turns.length}/${acked.length} answered, ${n} events not yet relayed (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await sleep(500);
  }
}

function ackSummary(events: SentEvent[]) {
  const ok = events.filter((e) => e.status === 200);
  const errors = events.filter((e) => e.status !== 200);
  return {
    sent: events.length,
    errors: errors.length,
    errorKinds: [...new Set(errors.map((e) => e.error ?? `HTTP ${e.status}`))].slice(0, 5),
    ack: summarize(ok.map((e) => e.ackMs)),
    clientLag: summarize(events.map((e) => e.lagMs)),
  };
}

type HistoryEvent = {
  eventId?: { toString(): string } | null;
  eventType?: number | null;
  eventTime?: { seconds?: { toString(): string } | number | null; nanos?: number | null } | null;
  workflowExecutionSignaledEventAttributes?: { input?: { payloads?: { data?: Uint8Array | null }[] | null } | null } | null;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  activityTaskStartedEventAttributes?: { scheduledEventId?: { toString(): string } | null } | null;
  activityTaskCompletedEventAttributes?: { scheduledEventId?: { toString(): string } | null } | null;
  workflowTaskScheduledEventAttributes?: object | null;
  workflowTaskStartedEventAttributes?: { scheduledEventId?: { toString(): string } | null } | null;
  workflowTaskCompletedEventAttributes?: { startedEventId?: { toString(): string } | null } | null;
};

const tsMs = (t: HistoryEvent['eventTime']) => (t ? Number(String(t.seconds ?? 0)) * 1000 + (t.nanos ?? 0) / 1e6 : NaN);

/** Milliseconds by stage name; activity stages are named after the activity. */
type Stages = Record<string, number>;

const NOT_AWAITED = new Set(['showLoadingAnimation']);

/**
 * Splits one durable turn along its workflow history (server clock; the client runs on the same
 * host): when the signal landed, each activity the turn waited for, the workflow tasks between them,
 * and the time from sendToResident being scheduled to the LINE reply call.
 */
async function durableStages(temporal: Client, residentId: string, turn: Turn): Promise<Stages | undefined> {
  const history = await temporal.workflow.getHandle(consultationWorkflowId(residentId)).fetchHistory();
  const events = (history.events ?? []) as HistoryEvent[];
  // Payloads may be encrypted (a payload codec): decode them with the client's own codecs.
  const codecs = [...temporal.workflow.options.loadedDataConverter.payloadCodecs].reverse();
  let signalIndex = -1;
  for (const [i, e] of events.entries()) {
    const payload = e.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0];
    if (!payload) continue;
    let decoded = [payload as Payload];
    for (const codec of codecs) decoded = await codec.decode(decoded);
    if (Buffer.from(decoded[0]?.data ?? new Uint8Array()).toString('utf8').includes(turn.event.eventId)) {
      signalIndex = i;
      break;
    }
  }
  if (signalIndex < 0) return undefined;
  const after = events.slice(signalIndex);
  const send = after.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendToResident');
  if (!send) return undefined;
  const window = after.slice(0, after.indexOf(send) + 1);
  const byId = new Map(events.map((e) => [e.eventId?.toString(), e]));
  const t = (e?: HistoryEvent) => tsMs(e?.eventTime);
  const find = (kind: 'activityTaskStartedEventAttributes' | 'activityTaskCompletedEventAttributes', s: HistoryEvent) =>
    after.find((e) => e[kind]?.scheduledEventId?.toString() === s.eventId?.toString());
  const signal = t(after[0]);
  const stages: Stages = { 'webhook post → signal in history (ACK, inbox, relay, signalWithStart)': signal - turn.event.sentAt };
  let awaited = 0;
  let activityWait = 0;
  for (const e of window) {
    const name = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (!name || e === send || NOT_AWAITED.has(name)) continue;
    const completed = find('activityTaskCompletedEventAttributes', e);
    const started = find('activityTaskStartedEventAttributes', e);
    const took = t(completed) - t(e);
    awaited += took;
    activityWait += t(started) - t(e);
    const key = `activity ${name} scheduled → completed (model calls included)`;
    stages[key] = (stages[key] ?? 0) + took;
  }
  let wftWait = 0;
  let wftRun = 0;
  let wfts = 0;
  for (const e of window) {
    const started = e.workflowTaskStartedEventAttributes;
    if (started) wftWait += t(e) - t(byId.get(started.scheduledEventId?.toString()));
    const completed = e.workflowTaskCompletedEventAttributes;
    if (completed) {
      wftRun += t(e) - t(byId.get(completed.startedEventId?.toString()));
      wfts += 1;
    }
  }
  const sendStarted = find('activityTaskStartedEventAttributes', send);
  stages['signal → sendToResident scheduled, minus the activities: workflow tasks and dispatch'] = t(send) - signal - awaited;
  stages['sendToResident scheduled → LINE reply call'] = turn.at - t(send);
  stages['model calls (subtracted from the total)'] = turn.model;
  stages['(sum of workflow task scheduled → started)'] = wftWait;
  stages['(sum of workflow task started → completed)'] = wftRun;
  stages['(workflow tasks before the send, count)'] = wfts;
  stages['(sum of activity scheduled → started, incl. the send)'] = activityWait + (sendStarted ? t(sendStarted) - t(send) : NaN);
  return stages;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  const watchdogMs = 900_000 + (opts.turnResidents / opts.warmupRate + opts.seconds + 2 * opts.turnRates.length * opts.turnSeconds) * 1000 + (2 + 2 * opts.turnRates.length) * opts.drainTimeout * 1000;
  const watchdog = setTimeout(() => {
    console.error(`watchdog: the benchmark ran past ${Math.round(watchdogMs / 1000)} s; stopping.`);
    void cleanup().finally(() => process.exit(1));
  }, watchdogMs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: stopping.`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  const machine = machineLine();
  const command = `npx tsx bench/webhook-load.ts ${process.argv.slice(2).join(' ')}`.trim();
  say(`machine: ${machine}`);
  say(`command: ${command}`);

  // --- the stack -------------------------------------------------------------------------------
  const setupStarted = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-bench-'));
  fs.chmodSync(dir, 0o755); // the `postgres` user must reach its cluster when we run as root
  onCleanup('temporary directory', () => fs.rmSync(dir, { recursive: true, force: true }));

  const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'postgres'), port: await freePort() });
  onCleanup('PostgreSQL', () => pg.stop());
  await ensureDatabase(pg.adminUrl, 'yorisoi_bench');
  const dbUrl = pg.urlFor('yorisoi_bench');
  const migrator = createDb(dbUrl, { min: 0, max: 1 });
  await migrateLatest(migrator);
  await migrator.destroy();

  const disk = fsyncLatency(dir);
  say(`disk: 4 KiB write + fdatasync in ${os.tmpdir()}: ${formatSummary(disk)}`);

  const cli = findTemporalCli(ROOT) ?? (await ensureTemporalCli(ROOT, say));
  say(`Temporal CLI: ${cli.path} (${temporalCliVersion(cli.path) ?? 'version unknown'})`);
  let cliPath = cli.path;
  if (opts.temporalPragmas.length > 0) {
    // startTemporalDevServer has no pragma option: a wrapper in the temporary directory adds them.
    cliPath = path.join(dir, 'temporal-with-pragmas.sh');
    const extra = opts.temporalPragmas.map((p) => `--sqlite-pragma '${p}'`).join(' ');
    fs.writeFileSync(cliPath, `#!/bin/sh\nexec '${cli.path}' "$@" ${extra}\n`, { mode: 0o755 });
  }
  const temporalServer = await startTemporalDevServer({
    cliPath,
    port: await freePort(),
    uiPort: 0,
    namespace: 'default',
    headless: true,
    quiet: true,
    ...(opts.temporalDb === 'file' ? { dbFile: path.join(dir, 'temporal.sqlite') } : {}),
  });
  onCleanup('Temporal dev server', () => temporalServer.stop());

  const line = await startLineStandIn({ channelAccessToken: LINE_TOKEN });
  onCleanup('LINE stand-in', () => line.close());
  const openai = await startOpenAIStandIn({ apiKey: OPENAI_KEY });
  onCleanup('OpenAI stand-in', () => openai.close());

  const envSource: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dir,
    DATABASE_URL: dbUrl,
    TEMPORAL_ADDRESS: temporalServer.address,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    LINE_CHANNEL_SECRET: CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: LINE_TOKEN,
    LINE_API_BASE_URL: line.baseUrl,
    MUNICIPALITY_PROFILE: path.join(ROOT, 'profiles/example.yaml'),
  };
  const env = loadEnv(envSource);
  const profile = loadProfile(env.MUNICIPALITY_PROFILE);
  profile.ai.debounceSeconds = 0;
  const logger = createLogger('silent');
  const llm = new OpenAI({ apiKey: OPENAI_KEY, baseURL: openai.baseUrl, fetch: timedFetch(recordModel) });

  // One pool per part, as the separate API and worker processes of a deployment would have: the API's
  // pool serves only webhooks (as in api/main.ts, the relay has its own), and the bench's seeding and
  // watching queries use a third.
  const apiDb = createDb(dbUrl);
  const relayDb = createDb(dbUrl, RELAY_POOL);
  const benchDb = createDb(dbUrl, { min: 0, max: 2 });
  const workerDb = createDb(dbUrl);
  const plainDb = createDb(dbUrl);
  onCleanup('database pools', () => Promise.all([apiDb, relayDb, benchDb, workerDb, plainDb].map((d) => d.destroy())));

  // Residents who agreed to the current terms and answered every intake question: their text goes straight to an AI turn.
  const intake = Object.fromEntries(profile.intake.questions.map((q) => [q.id, q.options[0].value]));
  const residents: { id: string; userId: string }[] = [];
  const seeded = opts.residents + opts.turnResidents;
  for (let i = 0; i < seeded; i += 500) {
    const rows = Array.from({ length: Math.min(500, seeded - i) }, (_, k) => ({
      line_user_id: 'U' + crypto.randomBytes(16).toString('hex'),
      code: `R-B${String(i + k).padStart(6, '0')}`,
      status: 'active',
      terms_version: profile.terms.version,
      terms_agreed_at: new Date(),
      intake: JSON.stringify(intake),
    }));
    const inserted = (await benchDb('residents').insert(rows).returning(['id', 'line_user_id'])) as { id: string; line_user_id: string }[];
    residents.push(...inserted.map((r) => ({ id: r.id, userId: r.line_user_id })));
  }
  const residentIdOf = new Map(residents.map((r) => [r.userId, r.id]));
  // Phase A's residents and the turn phases' residents are distinct, so a backlog left by A can never
  // be taken for an answer in B or C (answers by push are matched to residents, not to events).
  const allUserIds = residents.map((r) => r.userId);
  const userIds = allUserIds.slice(0, opts.residents);
  const turnUsers = allUserIds.slice(opts.residents);

  let workerFailed: Error | undefined;
  let workerChild: ChildProcess | undefined;
  const tuning = { maxConcurrentWorkflowTaskExecutions: opts.workflowTaskSlots };
  if (opts.workerProcess) {
    // The worker in a process of its own, as `npm run worker` runs it in a deployment.
    const child = fork(path.join(__dirname, 'lib', 'worker-process.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    workerChild = child;
    onCleanup('worker process', () => stopChild(child, { type: 'stop' }));
    child.on('message', (m: { type: string; tag?: string; ms?: number }) => {
      if (m.type === 'model' && m.tag && m.ms !== undefined) recordModel(m.tag, m.ms);
    });
    child.once('exit', (code) => {
      if (!cleaning) workerFailed = new Error(`worker process exited (${code})`);
    });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: { type: string; message?: string }) => {
        if (m.type === 'ready') resolve();
        if (m.type === 'error') reject(new Error(`worker process: ${m.message}`));
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
      child.send({ type: 'start', env: envSource, debounceSeconds: profile.ai.debounceSeconds, openaiKey: OPENAI_KEY, openaiBaseUrl: openai.baseUrl, tuning } satisfies WorkerProcessConfig);
    });
  } else {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const created = await createWorker({
      address: temporalServer.address,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: TASK_QUEUE,
      deps: { db: workerDb, profile, logger, line: createLineClient(env), llm, workerIdentity: 'bench-worker', keyring: PiiKeyring.fromEnv(env) },
      shutdownGraceTime: '1s',
      tuning,
    });
    const workerRun = created.worker.run();
    workerRun.catch((err: Error) => {
      workerFailed = err;
      console.error(`worker stopped: ${err.message}`);
    });
    onCleanup('worker', async () => {
      if (created.worker.getState() === 'RUNNING') created.worker.shutdown();
      await workerRun.catch(() => undefined);
      await created.connection.close();
    });
  }

  const connection = await Connection.connect({ address: temporalServer.address });
  onCleanup('Temporal client', () => connection.close());
  const keyring = PiiKeyring.fromEnv(env);
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: encryptedDataConverter(keyring.cipher('temporal-payload')) });
  // Times every signalWithStart the inbox relay makes (a wrapper on this client instance only).
  const signalWithStartMs: number[] = [];
  const signalWithStart = temporal.workflow.signalWithStart.bind(temporal.workflow);
  temporal.workflow.signalWithStart = (async (...args: Parameters<typeof signalWithStart>) => {
    const started = performance.now();
    try {
      return await signalWithStart(...args);
    } finally {
      signalWithStartMs.push(performance.now() - started);
    }
  }) as typeof temporal.workflow.signalWithStart;
  const { app, relay } = createApp({ db: apiDb, relayDb, temporal, env, profile, logger, keyring });
  relay.start();
  const api = http.createServer(app);
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  onCleanup('API', async () => {
    api.closeAllConnections();
    await new Promise<void>((resolve) => api.close(() => resolve()));
    // A relay pass under way may take long with a backlog; it is abandoned after 5 s.
    await Promise.race([relay.stop(), sleep(5_000)]);
  });
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/webhooks/line`;

  const plain = await startPlainHandler({ db: plainDb, profile, line: createLineClient(env), llm, logger, keyring });
  onCleanup('plain handler', () => plain.close());

  const client: ChildProcess = fork(path.join(__dirname, 'webhook-load-client.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  onCleanup('load client', () => stopChild(client, { type: 'exit' }));
  await new Promise<void>((resolve, reject) => {
    client.once('message', () => resolve());
    client.once('exit', (code) => reject(new Error(`load client exited early (${code})`)));
  });
  const runPhase = (p: Omit<LoadPhase, 'type' | 'channelSecret'>) =>
    new Promise<PhaseResult>((resolve, reject) => {
      const onMessage = (m: PhaseResult | { type: 'error'; message: string }) => {
        client.off('message', onMessage);
        if (m.type === 'done') resolve(m);
        else reject(new Error(`load client: ${m.message}`));
      };
      client.on('message', onMessage);
      client.send({ ...p, type: 'run', channelSecret: CHANNEL_SECRET } satisfies LoadPhase);
    });

  const postmasterPid = Number(fs.readFileSync(path.join(dir, 'postgres', 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const groups: Groups = {
    [opts.workerProcess ? 'bench process (API, relay, stand-ins, plain handler)' : 'bench process (API, relay, worker, stand-ins, plain handler)']: { root: process.pid, withDescendants: false },
    'Temporal dev server': { root: temporalServer.child.pid, withDescendants: true },
    PostgreSQL: { root: postmasterPid, withDescendants: true },
    'load client': { root: client.pid, withDescendants: false },
    ...(workerChild ? { 'worker process': { root: workerChild.pid, withDescendants: false } } : {}),
  };
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  onCleanup('event-loop monitor', () => loopDelay.disable());
  const measure = () => {
    loopDelay.reset();
    const a = snapshotCpu(groups);
    const swsFrom = signalWithStartMs.length;
    return (b: CpuSnapshot = snapshotCpu(groups)) => ({
      cores: coresUsed(a, b),
      /** CPU seconds used by the stack's own processes (everything but `other processes`). */
      cpuSeconds: Object.entries(coresUsed(a, b)).reduce((sum, [k, v]) => (k === 'other processes' ? sum : sum + Math.max(0, v)), 0) * ((b.at - a.at) / 1000),
      signalWithStart: summarize(signalWithStartMs.slice(swsFrom)),
      loopDelayP99: loopDelay.percentile(99) / 1e6,
      loopDelayMax: loopDelay.max / 1e6,
    });
  };
  const fmtCores = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(' · ');

  say(
    `setup: ${((Date.now() - setupStarted) / 1000).toFixed(1)} s; PostgreSQL (embedded-postgres), Temporal dev server (${cli.how} CLI, SQLite ${opts.temporalDb}${opts.temporalPragmas.length ? `, pragmas ${opts.temporalPragmas.join(' ')}` : ''}), ` +
      `API + inbox relay + ${opts.workerProcess ? '' : 'worker + '}stand-ins in this process (pid ${process.pid}), ${workerChild ? `worker in pid ${workerChild.pid}, ` : ''}load client pid ${client.pid}; ${opts.residents} + ${opts.turnResidents} onboarded residents; ai.debounceSeconds = 0; worker: ${JSON.stringify({ ...WORKER_TUNING, ...tuning })}`,
  );
  const report: Record<string, unknown> = { machine, command, options: opts, fsync: disk };

  // Other sessions on a shared machine skew every figure: optionally wait for a quiet moment, and say how busy it was.
  {
    const deadline = Date.now() + opts.waitQuiet * 1000;
    for (;;) {
      const a = snapshotCpu(groups);
      await sleep(5_000);
      const other = coresUsed(a, snapshotCpu(groups))['other processes'] ?? 0;
      if (other < 0.2 || Date.now() >= deadline) {
        say(`other processes on the machine before the phases: ${other.toFixed(2)} cores${opts.waitQuiet && other >= 0.2 ? ` (still busy after waiting ${opts.waitQuiet} s)` : ''}`);
        report.otherCoresAtStart = other;
        break;
      }
    }
  }
  const busiest: { phase: string; other: number }[] = [];
  const noteOther = (phase: string, cores: Record<string, number>) => busiest.push({ phase, other: cores['other processes'] ?? 0 });

  // --- W: warm-up --------------------------------------------------------------------------------
  {
    const m = measure();
    say(`\n[W] warm-up: one message to each of the ${turnUsers.length} turn-phase residents at ${opts.warmupRate}/s (starts their consultation workflows)`);
    const r = await runPhase({ phase: 'W', url: apiUrl, userIds: turnUsers, rate: opts.warmupRate, seconds: turnUsers.length / opts.warmupRate + 1, maxEvents: turnUsers.length, tagPrefix: 'bqw' });
    const drained = await waitForAnswers(line, benchDb, r.events, opts.drainTimeout * 1000, 'warm-up');
    const cold = summarize(drained.turns.map((t) => t.at - t.event.sentAt - t.model));
    const used = m();
    say(`  ${drained.acked}/${r.events.length} acknowledged; ${drained.turns.length} answered${drained.complete ? '' : ' (drain TIMED OUT)'} ${(drained.waitedMs / 1000).toFixed(1)} s after the last post`);
    say(`  first-message turn (signalWithStart starts the workflow; queueing included), model excluded: ${formatSummary(cold)}`);
    say(`  cores: ${fmtCores(used.cores)}; relay's signalWithStart calls: ${formatSummary(used.signalWithStart)}`);
    report.warmup = { acked: drained.acked, answered: drained.turns.length, complete: drained.complete, coldTurn: cold, cores: used.cores };
  }
  await sleep(2_000);

  // --- B and C: one turn, durable and plain, at each turn rate -------------------------------------
  const turnFigures = (turns: Turn[]) => ({
    total: summarize(turns.map((t) => t.at - t.event.sentAt)),
    model: summarize(turns.map((t) => t.model)),
    excludingModel: summarize(turns.map((t) => t.at - t.event.sentAt - t.model)),
    viaPush: turns.filter((t) => t.via === 'push').length,
    modelCalled: turns.filter((t) => modelMs.has(t.event.tag)).length,
  });
  const turnResults: Record<string, unknown>[] = [];
  const printStages = (title: string, table: Record<string, Summary>) => {
    say(title);
    for (const [k, s] of Object.entries(table)) say(`    ${k.padEnd(88)} p50 ${s.p50.toFixed(1).padStart(7)}  p99 ${s.p99.toFixed(1).padStart(7)}`);
  };
  for (const [i, rate] of opts.turnRates.entries()) {
    const turnCount = Math.floor(rate * opts.turnSeconds);
    const phaseLetter = letters(i);

    say(`\n[B ${rate}/s] durable AI turn: ${turnCount} turns at ${rate}/s through webhook → inbox → relay → Temporal → worker (${turnUsers.length} residents, round-robin; workflows already running)`);
    let m = measure();
    const rb = await runPhase({ phase: `B${rate}`, url: apiUrl, userIds: turnUsers, rate, seconds: opts.turnSeconds, maxEvents: turnCount, tagPrefix: `bqd${phaseLetter}` });
    const db_ = await waitForAnswers(line, benchDb, rb.events, opts.drainTimeout * 1000, `B ${rate}/s`);
    const bUsed = m();
    noteOther(`B ${rate}/s`, bUsed.cores);
    const bf = turnFigures(db_.turns);
    const bRate = db_.turns.length / ((Math.max(...db_.turns.map((t) => t.at)) - Math.min(...rb.events.map((e) => e.sentAt))) / 1000);
    say(`  ${db_.acked}/${rb.events.length} acknowledged (ACK ${formatSummary(ackSummary(rb.events).ack)}), ${db_.turns.length} answered${db_.complete ? '' : ' (drain TIMED OUT)'} (${bf.viaPush} by push), model called in ${bf.modelCalled}`);
    if (bRate < rate * 0.9) say(`  NOTE: answers came at ${bRate.toFixed(1)}/s, below the offered ${rate}/s: the stack is over capacity and these latencies include queueing`);
    say(`  webhook → LINE reply call:        ${formatSummary(bf.total)}`);
    say(`  model calls (subtracted):         ${formatSummary(bf.model)}`);
    say(`  DURABLE turn, model excluded:     ${formatSummary(bf.excludingModel)}`);
    say(`  cores: ${fmtCores(bUsed.cores)}; bench event-loop delay p99 ${bUsed.loopDelayP99.toFixed(1)} ms`);
    say(`  relay's signalWithStart calls: ${formatSummary(bUsed.signalWithStart)}`);
    say(`  CPU time of this run's processes (stack and load client), per turn: ${((bUsed.cpuSeconds * 1000) / Math.max(1, db_.turns.length)).toFixed(1)} ms`);
    const stages: Stages[] = [];
    let stageError: string | undefined;
    for (const t of db_.turns) {
      const residentId = residentIdOf.get(t.event.userId);
      if (!residentId || t.via !== 'reply') continue;
      const s = await durableStages(temporal, residentId, t).catch((err: Error) => {
        stageError ??= err.message;
        return undefined;
      });
      if (s) stages.push(s);
    }
    if (stageError) say(`  (reading workflow histories failed: ${stageError})`);
    const stageSummaries: Record<string, Summary> = {};
    for (const key of [...new Set(stages.flatMap((x) => Object.keys(x)))]) stageSummaries[key] = summarize(stages.map((x) => x[key] ?? 0));
    printStages(`  where the durable turn spends its time (${stages.length} turns answered by reply; from the workflow histories), ms:`, stageSummaries);
    await sleep(2_000);

    say(`\n[C ${rate}/s] plain non-durable handler: ${turnCount} turns at ${rate}/s (verify signature, store the inbound message, assessRisk, composeListeningReply, sendToResident; no inbox, relay or Temporal)`);
    m = measure();
    const timingsBefore = plain.timings.length;
    const failuresBefore = plain.failures.length;
    const rc = await runPhase({ phase: `C${rate}`, url: plain.url, userIds: turnUsers, rate, seconds: opts.turnSeconds, maxEvents: turnCount, tagPrefix: `bqp${phaseLetter}` });
    const dc = await waitForAnswers(line, benchDb, rc.events, opts.drainTimeout * 1000, `C ${rate}/s`);
    const cUsed = m();
    noteOther(`C ${rate}/s`, cUsed.cores);
    const cf = turnFigures(dc.turns);
    say(`  ${dc.acked}/${rc.events.length} acknowledged (ACK ${formatSummary(ackSummary(rc.events).ack)}), ${dc.turns.length} answered (${cf.viaPush} by push), model called in ${cf.modelCalled}; handler failures ${plain.failures.length - failuresBefore}`);
    say(`  webhook → LINE reply call:        ${formatSummary(cf.total)}`);
    say(`  model calls (subtracted):         ${formatSummary(cf.model)}`);
    say(`  PLAIN turn, model excluded:       ${formatSummary(cf.excludingModel)}`);
    say(`  cores: ${fmtCores(cUsed.cores)}; bench event-loop delay p99 ${cUsed.loopDelayP99.toFixed(1)} ms`);
    say(`  CPU time of this run's processes (stack and load client), per turn: ${((cUsed.cpuSeconds * 1000) / Math.max(1, dc.turns.length)).toFixed(1)} ms`);
    const sentAtOf = new Map(rc.events.map((e) => [e.tag, e.sentAt]));
    const pt = plain.timings.slice(timingsBefore).filter((t) => sentAtOf.has(t.tag));
    const plainStages = {
      'post → handler entry': summarize(pt.map((t) => t.received - (sentAtOf.get(t.tag) ?? NaN))),
      'handler entry → inbound stored': summarize(pt.map((t) => t.stored - t.received)),
      'stored → risk assessed and reply composed (model calls excluded)': summarize(pt.map((t) => t.composed - t.stored - (modelMs.get(t.tag) ?? 0))),
      'composed → send finished': summarize(pt.map((t) => t.sent - t.composed)),
    };
    printStages(`  where the plain turn spends its time (${pt.length} turns), ms:`, plainStages);
    const added = { p50: bf.excludingModel.p50 - cf.excludingModel.p50, p99: bf.excludingModel.p99 - cf.excludingModel.p99 };
    say(`  => durable ${bf.excludingModel.p50.toFixed(1)} / ${bf.excludingModel.p99.toFixed(1)} ms vs plain ${cf.excludingModel.p50.toFixed(1)} / ${cf.excludingModel.p99.toFixed(1)} ms (p50 / p99, model excluded): durability adds ${added.p50.toFixed(1)} / ${added.p99.toFixed(1)} ms at ${rate} turns/s`);
    turnResults.push({
      rate,
      durable: { acked: db_.acked, answered: db_.turns.length, complete: db_.complete, answerRate: bRate, ...bf, stages: stageSummaries, cores: bUsed.cores, cpuMsPerTurn: (bUsed.cpuSeconds * 1000) / Math.max(1, db_.turns.length), loopDelayP99: bUsed.loopDelayP99, signalWithStart: bUsed.signalWithStart },
      plain: { acked: dc.acked, answered: dc.turns.length, ...cf, stages: plainStages, cores: cUsed.cores, cpuMsPerTurn: (cUsed.cpuSeconds * 1000) / Math.max(1, dc.turns.length), failures: plain.failures.length - failuresBefore },
      added,
    });
    await sleep(2_000);
  }
  report.turns = turnResults;

  // --- A: acknowledgement under load (last: its backlog would delay every later phase) ------------
  {
    const m = measure();
    // The API's knex pool (tarn): how many queries waited for a connection while the load ran.
    type Tarn = { numUsed(): number; numPendingAcquires(): number };
    const pool = (apiDb.client as { pool?: Tarn }).pool;
    const poolSamples: { used: number; waiting: number }[] = [];
    const sampler = setInterval(() => pool && poolSamples.push({ used: pool.numUsed(), waiting: pool.numPendingAcquires() }), 50);
    say(`\n[A] webhook acknowledgement at ${opts.rate} events/s for ${opts.seconds} s (open loop, ${Math.floor(opts.rate * opts.seconds)} events over ${opts.residents} residents; their first message starts their workflow)`);
    const r = await runPhase({ phase: 'A', url: apiUrl, userIds, rate: opts.rate, seconds: opts.seconds, maxEvents: Math.floor(opts.rate * opts.seconds), tagPrefix: 'bqa' });
    const duringLoad = m();
    clearInterval(sampler);
    noteOther('A', duringLoad.cores);
    const poolFigures = {
      size: (apiDb.client as { config?: { pool?: { max?: number } } }).config?.pool?.max ?? 10,
      used: summarize(poolSamples.map((x) => x.used)),
      waiting: summarize(poolSamples.map((x) => x.waiting)),
      shareOfSamplesWithWaiters: poolSamples.filter((x) => x.waiting > 0).length / Math.max(1, poolSamples.length),
    };
    const acks = ackSummary(r.events);
    const achieved = r.events.length / (r.elapsedMs / 1000);
    say(`  sent ${acks.sent} in ${(r.elapsedMs / 1000).toFixed(1)} s (${achieved.toFixed(1)}/s achieved); client lag ${formatSummary(acks.clientLag)}`);
    say(`  ACK latency: ${formatSummary(acks.ack)}; errors ${acks.errors}${acks.errors ? ` (${acks.errorKinds.join(', ')})` : ''}`);
    say(`  cores during the load: ${fmtCores(duringLoad.cores)}; bench event-loop delay p99 ${duringLoad.loopDelayP99.toFixed(1)} ms, max ${duringLoad.loopDelayMax.toFixed(1)} ms`);
    say(
      `  API knex pool (max ${poolFigures.size}) sampled every 50 ms: connections in use p50 ${poolFigures.used.p50} / max ${poolFigures.used.max}; ` +
        `queries waiting for a connection p50 ${poolFigures.waiting.p50} / p99 ${poolFigures.waiting.p99} / max ${poolFigures.waiting.max}, in ${(poolFigures.shareOfSamplesWithWaiters * 100).toFixed(0)} % of samples`,
    );
    report.ack = { ...acks, pool: poolFigures, achievedRate: achieved, cores: duringLoad.cores, loopDelayP99: duringLoad.loopDelayP99, loopDelayMax: duringLoad.loopDelayMax };

    const drained = await waitForAnswers(line, benchDb, r.events, opts.drainTimeout * 1000, 'burst');
    const all = m();
    const turns = drained.turns;
    const firstSent = Math.min(...r.events.map((e) => e.sentAt));
    const lastAnswer = turns.length ? Math.max(...turns.map((t) => t.at)) : Date.now();
    const throughput = turns.length / ((lastAnswer - firstSent) / 1000);
    const first = drained.backlog[0];
    // Relay rate: from the end of the load until the inbox was empty (or the last sample).
    const last = drained.backlog.find((x) => x.inboxPending === 0) ?? drained.backlog[drained.backlog.length - 1];
    const relayRate = first && last && last.t > first.t ? (first.inboxPending - last.inboxPending) / ((last.t - first.t) / 1000) : NaN;
    const turnLatency = summarize(turns.map((t) => t.at - t.event.sentAt - t.model));
    const viaPush = turns.filter((t) => t.via === 'push').length;
    say(
      `  answered ${turns.length}/${drained.acked}${drained.complete ? '' : ` (drain stopped after ${opts.drainTimeout} s)`} by ${((lastAnswer - firstSent) / 1000).toFixed(1)} s after the first post: ` +
        `${throughput.toFixed(1)} turns/s end to end; ${viaPush} by push (reply token older than ${profile.ai.replyTokenMaxAgeSeconds} s)`,
    );
    say(`  inbox after the load stopped: ${first?.inboxPending ?? 0} events not yet relayed; the relay moved ${relayRate.toFixed(1)} events/s to Temporal until the inbox ${last?.inboxPending === 0 ? `was empty (${((last.t - (first?.t ?? last.t)) / 1000).toFixed(0)} s)` : 'stopped being watched'}`);
    say(`  turn latency of the burst (queueing included, model excluded): ${formatSummary(turnLatency)}`);
    say(`  cores over load + drain: ${fmtCores(all.cores)}`);
    say(`  relay's signalWithStart calls over load + drain: ${formatSummary(all.signalWithStart)}`);
    report.burst = { answered: turns.length, acked: drained.acked, complete: drained.complete, seconds: (lastAnswer - firstSent) / 1000, throughput, relayRate, signalWithStart: all.signalWithStart, viaPush, turnLatency, inboxPendingAtStop: first?.inboxPending ?? 0, coresLoadAndDrain: all.cores };
  }

  // --- verdict -----------------------------------------------------------------------------------
  const ack = (report.ack as { ack: Summary; errors: number });
  const verdict = (ok: boolean, value: number, target: number) => (ok ? `met (${value.toFixed(1)} < ${target} ms)` : `MISSED by ${(value - target).toFixed(1)} ms (${value.toFixed(1)} vs ${target} ms)`);
  say(`\nsummary`);
  say(`  ACK p99 at ${opts.rate} events/s: ${ack.ack.p99.toFixed(1)} ms, errors ${ack.errors} → target < 50 ms ${verdict(ack.ack.p99 < 50, ack.ack.p99, 50)}`);
  for (const t of turnResults as { rate: number; durable: { excludingModel: Summary }; plain: { excludingModel: Summary }; added: { p50: number; p99: number } }[]) {
    const d = t.durable.excludingModel;
    say(
      `  ${t.rate} turns/s: durable p50/p99 ${d.p50.toFixed(1)} / ${d.p99.toFixed(1)} ms, plain ${t.plain.excludingModel.p50.toFixed(1)} / ${t.plain.excludingModel.p99.toFixed(1)} ms (model excluded); ` +
        `durable-turn p99 < 300 ms ${verdict(d.p99 < 300, d.p99, 300)}`,
    );
  }
  const busy = busiest.filter((b) => b.other >= 0.2);
  if (busy.length) say(`  CAUTION: other processes used ${busy.map((b) => `${b.other.toFixed(2)} cores during ${b.phase}`).join(', ')} of the machine's ${os.cpus().length}`);
  report.otherCores = busiest;
  if (workerFailed) say(`  the worker failed during the run: ${workerFailed.message}`);
  if (opts.json) say(`\nJSON ${JSON.stringify(report)}`);

  clearTimeout(watchdog);
}

main()
  .then(
    () => cleanup().then(() => process.exit(0)),
    (err: Error) => {
      console.error(err.stack ?? err.message);
      return cleanup().then(() => process.exit(1));
    },
  );
