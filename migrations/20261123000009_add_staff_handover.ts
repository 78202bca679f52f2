import type { Knex } from 'knex';

/**
 * The human side of a consultation: the queue (who asked for a person, when, why), the staff member
 * it was offered to and who has it, the hand-over summary, staff availability, notes, and every nudge
 * offered and answered (the nudge figures in reports).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultations', (t) => {
    t.timestamp('waiting_since', { useTz: true });
    t.text('request_reason');
    // Outside business hours: when the case joins the queue (the next opening).
    t.timestamp('reserved_for', { useTz: true });
    t.uuid('offered_to_staff_id').references('staff_users.id').onDelete('SET NULL');
    t.timestamp('first_staff_reply_at', { useTz: true });
    t.text('summary');
    t.index(['status', 'waiting_since']);
  });
  await knex.raw(
    "ALTER TABLE consultations ADD CONSTRAINT consultations_request_reason_check CHECK (request_reason IS NULL OR request_reason IN ('menu','nudge','risk','reservation'))",
  );
  await knex.schema.alterTable('staff_users', (t) => {
    t.boolean('available').notNullable().defaultTo(false);
  });
  await knex.schema.createTable('consultation_notes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    t.uuid('staff_id').references('staff_users.id').onDelete('SET NULL');
    t.text('text').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['consultation_id', 'created_at']);
  });
  await knex.schema.createTable('nudge_events', (t) => {
    t.uuid('id').primary();
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('trigger');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['created_at']);
  });
  await knex.raw("ALTER TABLE nudge_events ADD CONSTRAINT nudge_events_event_check CHECK (event IN ('offered','accepted','declined','reserved'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('nudge_events');
  await knex.schema.dropTable('consultation_notes');
  await knex.schema.alterTable('staff_users', (t) => {
    t.dropColumn('available');
  });
  await knex.raw('ALTER TABLE consultations DROP CONSTRAINT consultations_request_reason_check');
  await knex.schema.alterTable('consultations', (t) => {
    t.dropIndex(['status', 'waiting_since']);
    t.dropColumn('summary');
    t.dropColumn('first_staff_reply_at');
    t.dropColumn('offered_to_staff_id');
    t.dropColumn('reserved_for');
    t.dropColumn('request_reason');
    t.dropColumn('waiting_since');
  });
}
