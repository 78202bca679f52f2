// The webhook inbox relay as a process of its own (`npm run relay`): hands the events the API instances
// stored to Temporal. Needs DATABASE_URL and TEMPORAL_ADDRESS; run the API with INBOX_RELAY=own-process.
// Any number may run side by side with each other and with API relays: the leased claim keeps each
// resident's order and hands every event to one relay at a time.
import { loadConfigOrExit } from '../../platform/config';
import { PiiKeyring } from '../../platform/crypto/pii-cipher';
import { TextSealer } from '../../platform/crypto/sealed-text';
import { createDb } from '../../platform/db';
import { createLogger } from '../../platform/logger';
import { connectTemporalClient } from '../../platform/temporal/client';
import { temporalConnectionSettings } from '../../platform/temporal/connection-settings';
import { InboxRelay, RELAY_POOL } from './inbox-relay';
import { lineProfileLanguageFrom } from './resident-language';

async function main() {
  const { env } = loadConfigOrExit();
  const logger = createLogger(env.LOG_LEVEL, 'relay');
  if (!env.DATABASE_URL || !env.TEMPORAL_ADDRESS) {
    console.error('DATABASE_URL and TEMPORAL_ADDRESS must be set to run the relay on its own.');
    process.exit(78);
  }
  const db = createDb(env.DATABASE_URL, RELAY_POOL);
  const keyring = PiiKeyring.fromEnv(env);
  const temporal = await connectTemporalClient(temporalConnectionSettings(env.TEMPORAL_ADDRESS, env), env.TEMPORAL_NAMESPACE, keyring);
  const relay = new InboxRelay({ db, sealer: new TextSealer(keyring), temporal, taskQueue: env.TEMPORAL_TASK_QUEUE, logger, lineProfileLanguage: lineProfileLanguageFrom(env) });
  relay.start();
  logger.info({ identity: relay.identity }, 'inbox relay running');
  const shutdown = () => {
    logger.info('inbox relay stopping');
    // A pass under way finishes; rows it had not reached stay leased until the lease runs out.
    void relay
      .stop()
      .then(() => Promise.all([db.destroy(), temporal.connection.close()]))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
