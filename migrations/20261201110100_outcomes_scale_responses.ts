import type { Knex } from 'knex';

/**
 * The short outcome scales (workflows/outcomes/scales.ts): UCLA-3 loneliness and K6 distress, one row
 * per resident, scale and occasion (at intake, and at the consented follow-up). `answers` holds item id
 * → score as answered; `total` is set once every item is answered (a skipped scale has none: a skip is
 * not a low score). Goes with the resident on erasure.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('scale_responses', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('resident_id').notNullable().references('residents.id').onDelete('CASCADE');
    t.uuid('consultation_id').references('consultations.id').onDelete('SET NULL');
    t.text('scale').notNullable();
    t.text('occasion').notNullable();
    t.jsonb('answers').notNullable().defaultTo('{}');
    t.smallint('total');
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true });
    t.timestamp('skipped_at', { useTz: true });
    // Asked once per occasion: a retried activity finds the row instead of starting a second one.
    t.unique(['resident_id', 'scale', 'occasion']);
    t.index(['completed_at']);
  });
  await knex.raw("ALTER TABLE scale_responses ADD CONSTRAINT scale_responses_scale_check CHECK (scale IN ('ucla3', 'k6'))");
  await knex.raw("ALTER TABLE scale_responses ADD CONSTRAINT scale_responses_occasion_check CHECK (occasion IN ('intake', 'follow-up'))");
  await knex.raw(
    "ALTER TABLE scale_responses ADD CONSTRAINT scale_responses_total_check CHECK ((scale = 'ucla3' AND (total IS NULL OR total BETWEEN 3 AND 9)) OR (scale = 'k6' AND (total IS NULL OR total BETWEEN 0 AND 24)))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('scale_responses');
}
