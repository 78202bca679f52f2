import crypto from 'node:crypto';
import { createDb, Db, ensureDatabase, migrateLatest } from '../../platform/db';
import { readTestRunState, TEMPLATE_DATABASE } from './test-run-state';

/**
 * A fresh, migrated database for one test file, copied from the run's template; on another server
 * (`adminUrl`, e.g. one the test restarts) it is migrated instead, as that server has no template.
 */
export async function createTestDatabase(options: { adminUrl?: string } = {}): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const adminDatabaseUrl = options.adminUrl ?? readTestRunState().adminDatabaseUrl;
  const name = `test_${crypto.randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminDatabaseUrl, name, options.adminUrl ? undefined : TEMPLATE_DATABASE);
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString());
  if (options.adminUrl) await migrateLatest(db);
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
