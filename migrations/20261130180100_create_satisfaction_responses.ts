import type { Knex } from 'knex';

/**
 * Answers to the closing question 「相談してよかったですか」 (5 steps and an optional free text), one
 * row per consultation it was asked in. The question is optional and never a gate: `score` stays
 * null when the resident skipped it or did not answer. The free text is the resident's own words, so
 * it is never reported (the report counts scores only) and it goes with the resident on erasure.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('satisfaction_responses', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    t.uuid('resident_id').notNullable().references('residents.id').onDelete('CASCADE');
    t.timestamp('asked_at', { useTz: true }).notNullable();
    // 1 (よくなかった) … 5 (とてもよかった).
    t.smallint('score');
    t.text('comment');
    t.timestamp('answered_at', { useTz: true });
    t.timestamp('skipped_at', { useTz: true });
    // Asked once per consultation: a retried activity finds the row instead of asking twice.
    t.unique(['consultation_id']);
    t.index(['asked_at']);
  });
  await knex.raw('ALTER TABLE satisfaction_responses ADD CONSTRAINT satisfaction_responses_score_check CHECK (score BETWEEN 1 AND 5)');
  // An answer has its time, a skip has its time, and never both.
  await knex.raw('ALTER TABLE satisfaction_responses ADD CONSTRAINT satisfaction_responses_answer_check CHECK ((score IS NULL OR answered_at IS NOT NULL) AND NOT (answered_at IS NOT NULL AND skipped_at IS NOT NULL))');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('satisfaction_responses');
}
