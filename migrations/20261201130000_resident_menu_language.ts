import type { Knex } from 'knex';

/**
 * The language whose rich-menu link the inbox relay last started for the resident (null: the default,
 * Japanese). While it differs from `language`, each event of the resident starts the link again, so a
 * start Temporal refused is not forgotten. Residents so far were linked to their language already (by
 * the relay, or by the bulk link when menus were published).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('residents', (t) => {
    t.string('menu_language', 35);
  });
  await knex('residents').whereNotNull('language').update({ menu_language: knex.ref('language') });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('residents', (t) => {
    t.dropColumn('menu_language');
  });
}
