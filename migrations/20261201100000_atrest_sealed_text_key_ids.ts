import type { Knex } from 'knex';

/**
 * Encryption at rest of free text (platform/crypto/sealed-text.ts): beside each sealed column, the id
 * of the key its value was sealed with; NULL marks a value still in clear text, which
 * `npm run reencrypt` seals. The values themselves stay in their columns.
 */
const SEALED: [table: string, column: string][] = [
  ['messages', 'text'],
  ['consultations', 'summary'],
  ['handover_summaries', 'text'],
  ['consultation_notes', 'text'],
  ['risk_reviews', 'note'],
  ['referrals', 'reason'],
  ['referrals', 'decline_reason'],
  ['referrals', 'outcome'],
];

export async function up(knex: Knex): Promise<void> {
  for (const [table, column] of SEALED) {
    await knex.schema.alterTable(table, (t) => {
      t.text(`${column}_key_id`);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const [table, column] of SEALED) {
    await knex.schema.alterTable(table, (t) => {
      t.dropColumn(`${column}_key_id`);
    });
  }
}
