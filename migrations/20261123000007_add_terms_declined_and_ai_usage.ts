import type { Knex } from 'knex';

/** Terms refusals are recorded (reports count them); AI replies keep their token usage for the cost report. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('residents', (t) => {
    t.timestamp('terms_declined_at', { useTz: true });
  });
  await knex.schema.alterTable('messages', (t) => {
    t.integer('prompt_tokens');
    t.integer('completion_tokens');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.dropColumn('prompt_tokens');
    t.dropColumn('completion_tokens');
  });
  await knex.schema.alterTable('residents', (t) => {
    t.dropColumn('terms_declined_at');
  });
}
