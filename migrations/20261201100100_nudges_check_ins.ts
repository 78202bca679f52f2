import type { Knex } from 'knex';

/**
 * Caring check-ins. `check_in_consents`: one row per resident, written when the one-time question is
 * sent (`asked`) and updated by the answer; it keeps the purpose and version the resident answered,
 * and a "no" or a withdrawal is never asked again. `check_ins`: each check-in sent, and whether the
 * resident answered it and chose a person or the AI (the report's figures). Both go with the resident
 * on erasure.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('check_in_consents', (t) => {
    t.uuid('resident_id').primary().references('residents.id').onDelete('CASCADE');
    t.text('status').notNullable();
    t.text('purpose').notNullable();
    t.text('version').notNullable();
    t.timestamp('asked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('decided_at', { useTz: true });
    t.timestamp('withdrawn_at', { useTz: true });
  });
  await knex.raw("ALTER TABLE check_in_consents ADD CONSTRAINT check_in_consents_status_check CHECK (status IN ('asked','given','declined','withdrawn'))");
  await knex.schema.createTable('check_ins', (t) => {
    t.uuid('id').primary();
    t.uuid('resident_id').notNullable().references('residents.id').onDelete('CASCADE');
    t.timestamp('sent_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('answered_at', { useTz: true });
    t.text('answer');
    t.index(['resident_id', 'sent_at']);
    t.index(['sent_at']);
  });
  await knex.raw("ALTER TABLE check_ins ADD CONSTRAINT check_ins_answer_check CHECK (answer IN ('person','ai') AND answered_at IS NOT NULL OR answer IS NULL AND answered_at IS NULL)");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('check_ins');
  await knex.schema.dropTable('check_in_consents');
}
