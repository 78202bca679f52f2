import type { Knex } from 'knex';

/** Every inbound and outbound message, with how it was delivered (reply is free, push is counted). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('messages', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('consultation_id').references('consultations.id').onDelete('CASCADE');
    t.uuid('resident_id').notNullable().references('residents.id').onDelete('CASCADE');
    t.text('direction').notNullable();
    t.text('sender').notNullable();
    t.text('kind').notNullable().defaultTo('text');
    t.text('text');
    t.jsonb('payload').notNullable().defaultTo('{}');
    // Inbound: the LINE webhook event it came from. Outbound: a caller-chosen key that makes sends idempotent.
    t.text('webhook_event_id').unique();
    t.text('send_key').unique();
    t.text('delivery');
    t.text('delivery_status').notNullable().defaultTo('none');
    t.text('retry_key');
    t.text('line_request_id');
    t.text('answered_by');
    t.text('error');
    t.uuid('staff_id').references('staff_users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
    t.index(['consultation_id', 'created_at']);
    t.index(['created_at']);
  });
  await knex.raw("ALTER TABLE messages ADD CONSTRAINT messages_direction_check CHECK (direction IN ('in','out'))");
  await knex.raw("ALTER TABLE messages ADD CONSTRAINT messages_sender_check CHECK (sender IN ('resident','ai','staff','system'))");
  await knex.raw("ALTER TABLE messages ADD CONSTRAINT messages_delivery_check CHECK (delivery IS NULL OR delivery IN ('reply','push'))");
  await knex.raw(
    "ALTER TABLE messages ADD CONSTRAINT messages_delivery_status_check CHECK (delivery_status IN ('none','pending','sent','failed','suppressed'))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('messages');
}
