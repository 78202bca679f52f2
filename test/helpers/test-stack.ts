import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import type { RouteSpec } from '../../api/http/route';
import { insertStaffUser } from '../../api/staff-users/staff-user-repository';
import type { Role } from '../../api/auth/roles';
import { loadEnv, Env } from '../../platform/config/env';
import { loadProfile, MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { createLineClient } from '../../platform/line';
import { createLlmClient } from '../../platform/llm';
import { createLogger } from '../../platform/logger';
import { createWorker } from '../../platform/temporal/worker';
import { createTestDatabase } from './test-database';
import { readTestRunState } from './test-run-state';

export const EXAMPLE_PROFILE = path.resolve(__dirname, '../../profiles/example.yaml');
export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestStack {
  db: Db;
  env: Env;
  profile: MunicipalityProfile;
  temporal: Client;
  taskQueue: string;
  baseUrl: string;
  routes: RouteSpec[];
  app: Express;
  worker?: Worker;
  /** Creates a staff account with TEST_PASSWORD. */
  createUser(role: Role, overrides?: { email?: string; partnerId?: string }): Promise<{ id: string; email: string }>;
  stop(): Promise<void>;
}

/**
 * The real API on an ephemeral port, backed by a fresh database, the run's Temporal server and
 * (optionally) a real worker on a task queue of its own, so test files never see each other's work.
 */
export async function startTestStack(options: { worker?: boolean; env?: Record<string, string> } = {}): Promise<TestStack> {
  const run = readTestRunState();
  const database = await createTestDatabase();
  const taskQueue = `test-${crypto.randomBytes(4).toString('hex')}`;
  const env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: run.dataDir,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: run.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    MUNICIPALITY_PROFILE: EXAMPLE_PROFILE,
    ...options.env,
  });
  const profile = loadProfile(env.MUNICIPALITY_PROFILE);
  const logger = createLogger('silent');
  const connection = await Connection.connect({ address: run.temporalAddress });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });

  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let closeWorkerConnection: (() => Promise<void>) | undefined;
  if (options.worker) {
    installQuietRuntime();
    const created = await createWorker({
      address: run.temporalAddress,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue,
      deps: { db: database.db, profile, logger, line: createLineClient(env), llm: createLlmClient(env), workerIdentity: `test-worker-${taskQueue}` },
      workflowBundlePath: run.workflowBundlePath,
    });
    worker = created.worker;
    workerRun = worker.run();
    closeWorkerConnection = () => created.connection.close();
  }

  const { app, routes } = createApp({ db: database.db, temporal, env, profile, logger, adminDistDir: path.resolve(__dirname, '../../admin-ui/dist') });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let counter = 0;
  return {
    db: database.db,
    env,
    profile,
    temporal,
    taskQueue,
    baseUrl,
    routes,
    app,
    worker,
    async createUser(role, overrides = {}) {
      counter += 1;
      const email = overrides.email ?? `${role}${counter}@city.example`;
      const partnerId = role === 'partner' ? (overrides.partnerId ?? profile.partners[0].id) : null;
      const user = await insertStaffUser(database.db, { email, displayName: `${role} ${counter}`, role, partnerId, password: TEST_PASSWORD });
      return { id: user.id, email };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
      await closeWorkerConnection?.();
      await connection.close();
      await database.drop();
    },
  };
}

/** The SDK logs every worker state change at INFO; tests only want warnings. Once per process. */
function installQuietRuntime(): void {
  const flag = '__yorisoiRuntimeInstalled';
  const g = globalThis as Record<string, unknown>;
  if (g[flag] || process.env[flag]) return;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier test file in this process (jest gives each file fresh modules).
  }
  g[flag] = true;
}
