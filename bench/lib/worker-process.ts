/**
 * The Temporal worker of bench/webhook-load.ts in a process of its own (`--worker-process`), as a
 * deployment runs it (`npm run worker`). Forked by the benchmark; reports each model call's time
 * over IPC and stops when told to, when the parent goes away, or after an hour at most.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import OpenAI from 'openai';
import { loadEnv } from '../../platform/config/env';
import { loadProfile } from '../../platform/config/profile';
import { createDb } from '../../platform/db';
import { createLineClient } from '../../platform/line';
import { createLogger } from '../../platform/logger';
import { createWorker, WORKER_TUNING } from '../../platform/temporal/worker';
import { PiiKeyring } from '../../platform/crypto/pii-cipher';
import { timedFetch } from './timed-fetch';

export interface WorkerProcessConfig {
  type: 'start';
  env: Record<string, string>;
  debounceSeconds: number;
  openaiKey: string;
  openaiBaseUrl: string;
  tuning: Partial<typeof WORKER_TUNING>;
}

async function start(config: WorkerProcessConfig) {
  const env = loadEnv(config.env);
  const profile = loadProfile(env.MUNICIPALITY_PROFILE);
  profile.ai.debounceSeconds = config.debounceSeconds;
  const db = createDb(env.DATABASE_URL ?? '');
  const llm = new OpenAI({ apiKey: config.openaiKey, baseURL: config.openaiBaseUrl, fetch: timedFetch((tag, ms) => process.send?.({ type: 'model', tag, ms })) });
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const { worker, connection } = await createWorker({
    address: env.TEMPORAL_ADDRESS ?? '',
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    deps: { db, profile, logger: createLogger('silent'), line: createLineClient(env), llm, workerIdentity: `bench-worker-${process.pid}`, keyring: PiiKeyring.fromEnv(env) },
    shutdownGraceTime: '1s',
    tuning: config.tuning,
  });
  const run = worker.run();
  const stop = async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await run.catch(() => undefined);
    await connection.close();
    await db.destroy();
    process.exit(0);
  };
  process.on('message', (m: { type: string }) => {
    if (m.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  process.send?.({ type: 'ready' });
  await run;
}

if (require.main === module) {
  if (!process.send) {
    console.error('bench/lib/worker-process.ts is started by bench/webhook-load.ts --worker-process.');
    process.exit(2);
  }
  setTimeout(() => process.exit(3), 3_600_000).unref();
  process.once('message', (m: WorkerProcessConfig) => {
    start(m).catch((err: Error) => {
      process.send?.({ type: 'error', message: err.message });
      process.exit(1);
    });
  });
}
