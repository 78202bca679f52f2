import type { Knex } from 'knex';

/**
 * LINE events are stored here in the request that acknowledges them, then relayed to Temporal.
 * The primary key on webhookEventId makes a LINE redelivery or a repeated POST a no-op.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_inbox', (t) => {
    t.text('webhook_event_id').primary();
    t.text('event_type').notNullable();
    t.jsonb('event').notNullable();
    t.bigInteger('event_timestamp').notNullable();
    t.boolean('is_redelivery').notNullable().defaultTo(false);
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    // Back-off while Temporal is unreachable: the relay skips the row until then.
    t.timestamp('next_attempt_at', { useTz: true });
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('relayed_at', { useTz: true });
  });
  await knex.raw("ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_status_check CHECK (status IN ('pending','relayed','ignored'))");
  await knex.raw("CREATE INDEX webhook_inbox_pending ON webhook_inbox (event_timestamp) WHERE status = 'pending'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_inbox');
}
