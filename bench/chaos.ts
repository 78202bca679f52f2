/**
 * Chaos benchmark for the message path (issue 15): nothing lost, nothing answered twice, under faults.
 *
 *   npx tsx bench/chaos.ts [--seconds 240] [--residents 24] [--think 4] [--drain 120] [--json]
 *
 * Its own stack in a temporary directory, each part a process of its own: PostgreSQL (embedded),
 * the Temporal dev server (SQLite file), two API instances (`api/main.ts`) and two workers
 * (`platform/temporal/worker-main.ts`). The LINE and OpenAI stand-ins run in this process: the model
 * fails 20 % of calls, LINE answers 429 or 500 to 5 % of replies and pushes.
 *
 * Residents (already past terms and intake) talk at a steady pace: each sends a message, waits for
 * the answer, thinks, sends the next; every 8th message is a crisis message. Webhooks go to either API
 * instance, LINE-style: a delivery that gets no 200 is delivered again (`isRedelivery`) until one does.
 * On a schedule across the run: kill -9 a worker, kill -9 an API instance, kill -9 Temporal, stop
 * PostgreSQL immediately (SIGQUIT), kill -9 the other worker; each part is restarted 5 s later.
 *
 * Prints: acknowledged, lost (no stored inbound row, or no answer by the end of the drain), answered
 * twice (a text delivered more often than the stack produced it), crisis messages answered within
 * 60 s and alerted, and per fault the restart time and the recovery time (fault → first answer to a
 * message sent after the fault). Stops every process it started and removes its directory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { messagingApi } from '@line/bot-sdk';
import { loadProfile } from '../platform/config/profile';
import { PiiKeyring } from '../platform/crypto/pii-cipher';
import { TextSealer } from '../platform/crypto/sealed-text';
import { createDb, ensureDatabase, migrateLatest, type Db } from '../platform/db';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../platform/embedded-postgres';
import { freePort, startProcess, waitForPort, type ManagedProcess } from '../platform/processes';
import { ensureTemporalCli } from '../platform/temporal/cli';
import { startTemporalDevServer } from '../platform/temporal/dev-server';
import { sampleFromJsonSchema, startOpenAIStandIn } from '../test/stand-ins/openai-api';
import { startLineStandIn } from './lib/line-stand-in';
import { machineLine } from './lib/machine';
import { formatSummary, summarize } from './lib/stats';
import { tagOf, TAG_PATTERN } from './lib/tags';

const ROOT = path.resolve(__dirname, '..');
// Node itself with tsx's loader: one process per part, so kill -9 hits the part and not a wrapper.
const NODE_TS = (script: string) => ['--import', 'tsx', script];
const SECRET = 'chaos-channel-secret';
const LINE_TOKEN = 'chaos-line-token';
const OPENAI_KEY = 'chaos-openai-key';
const CRISIS_EVERY = 8;
const RESTART_AFTER_MS = 5_000;
// CHAOS_DEBUG_LOG=/tmp/run1 keeps the workers' logs (/tmp/run1-worker1.log …) and the Temporal history of
// each lost message's consultation (/tmp/run1-lost-<tag>.json): what a loss needs to be explained.
const DEBUG_LOG = process.env.CHAOS_DEBUG_LOG;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const options = { seconds: arg('seconds', 240), residents: arg('residents', 24), think: arg('think', 4), drain: arg('drain', 120), json: process.argv.includes('--json') };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);

interface Sent {
  resident: number;
  eventId: string;
  tag: string;
  crisis: boolean;
  postedAt: number;
  ackedAt?: number;
  deliveries: number;
  answeredAt?: number;
}

interface Fault {
  name: string;
  at: number;
  restartedAt?: number;
  recoveredAt?: number;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-chaos-'));
  fs.chmodSync(dir, 0o755);
  const children: ManagedProcess[] = [];
  let pg: EmbeddedPostgresHandle | undefined;
  let db: Db | undefined;
  const stopAll = async () => {
    await Promise.all(children.map((c) => c.stop().catch(() => undefined)));
    await db?.destroy().catch(() => undefined);
    await pg?.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  try {
    await run(dir, children, (h) => (pg = h), (d) => (db = d));
  } finally {
    await stopAll();
  }
}

async function run(dir: string, children: ManagedProcess[], setPg: (h: EmbeddedPostgresHandle) => void, setDb: (d: Db) => void) {
  log(machineLine());
  // --- the stand-ins (this process) --------------------------------------------------------------
  const line = await startLineStandIn({ channelAccessToken: LINE_TOKEN });
  line.failRandomly(/^\/v2\/bot\/message\/(reply|push)$/, 0.05, [429, 500]);
  const openai = await startOpenAIStandIn({ apiKey: OPENAI_KEY });
  openai.setResponder((request) => {
    // One call in five fails: armed for the next call, which is as random as failing this one.
    if (Math.random() < 0.2) openai.failNext(500, 1);
    const format = (request as { response_format?: { json_schema?: { schema?: unknown } } }).response_format;
    if (format) return { json: sampleFromJsonSchema(format.json_schema?.schema ?? {}) };
    const tags = JSON.stringify(request.messages).match(TAG_PATTERN) ?? [];
    return `お話ししてくださってありがとうございます。${tags[tags.length - 1] ?? ''}`;
  });

  // --- PostgreSQL, Temporal --------------------------------------------------------------------------
  const pgDir = path.join(dir, 'postgres');
  const pgPort = await freePort();
  const startPg = async () => {
    const handle = await startEmbeddedPostgres({ dir: pgDir, port: pgPort });
    setPg(handle);
    return handle;
  };
  const pg = await startPg();
  await ensureDatabase(pg.adminUrl, 'yorisoi');
  const databaseUrl = pg.urlFor('yorisoi');
  const db = createDb(databaseUrl, { min: 0, max: 4 });
  setDb(db);
  await migrateLatest(db);

  const cli = await ensureTemporalCli(ROOT, (l) => log(l));
  const temporalPort = await freePort();
  const temporalDb = path.join(dir, 'temporal.sqlite');
  let temporal = await startTemporalDevServer({ cliPath: cli.path, port: temporalPort, uiPort: 0, namespace: 'default', dbFile: temporalDb, headless: true, quiet: true });
  children.push(temporal);

  // --- profile, API instances and workers as separate processes ------------------------------------------
  const profilePath = path.join(dir, 'profile.yaml');
  fs.writeFileSync(profilePath, fs.readFileSync(path.join(ROOT, 'profiles/example.yaml'), 'utf8').replace(/debounceSeconds: \d+/, 'debounceSeconds: 1'));
  const profile = loadProfile(profilePath);
  const baseEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_TASK_QUEUE: 'chaos',
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: LINE_TOKEN,
    LINE_API_BASE_URL: line.baseUrl,
    OPENAI_API_KEY: OPENAI_KEY,
    OPENAI_BASE_URL: openai.baseUrl,
    MUNICIPALITY_PROFILE: profilePath,
  };
  const apiPorts = [await freePort(), await freePort()];
  const apis: ManagedProcess[] = [];
  const workers: ManagedProcess[] = [];
  const startApi = async (i: number) => {
    const proc = startProcess(`api${i + 1}`, process.execPath, NODE_TS('api/main.ts'), { cwd: ROOT, env: { ...baseEnv, PORT: String(apiPorts[i]) }, quiet: true });
    children.push(proc);
    apis[i] = proc;
    await waitForPort(apiPorts[i], '127.0.0.1', 120_000, proc.exited);
  };
  const startWorker = async (i: number) => {
    let ready: () => void = () => undefined;
    const running = new Promise<void>((r) => (ready = r));
    const proc = startProcess(`worker${i + 1}`, process.execPath, NODE_TS('platform/temporal/worker-main.ts'), { cwd: ROOT, env: { ...baseEnv, LOG_LEVEL: 'info' }, quiet: true, onOutput: (l) => {
        if (DEBUG_LOG) fs.appendFileSync(`${DEBUG_LOG}-worker${i + 1}.log`, l + '\n');
        if (l.includes('worker running')) ready();
      },
    });
    children.push(proc);
    workers[i] = proc;
    await Promise.race([running, proc.exited.then(() => Promise.reject(new Error(`worker${i + 1} exited`)))]);
  };
  await startApi(0);
  await Promise.all([startApi(1), startWorker(0), startWorker(1)]);
  log(`stack up: postgres :${pgPort}, temporal :${temporalPort}, api :${apiPorts.join(' :')}, 2 workers`);

  // --- residents, already past terms and intake --------------------------------------------------------
  const intake = Object.fromEntries(profile.intake.questions.map((q) => [q.id, q.options[0].value]));
  const userIds = Array.from({ length: options.residents }, () => 'U' + crypto.randomBytes(16).toString('hex'));
  await db('residents').insert(
    userIds.map((u, i) => ({ line_user_id: u, code: `R-CHAOS${String(i).padStart(3, '0')}`, terms_version: profile.terms.version, terms_agreed_at: new Date(), intake: JSON.stringify(intake) })),
  );

  // --- LINE-style delivery: to either instance, again until one answers 200 -------------------------------------
  const liveApis = () => apiPorts.filter((_, i) => apis[i]?.child.exitCode === null && apis[i]?.child.signalCode === null);
  let rr = 0;
  const deliver = async (event: Record<string, unknown>, deadline: number): Promise<number | undefined> => {
    for (let attempt = 0; Date.now() < deadline; attempt += 1) {
      const ports = liveApis().length ? liveApis() : apiPorts;
      const port = ports[rr++ % ports.length];
      const body = JSON.stringify({ destination: 'Uchaos', events: [{ ...event, deliveryContext: { isRedelivery: attempt > 0 } }] });
      const signature = crypto.createHmac('sha256', SECRET).update(body).digest('base64');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body, signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (res.status === 200) return Date.now();
      } catch {
        // connection refused or reset: LINE delivers again later
      }
      await sleep(1_000);
    }
    return undefined;
  };

  // --- the conversation ---------------------------------------------------------------------------------------
  const sent: Sent[] = [];
  const faults: Fault[] = [];
  const started = Date.now();
  const end = started + options.seconds * 1000;
  const drainEnd = () => end + options.drain * 1000;
  let counter = 0;
  // Intent or method (`high` by the rules alone): an alert to staff and the crisis lines, whatever the model says.
  const crisisText = ['今夜死ぬつもりです', '遺書を書きました', '駅のホームから飛び降りたい'];
  const converse = async (r: number) => {
    await sleep(Math.random() * options.think * 1000);
    while (Date.now() < end) {
      const n = counter++;
      const tag = tagOf('bq', n);
      const crisis = n % CRISIS_EVERY === CRISIS_EVERY - 1;
      const text = `${crisis ? crisisText[n % crisisText.length] : '最近ひとりで過ごすことが多くて'} ${tag}`;
      const afterSeq = line.requests.length - 1;
      const event = {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        webhookEventId: crypto.randomUUID().replace(/-/g, '').toUpperCase(),
        source: { type: 'user', userId: userIds[r] },
        replyToken: line.issueReplyToken(userIds[r]),
        message: { type: 'text', id: String(n), quoteToken: 'q', text },
      };
      const s: Sent = { resident: r, eventId: event.webhookEventId, tag, crisis, postedAt: Date.now(), deliveries: 0 };
      sent.push(s);
      s.ackedAt = await deliver(event, drainEnd());
      if (!s.ackedAt) return;
      // The answer: the first reply or push that reaches this resident after the message went out.
      while (Date.now() < drainEnd()) {
        const got = line.deliveriesFor(userIds[r], afterSeq);
        if (got.length) {
          s.answeredAt = Date.parse(got[0].at);
          break;
        }
        await sleep(250);
      }
      if (!s.answeredAt) return;
      for (const f of faults) if (!f.recoveredAt && s.postedAt > f.at) f.recoveredAt = s.answeredAt;
      await sleep(options.think * 1000 * (0.5 + Math.random()));
    }
  };

  // --- the faults ---------------------------------------------------------------------------------------------
  const kill9 = (p: ManagedProcess) => void p.child.kill('SIGKILL');
  const schedule: { at: number; name: string; inject: () => Promise<void> | void; restart: () => Promise<void> }[] = [
    { at: 0.12, name: 'worker 1 (kill -9)', inject: () => kill9(workers[0]), restart: () => startWorker(0) },
    { at: 0.3, name: 'API instance 1 (kill -9)', inject: () => kill9(apis[0]), restart: () => startApi(0) },
    {
      at: 0.48,
      name: 'Temporal (kill -9)',
      inject: () => kill9(temporal),
      restart: async () => {
        temporal = await startTemporalDevServer({ cliPath: cli.path, port: temporalPort, uiPort: 0, namespace: 'default', dbFile: temporalDb, headless: true, quiet: true });
        children.push(temporal);
      },
    },
    {
      at: 0.66,
      name: 'PostgreSQL (immediate stop)',
      // SIGQUIT to the postmaster is `pg_ctl stop -m immediate`: no checkpoint, crash recovery on start.
      inject: () => void process.kill(Number(fs.readFileSync(path.join(pgDir, 'cluster', 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGQUIT'),
      restart: async () => {
        await waitForPortClosed(pgPort);
        await startPg();
      },
    },
    { at: 0.84, name: 'worker 2 (kill -9)', inject: () => kill9(workers[1]), restart: () => startWorker(1) },
  ];
  const chaos = (async () => {
    for (const step of schedule) {
      await sleep(Math.max(0, started + step.at * options.seconds * 1000 - Date.now()));
      const fault: Fault = { name: step.name, at: Date.now() };
      faults.push(fault);
      log(`fault: ${step.name}`);
      await step.inject();
      await sleep(RESTART_AFTER_MS);
      await step.restart();
      fault.restartedAt = Date.now();
      log(`restarted: ${step.name} (${((fault.restartedAt - fault.at) / 1000).toFixed(1)} s)`);
    }
  })();

  await Promise.all([...userIds.map((_, r) => converse(r)), chaos]);
  log('conversation over; checking the record');

  // --- the figures -----------------------------------------------------------------------------------------------
  const acked = sent.filter((s) => s.ackedAt);
  const stored = new Set(await db('messages').whereIn('webhook_event_id', acked.map((s) => s.eventId)).pluck('webhook_event_id'));
  const lostNoRow = acked.filter((s) => !stored.has(s.eventId));
  const lostNoAnswer = acked.filter((s) => !s.answeredAt);
  const lost = new Set([...lostNoRow, ...lostNoAnswer]);
  // Answered twice: a text reaching a resident more often than the stack produced it.
  const textOf = (messages: messagingApi.Message[]) => messages.map((m) => (m as messagingApi.TextMessage).text ?? '').join('\n\n');
  let twice = 0;
  const residentIds = await db('residents').whereIn('line_user_id', userIds).select('id', 'line_user_id');
  // Same keys as the worker processes (PII_ENCRYPTION_KEY from the environment, else the development key).
  const sealer = new TextSealer(PiiKeyring.fromEnv(process.env));
  for (const { id, line_user_id: userId } of residentIds) {
    const delivered = new Map<string, number>();
    for (const d of line.deliveriesFor(userId)) delivered.set(textOf(d.messages), (delivered.get(textOf(d.messages)) ?? 0) + 1);
    const produced = new Map<string, number>();
    for (const row of await db('messages').where({ resident_id: id, direction: 'out', delivery_status: 'sent' })) {
      const t = sealer.open('messages', 'text', row) as string;
      produced.set(t, (produced.get(t) ?? 0) + 1);
    }
    for (const [t, n] of delivered) twice += Math.max(0, n - (produced.get(t) ?? 0));
  }
  const crisis = acked.filter((s) => s.crisis);
  const alerted = new Set(
    await db('alerts as a').join('consultations as c', 'c.id', 'a.consultation_id').join('residents as r', 'r.id', 'c.resident_id').where('a.kind', 'crisis').pluck('r.line_user_id'),
  );
  const crisisIn60 = crisis.filter((s) => s.answeredAt && s.answeredAt - s.postedAt <= 60_000);
  const crisisResidentsAlerted = new Set(crisis.map((s) => userIds[s.resident]).filter((u) => alerted.has(u)));
  const latency = summarize(acked.filter((s) => s.answeredAt).map((s) => s.answeredAt! - s.postedAt));
  const deadLetters = Number((await db('webhook_inbox').where({ status: 'dead' }).count('* as n'))[0].n);
  const replies = line.replies().length;
  const pushes = line.pushes().filter((p) => p.delivered).length;

  // What the record says about each lost message, to tell a loss from a late answer.
  const lostDetail = [];
  for (const s of lost) {
    const inbox = await db('webhook_inbox').where({ webhook_event_id: s.eventId }).first('status', 'attempts', 'last_error');
    const inbound = await db('messages').where({ webhook_event_id: s.eventId }).first('consultation_id', 'created_at');
    const out = inbound ? await db('messages').where({ consultation_id: inbound.consultation_id, direction: 'out' }).where('created_at', '>=', inbound.created_at).select('delivery_status', 'delivery', 'sender') : [];
    if (DEBUG_LOG && inbound) {
      const { Connection, Client } = await import('@temporalio/client');
      const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
      const wf = await db('consultations').where({ id: inbound.consultation_id }).first('workflow_id');
      const history = await new Client({ connection }).workflow.getHandle(wf.workflow_id).fetchHistory();
      fs.writeFileSync(`${DEBUG_LOG}-lost-${s.tag}.json`, JSON.stringify({ sent: s, history }, null, 1));
      await connection.close();
    }
    lostDetail.push({ crisis: s.crisis, postedAgoS: Math.round((Date.now() - s.postedAt) / 1000), inbox, stored: Boolean(inbound), outAfter: out });
  }
  const result = {
    lostDetail,
    seconds: options.seconds,
    residents: options.residents,
    sent: sent.length,
    acknowledged: acked.length,
    lost: lost.size,
    lostNoStoredRow: lostNoRow.length,
    lostNoAnswer: lostNoAnswer.length,
    answeredTwice: twice,
    crisis: crisis.length,
    crisisAnsweredWithin60s: crisisIn60.length,
    crisisResidentsAlerted: `${crisisResidentsAlerted.size}/${new Set(crisis.map((s) => s.resident)).size}`,
    deadLetters,
    answerLatencyMs: latency,
    deliveries: { replies, pushes },
    lineInjectedFailures: line.requests.filter((r) => r.injectedFailure).length,
    modelCalls: openai.requests.length,
    faults: faults.map((f) => ({
      name: f.name,
      restartS: f.restartedAt ? (f.restartedAt - f.at) / 1000 : null,
      recoveryS: f.recoveredAt ? (f.recoveredAt - f.at) / 1000 : null,
    })),
  };
  if (options.json) console.log(JSON.stringify(result));
  console.log('');
  console.log(`chaos run: ${options.seconds} s, ${options.residents} residents, model failing 20 %, LINE 429/500 on 5 % of sends`);
  console.log(`  acknowledged            ${result.acknowledged} (of ${result.sent} sent)`);
  console.log(`  lost                    ${result.lost} (no stored row ${result.lostNoStoredRow}, no answer ${result.lostNoAnswer})`);
  console.log(`  answered twice          ${result.answeredTwice}`);
  console.log(`  crisis answered ≤ 60 s  ${result.crisisAnsweredWithin60s}/${result.crisis}; residents alerted ${result.crisisResidentsAlerted}`);
  console.log(`  dead letters            ${deadLetters}`);
  console.log(`  answer latency          ${formatSummary(latency)}`);
  console.log(`  deliveries              ${replies} replies, ${pushes} pushes; ${result.lineInjectedFailures} LINE failures injected, ${result.modelCalls} model calls`);
  for (const d of lostDetail) console.log(`  lost: ${JSON.stringify(d)}`);
  for (const f of result.faults) console.log(`  ${f.name.padEnd(30)} restarted in ${f.restartS ?? '–'} s, recovered in ${f.recoveryS ?? '–'} s`);
  console.log(`  machine: ${machineLine()}`);
  await Promise.all([line.close(), openai.close()]);
}

/** Resolves once nothing accepts connections on the port (a killed server's port is free again). */
async function waitForPortClosed(port: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    try {
      await waitForPort(port, '127.0.0.1', 200);
    } catch {
      return;
    }
    await sleep(100);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
