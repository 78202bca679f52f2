// The worker process on its own, for production: needs DATABASE_URL and TEMPORAL_ADDRESS.
import os from 'node:os';
import { Runtime } from '@temporalio/worker';
import { loadConfigOrExit } from '../config';
import { createDb } from '../db';
import { createLineBlobClient, createLineClient } from '../line';
import { createLlmClient } from '../llm';
import { createLogger } from '../logger';
import { createMailer } from '../mail';
import { mailCatcherDir } from '../mail-catcher';
import { createWorker } from './worker';
import { temporalConnectionSettings } from './connection-settings';
import { runtimeLogger } from './runtime-logger';
import { PiiKeyring } from '../crypto/pii-cipher';
import { Client, Connection } from '@temporalio/client';
import { ensureRetentionSchedule } from './retention-schedule';

async function main() {
  const { env, profile } = loadConfigOrExit();
  const logger = createLogger(env.LOG_LEVEL, 'worker');
  if (!env.DATABASE_URL || !env.TEMPORAL_ADDRESS) {
    console.error('DATABASE_URL and TEMPORAL_ADDRESS must be set to run the worker on its own (npm start provides both).');
    process.exit(78);
  }
  // SIGINT/SIGTERM make worker.run() resolve after in-flight activities finish (shutdownGraceTime).
  Runtime.install({ shutdownSignals: ['SIGINT', 'SIGTERM'], logger: runtimeLogger(logger) });
  const db = createDb(env.DATABASE_URL);
  const settings = temporalConnectionSettings(env.TEMPORAL_ADDRESS, env);
  const { worker, connection } = await createWorker({
    ...settings,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    deps: { db, profile, logger, line: createLineClient(env), lineBlob: createLineBlobClient(env), llm: createLlmClient(env), mailer: createMailer(env.SMTP_URL, env.MAIL_FROM, mailCatcherDir(env)), publicBaseUrl: env.PUBLIC_BASE_URL, onCallWebhookSecret: env.ONCALL_WEBHOOK_SECRET, workerIdentity: `worker@${os.hostname()}:${process.pid}`, keyring: PiiKeyring.fromEnv(env) },
  });
  // The daily retention run; creating it again on every start is a no-op.
  const scheduling = await Connection.connect(settings);
  await ensureRetentionSchedule(new Client({ connection: scheduling, namespace: env.TEMPORAL_NAMESPACE }), env.TEMPORAL_TASK_QUEUE);
  await scheduling.close();
  logger.info({ taskQueue: env.TEMPORAL_TASK_QUEUE }, 'worker running');
  await worker.run();
  await Promise.all([connection.close(), db.destroy()]);
  logger.info('worker stopped');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
