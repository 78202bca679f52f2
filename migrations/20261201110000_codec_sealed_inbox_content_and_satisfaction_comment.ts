import type { Knex } from 'knex';

/**
 * Two more columns under the at-rest cipher (platform/crypto/sealed-text.ts):
 * - webhook_inbox.content: what a resident sent (message, postback, …) until the relay hands it to
 *   Temporal; `event` keeps only the envelope the relay orders and de-duplicates by (type, source,
 *   timestamp, ids). Rows stored before this migration keep their content inside `event`, in clear,
 *   and the relay reads them as before.
 * - satisfaction_responses.comment: the resident's own words after a consultation.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('webhook_inbox', (t) => {
    t.text('content');
    t.text('content_key_id');
  });
  await knex.schema.alterTable('satisfaction_responses', (t) => {
    t.text('comment_key_id');
  });
}

export async function down(knex: Knex): Promise<void> {
  // Without the keys a migration cannot put sealed content back into `event`: drain the relay first.
  const [{ n }] = await knex('webhook_inbox').whereNotNull('content').count<{ n: string }[]>('* as n');
  if (Number(n) > 0) throw new Error(`${n} inbox event(s) still hold sealed content; let the relay deliver them before migrating down.`);
  await knex.schema.alterTable('satisfaction_responses', (t) => {
    t.dropColumn('comment_key_id');
  });
  await knex.schema.alterTable('webhook_inbox', (t) => {
    t.dropColumn('content');
    t.dropColumn('content_key_id');
  });
}
