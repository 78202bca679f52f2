import type { Knex } from 'knex';

/**
 * Every risk assessment (level, categories, which layer decided), crisis alerts to staff and on-call
 * with their acknowledgement, and the human review a case needs once it reached `high`.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('risk_assessments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    // The resident messages assessed together (one burst).
    t.specificType('message_ids', 'uuid[]').notNullable();
    t.text('level').notNullable();
    t.specificType('categories', 'text[]').notNullable().defaultTo('{}');
    t.text('decided_by').notNullable();
    t.text('rules_level').notNullable();
    t.text('model_level');
    t.specificType('matched_rules', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['consultation_id', 'created_at']);
  });
  await knex.raw("ALTER TABLE risk_assessments ADD CONSTRAINT risk_assessments_decided_by_check CHECK (decided_by IN ('rules','model'))");

  await knex.schema.createTable('alerts', (t) => {
    t.uuid('id').primary();
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('level');
    t.specificType('categories', 'text[]').notNullable().defaultTo('{}');
    // `dashboard` during business hours, `on-call` outside them (mail and/or webhook).
    t.text('channel').notNullable();
    t.timestamp('notified_at', { useTz: true });
    t.text('delivery_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('acknowledged_at', { useTz: true });
    t.uuid('acknowledged_by').references('staff_users.id').onDelete('SET NULL');
    t.timestamp('escalated_at', { useTz: true });
    t.index(['acknowledged_at', 'created_at']);
  });
  await knex.raw("ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('crisis','unclaimed'))");

  await knex.schema.createTable('risk_reviews', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    t.uuid('staff_id').references('staff_users.id').onDelete('SET NULL');
    t.text('note').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.alterTable('consultations', (t) => {
    t.boolean('urgent').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultations', (t) => {
    t.dropColumn('urgent');
  });
  await knex.schema.dropTable('risk_reviews');
  await knex.schema.dropTable('alerts');
  await knex.schema.dropTable('risk_assessments');
}
