// `npm run reencrypt`: every encrypted value under the current PII_ENCRYPTION_KEY (after a key rotation,
// or once after upgrading to encryption at rest). Safe to interrupt and run again; see docs/deployment.md.
import { loadConfigOrExit } from '../platform/config';
import { PiiKeyring } from '../platform/crypto/pii-cipher';
import { createDb } from '../platform/db';
import { reencryptAll } from './reencrypt/reencrypt-rows';

async function main() {
  const { env } = loadConfigOrExit();
  if (!env.DATABASE_URL) {
    console.error('DATABASE_URL must be set.');
    process.exit(78);
  }
  const batchArg = process.argv.indexOf('--batch-size');
  const batchSize = batchArg > 0 ? Number(process.argv[batchArg + 1]) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    console.error('--batch-size must be a positive whole number.');
    process.exit(64);
  }
  const keyring = PiiKeyring.fromEnv(env);
  const db = createDb(env.DATABASE_URL);
  try {
    console.log(`Re-encrypting under key ${keyring.current.id}, ${batchSize} rows a batch.`);
    const changed = await reencryptAll(db, keyring, {
      batchSize,
      onProgress: ({ target, done, total }) => {
        if (total > 0) console.log(`${target}: ${done}/${total}`);
      },
    });
    const sum = Object.values(changed).reduce((a, b) => a + b, 0);
    console.log(`Done: ${sum} value(s) re-encrypted; every encrypted value is under key ${keyring.current.id}.`);
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
