import type { Knex } from 'knex';

/**
 * Follow-up tasks on a case (「3日後に様子を聞く」): due on a Tokyo calendar day, open until a staff
 * member completes them. They feed the 今日の予定 list.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('follow_up_tasks', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    t.text('title').notNullable();
    t.date('due_on').notNullable();
    t.uuid('created_by').references('staff_users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true });
    t.uuid('completed_by').references('staff_users.id').onDelete('SET NULL');
    t.index(['consultation_id']);
  });
  // 今日の予定 reads the open tasks by due day.
  await knex.raw('CREATE INDEX follow_up_tasks_open_due ON follow_up_tasks (due_on) WHERE completed_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('follow_up_tasks');
}
