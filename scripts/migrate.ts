// Applies pending migrations to DATABASE_URL (production); `npm start` and the API do this themselves.
import { loadConfigOrExit } from '../platform/config';
import { createDb, migrateLatest } from '../platform/db';

async function main() {
  const { env } = loadConfigOrExit();
  if (!env.DATABASE_URL) {
    console.error('DATABASE_URL must be set.');
    process.exit(78);
  }
  const db = createDb(env.DATABASE_URL);
  const applied = await migrateLatest(db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
  await db.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
