import type { Knex } from 'knex';

/**
 * What residents send besides text (images, files, video, audio), fetched from LINE's content API and
 * kept sealed with the at-rest cipher (`content`, AES-256-GCM bound to `message_media.content:<id>`;
 * `content_key_id` names the key). One row per inbound message; `status` says why there are no bytes
 * (too large, a content type we do not keep, LINE refused) so staff see more than a gap. Retention and
 * erase clear `content` and keep the row, like message text.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('message_media', (t) => {
    t.uuid('id').primary();
    t.uuid('message_id').notNullable().unique().references('messages.id').onDelete('CASCADE');
    t.uuid('consultation_id').notNullable().references('consultations.id').onDelete('CASCADE');
    t.uuid('resident_id').notNullable();
    t.text('status').notNullable();
    t.text('content_type');
    t.integer('byte_size');
    t.binary('content');
    t.text('content_key_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('cleared_at', { useTz: true });
    t.index(['consultation_id']);
    t.index(['resident_id']);
  });
  await knex.raw("ALTER TABLE message_media ADD CONSTRAINT message_media_status CHECK (status IN ('stored', 'too_large', 'unsupported', 'failed'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('message_media');
}
