// The API process on its own, for production: needs DATABASE_URL and TEMPORAL_ADDRESS.
// `npm start` runs this same file with the embedded Postgres and Temporal it started.
import path from 'node:path';
import { loadConfigOrExit } from '../platform/config';
import { createDb, migrateLatest } from '../platform/db';
import { RELAY_POOL } from './line-webhook/inbox-relay';
import { rollUpReportableDays } from './reports/report-rollups';
import { LiveEventHub } from '../platform/events';
import { createLogger, errorCode } from '../platform/logger';
import { connectTemporalClient } from '../platform/temporal/client';
import { temporalConnectionSettings } from '../platform/temporal/connection-settings';
import { createApp } from './app';
import { PiiKeyring } from '../platform/crypto/pii-cipher';
import { ensureFirstAdmin } from './staff-users/staff-user-repository';

async function main() {
  const { env, profile } = loadConfigOrExit();
  const logger = createLogger(env.LOG_LEVEL, 'api');
  if (!env.DATABASE_URL || !env.TEMPORAL_ADDRESS) {
    console.error('DATABASE_URL and TEMPORAL_ADDRESS must be set to run the API on its own (npm start provides both).');
    process.exit(78);
  }
  const db = createDb(env.DATABASE_URL);
  // knex takes a lock row, so several API replicas starting at once migrate only once.
  const applied = await migrateLatest(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const admin = await ensureFirstAdmin(db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
  if (admin === 'missing') logger.warn('no admin account exists: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first one');
  if (admin === 'created') logger.info('first admin account created from ADMIN_EMAIL');
  const keyring = PiiKeyring.fromEnv(env);
  const temporal = await connectTemporalClient(temporalConnectionSettings(env.TEMPORAL_ADDRESS, env), env.TEMPORAL_NAMESPACE, keyring);
  const liveEvents = new LiveEventHub(env.DATABASE_URL, { logger });
  await liveEvents.start();
  const relayDb = createDb(env.DATABASE_URL, RELAY_POOL);
  const { app, relay } = createApp({ db, relayDb, temporal, env, profile, logger, liveEvents, keyring, adminDistDir: path.resolve(__dirname, '../admin-ui/dist') });
  // With INBOX_RELAY=own-process, `npm run relay` processes hand the stored events to Temporal.
  if (env.INBOX_RELAY === 'in-api') relay.start();
  else await relay.stop();
  const server = app.listen(env.PORT, env.HOST, () => logger.info({ host: env.HOST, port: env.PORT }, 'api listening'));
  // The officials' report reads closed days from rollups; the first run after a deployment makes them.
  const rollupStart = Date.now();
  rollUpReportableDays(db).then(
    ({ rolledDays }) => logger.info({ rolledDays, ms: Date.now() - rollupStart }, 'report rollups ready'),
    (err: unknown) => logger.warn({ code: errorCode(err) }, 'report rollups not made; reports roll up the days they need'),
  );
  const shutdown = () => {
    logger.info('api stopping');
    server.close(() => {
      void relay
        .stop()
        .then(() => Promise.all([db.destroy(), relayDb.destroy(), temporal.connection.close(), liveEvents.stop()]))
        .finally(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
