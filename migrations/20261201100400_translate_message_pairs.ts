import type { Knex } from 'knex';

/**
 * Machine translation for staff (api/consultations/translation.ts): beside a message, its other-language
 * counterpart, sealed at rest like the message text. `paired_role` says which way it goes:
 * `translation` — the Japanese machine translation of what a resident wrote (cached for staff);
 * `original` — what staff wrote in Japanese, when the resident received its machine translation in `text`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.text('paired_text');
    t.text('paired_text_key_id');
    t.string('paired_language', 35);
    t.string('paired_role', 12);
  });
  await knex.raw("ALTER TABLE messages ADD CONSTRAINT messages_paired_role_check CHECK (paired_role IN ('translation', 'original'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE messages DROP CONSTRAINT messages_paired_role_check');
  await knex.schema.alterTable('messages', (t) => {
    t.dropColumn('paired_text');
    t.dropColumn('paired_text_key_id');
    t.dropColumn('paired_language');
    t.dropColumn('paired_role');
  });
}
