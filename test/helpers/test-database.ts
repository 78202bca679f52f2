import crypto from 'node:crypto';
import { createDb, Db, ensureDatabase } from '../../platform/db';
import { readTestRunState, TEMPLATE_DATABASE } from './test-run-state';

/** A fresh, migrated database for one test file, copied from the run's template. */
export async function createTestDatabase(): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const { adminDatabaseUrl } = readTestRunState();
  const name = `test_${crypto.randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminDatabaseUrl, name, TEMPLATE_DATABASE);
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString());
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.destroy();
      const admin = createDb(adminDatabaseUrl, { min: 0, max: 1 });
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}
