import type { Knex } from 'knex';

/**
 * The resident's language (BCP 47: `vi`, `zh-Hans`, `pt-BR`), remembered so every answer is in it, and
 * where it came from: `line` (the LINE profile), `detected` (from what they wrote, replaced by a later
 * clear detection) or `chosen` (the language menu; only another choice replaces it). Null: Japanese.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('residents', (t) => {
    t.string('language', 35);
    t.string('language_source', 10);
  });
  await knex.raw("ALTER TABLE residents ADD CONSTRAINT residents_language_source_check CHECK (language_source IN ('line', 'detected', 'chosen'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE residents DROP CONSTRAINT residents_language_source_check');
  await knex.schema.alterTable('residents', (t) => {
    t.dropColumn('language');
    t.dropColumn('language_source');
  });
}
