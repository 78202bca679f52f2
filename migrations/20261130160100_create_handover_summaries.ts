import type { Knex } from 'knex';

/**
 * The hand-over summary as a staff member edited and saved it. The generated one is built on
 * reading from what the resident said (api/handover/), so only edits are stored.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('handover_summaries', (t) => {
    t.uuid('consultation_id').primary().references('consultations.id').onDelete('CASCADE');
    t.text('text').notNullable();
    t.uuid('staff_id').references('staff_users.id').onDelete('SET NULL');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('handover_summaries');
}
