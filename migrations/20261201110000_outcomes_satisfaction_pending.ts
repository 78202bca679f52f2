import type { Knex } from 'knex';

/**
 * Every text a resident writes marks their pending closing question (asked, neither answered nor
 * skipped) as skipped: this partial index keeps that lookup on the message path to the few open rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX satisfaction_responses_pending_idx ON satisfaction_responses (resident_id) WHERE answered_at IS NULL AND skipped_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX satisfaction_responses_pending_idx');
}
