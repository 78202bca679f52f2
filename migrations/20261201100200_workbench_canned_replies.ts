import type { Knex } from 'knex';

/**
 * Canned replies (定型文) that supervisors keep and staff insert into a reply. `language` is the
 * language of the text (the queue detects the resident's); placeholders are filled on use.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('canned_replies', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('title').notNullable();
    t.text('text').notNullable();
    t.text('language').notNullable().defaultTo('ja');
    t.uuid('updated_by').references('staff_users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('canned_replies');
}
