import type { Knex } from 'knex';

/**
 * Indexes for the officials' report (api/reports/report-queries.ts), measured with
 * bench/report-bench.ts on a year at the source documents' scale × 10 (docs/benchmarks.md).
 */
export async function up(knex: Knex): Promise<void> {
  // Answers to a nudge (accepted, declined, reserved) take the trigger of the latest offer before them
  // in the same consultation: without this, each answer scans every nudge event (seconds at × 10).
  await knex.raw('CREATE INDEX nudge_events_consultation_created ON nudge_events (consultation_id, created_at)');
  // Registrations and blocks are a few thousand rows among every inbound event the inbox keeps;
  // partial, so message events do not pay for it.
  await knex.raw("CREATE INDEX webhook_inbox_follows ON webhook_inbox (event_timestamp) INCLUDE (event_type) WHERE event_type IN ('follow', 'unfollow')");
  // Inbound messages by time, with what the report reads of them: who consulted (distinct residents
  // who wrote a text, and their intake) and when residents write (hour of day, in or out of business
  // hours) become index-only scans of the inbound half of the table instead of reading every message
  // row with its text. Outbound messages are not indexed so: their delivery status changes after the
  // insert, and one sequential pass a report is cheaper than a wider index on every send.
  await knex.raw("CREATE INDEX messages_inbound ON messages (created_at) INCLUDE (kind, resident_id) WHERE direction = 'in'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX messages_inbound');
  await knex.raw('DROP INDEX webhook_inbox_follows');
  await knex.raw('DROP INDEX nudge_events_consultation_created');
}
