import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Runtime, type Worker } from '@temporalio/worker';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import type { InboxRelay } from '../../api/line-webhook/inbox-relay';
import { startLineStandIn, LineStandIn } from '../../platform/line-stand-in/line-stand-in';
import { startOpenAIStandIn, OpenAIStandIn } from '../stand-ins/openai-api';
import type { RouteSpec } from '../../api/http/route';
import { insertStaffUser } from '../../api/staff-users/staff-user-repository';
import type { Role } from '../../api/auth/roles';
import { loadEnv, Env } from '../../platform/config/env';
import { loadProfile, MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { createLineBlobClient, createLineClient } from '../../platform/line';
import { createLlmClient } from '../../platform/llm';
import pino from 'pino';
import { createLogger, loggerOptions } from '../../platform/logger';
import { createMailer } from '../../platform/mail';
import { mailCatcherDir } from '../../platform/mail-catcher';
import { LiveEventHub } from '../../platform/events';
import type { Activities } from '../../activities';
import { createWorker } from '../../platform/temporal/worker';
import { runtimeLogger } from '../../platform/temporal/runtime-logger';
import { PiiKeyring } from '../../platform/crypto/pii-cipher';
import { TextSealer } from '../../platform/crypto/sealed-text';
import { encryptedDataConverter } from '../../platform/temporal/encryption-codec';
import { createTestDatabase } from './test-database';
import { secondFactorRequired, TOTP_AAD } from '../../api/auth/auth-routes';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret } from '../../api/auth/totp';
import { rememberSecondFactor } from './http-client';
import { readTestRunState } from './test-run-state';

export const EXAMPLE_PROFILE = path.resolve(__dirname, '../../profiles/example.yaml');
export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestStack {
  db: Db;
  line: LineStandIn;
  liveEvents: LiveEventHub;
  openai: OpenAIStandIn;
  relay: InboxRelay;
  env: Env;
  profile: MunicipalityProfile;
  temporal: Client;
  keyring: PiiKeyring;
  /** Opens the sealed free-text columns (messages.text, notes …) a test reads straight from the database. */
  sealer: TextSealer;
  taskQueue: string;
  baseUrl: string;
  routes: RouteSpec[];
  app: Express;
  worker?: Worker;
  /** Creates a staff account with TEST_PASSWORD. */
  createUser(role: Role, overrides?: { email?: string; partnerId?: string; secondFactor?: boolean }): Promise<{ id: string; email: string }>;
  /** Stops the worker without letting in-flight activities finish, as a crash would, then starts a new one. */
  crashAndRestartWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** Staff hours around the clock, so a test meets open hours whatever the date and time it runs at. */
export function openAroundTheClock(p: MunicipalityProfile): void {
  p.businessHours = { ...p.businessHours, weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '23:59', closedDays: [], extraClosures: [] };
}

export interface TestStackOptions {
  worker?: boolean;
  env?: Record<string, string>;
  profile?: (p: MunicipalityProfile) => void;
  llm?: boolean;
  activityOverrides?: Partial<Activities>;
  /** Collects every log line (API and worker, level debug) instead of silencing them. */
  logLines?: string[];
  /** A database of the test's own (e.g. one it stops and restarts) instead of a copy of the run's template. */
  database?: { db: Db; url: string; drop(): Promise<void> };
}

/**
 * The stack most end-to-end tests want: a worker, answers without the debounce, and staff on duty at
 * any hour of any day (no holidays). `more` adds to it; its profile edit runs after these.
 */
export function staffedAroundTheClock(more: TestStackOptions = {}): TestStackOptions {
  return {
    worker: true,
    ...more,
    profile: (p) => {
      p.ai.debounceSeconds = 0;
      openAroundTheClock(p);
      more.profile?.(p);
    },
    activityOverrides: { listJapaneseHolidays: async () => [], ...more.activityOverrides },
  };
}

/**
 * The real API on an ephemeral port, backed by a fresh database, the run's Temporal server and
 * (optionally) a real worker on a task queue of its own, so test files never see each other's work.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const run = readTestRunState();
  const database = options.database ?? (await createTestDatabase());
  const taskQueue = `test-${crypto.randomBytes(4).toString('hex')}`;
  // The two platforms we cannot run here answer through stand-ins speaking their real protocols.
  const line = await startLineStandIn({ channelAccessToken: 'test-line-token' });
  const openai = await startOpenAIStandIn({ apiKey: 'test-openai-key' });
  const env = loadEnv({
    LINE_CHANNEL_SECRET: 'test-channel-secret',
    LINE_CHANNEL_ACCESS_TOKEN: 'test-line-token',
    LINE_API_BASE_URL: line.baseUrl,
    LINE_DATA_API_BASE_URL: line.baseUrl,
    ...(options.llm === false ? {} : { OPENAI_API_KEY: 'test-openai-key', OPENAI_BASE_URL: openai.baseUrl }),
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: run.dataDir,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: run.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    // TEST_MUNICIPALITY_PROFILE runs a suite on another city's profile (e.g. profiles/example-kawabe.yaml).
    MUNICIPALITY_PROFILE: process.env.TEST_MUNICIPALITY_PROFILE ? path.resolve(process.env.TEST_MUNICIPALITY_PROFILE) : EXAMPLE_PROFILE,
    ...options.env,
  });
  const profile = loadProfile(env.MUNICIPALITY_PROFILE);
  options.profile?.(profile);
  const logLines = options.logLines;
  const logger = logLines
    ? pino(loggerOptions('debug'), { write: (line: string) => void logLines.push(line) })
    : createLogger('silent');
  const connection = await Connection.connect({ address: run.temporalAddress });
  const keyring = PiiKeyring.fromEnv(env);
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE, dataConverter: encryptedDataConverter(keyring.cipher('temporal-payload')) });

  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let closeWorkerConnection: (() => Promise<void>) | undefined;
  // No grace on shutdown: stopping a test worker is as abrupt as a crash for in-flight activities.
  const launchWorker = async () => {
    installQuietRuntime();
    const created = await createWorker({
      address: run.temporalAddress,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue,
      deps: {
        db: database.db,
        profile,
        logger,
        line: createLineClient(env),
        lineBlob: createLineBlobClient(env),
        llm: createLlmClient(env),
        mailer: createMailer(env.SMTP_URL, env.MAIL_FROM, mailCatcherDir(env)),
        publicBaseUrl: 'https://yorisoi.city.example',
        workerIdentity: `test-worker-${taskQueue}`,
        keyring,
      },
      activityOverrides: options.activityOverrides,
      workflowBundlePath: run.workflowBundlePath,
      shutdownGraceTime: '0s',
    });
    worker = created.worker;
    workerRun = worker.run();
    closeWorkerConnection = () => created.connection.close();
  };
  const stopWorker = async () => {
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await closeWorkerConnection?.();
  };
  if (options.worker) await launchWorker();

  const liveEvents = new LiveEventHub(database.url, { logger });
  await liveEvents.start();
  const { app, routes, relay } = createApp({ db: database.db, temporal, env, profile, logger, liveEvents, keyring, adminDistDir: run.adminDistDir });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let counter = 0;
  return {
    db: database.db,
    line,
    liveEvents,
    openai,
    relay,
    env,
    profile,
    temporal,
    keyring,
    sealer: new TextSealer(keyring),
    taskQueue,
    baseUrl,
    routes,
    app,
    get worker() {
      return worker;
    },
    async crashAndRestartWorker() {
      await stopWorker();
      await launchWorker();
    },
    async createUser(role, overrides = {}) {
      counter += 1;
      const email = overrides.email ?? `${role}${counter}@city.example`;
      const partnerId = role === 'partner' ? (overrides.partnerId ?? profile.partners[0].id) : null;
      const user = await insertStaffUser(database.db, { email, displayName: `${role} ${counter}`, role, partnerId, password: TEST_PASSWORD });
      // Roles that must sign in with a second factor get one enrolled, as if through the admin app.
      if (overrides.secondFactor ?? secondFactorRequired(role, profile)) {
        const secret = newTotpSecret();
        const recoveryCodes = newRecoveryCodes(40);
        await database.db('staff_users')
          .where({ id: user.id })
          .update({ totp_secret: keyring.cipher('pii-at-rest').encrypt(secret, TOTP_AAD(user.id)), recovery_code_hashes: recoveryCodes.map(hashRecoveryCode) });
        rememberSecondFactor(email, secret, recoveryCodes);
      }
      return { id: user.id, email };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await relay.stop();
      await liveEvents.stop();
      await stopWorker();
      await connection.close();
      await Promise.all([line.close(), openai.close()]);
      await database.drop();
    },
  };
}

/** The SDK logs every worker state change at INFO; tests only want warnings. Once per process. */
export function installQuietRuntime(): void {
  const flag = '__yorisoiRuntimeInstalled';
  const g = globalThis as Record<string, unknown>;
  if (g[flag]) return;
  try {
    // Through our logger's serializer, as in production: SDK lines about failed activities carry no content.
    Runtime.install({ logger: runtimeLogger(createLogger('warn', 'temporal-sdk'), 'WARN') });
  } catch {
    // Already installed by an earlier test file in this process (jest gives each file fresh modules).
  }
  g[flag] = true;
}
