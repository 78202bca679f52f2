import type { Knex } from 'knex';

/** Round trips API → Temporal → worker activity → Postgres, started by operators to prove the stack works. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('system_checks', (t) => {
    t.text('id').primary();
    t.text('workflow_id').notNullable();
    t.text('worker_identity').notNullable();
    t.timestamp('checked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('system_checks');
}
