import knex, { Knex } from 'knex';
import { migrationSource } from '../migrations';

export type Db = Knex;

export function createDb(url: string, pool = { min: 0, max: 10 }): Db {
  // Without this, knex prefixes every query error with the SQL and its values (a resident's text),
  // and that message travels on into logs, tables and Temporal failures.
  return knex({ client: 'pg', connection: url, pool, compileSqlOnError: false });
}

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  return applied;
}

/** Creates `database` on the server behind adminUrl if it is missing (optionally from a template). */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsafe database name: ${database}`);
  const admin = createDb(adminUrl, { min: 0, max: 1 });
  try {
    const exists = await admin('pg_database').where({ datname: database }).first();
    if (!exists) await admin.raw(`CREATE DATABASE ${database}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.destroy();
  }
}
