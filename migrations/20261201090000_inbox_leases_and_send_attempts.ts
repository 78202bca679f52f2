import type { Knex } from 'knex';

/**
 * The message path under faults (issue 15):
 * - webhook_inbox: a lease (`locked_until`, `claimed_by`) so relays claim rows in a short transaction
 *   and call Temporal outside it; `resident_key` so a resident's later events wait while an earlier
 *   one is pending, whichever relay looks; a `dead` state for events that exhausted their attempts.
 * - alerts: a `dead_letter` kind, naming the inbox event; it may have no consultation yet.
 * - messages: the reply attempt is recorded before LINE is called, so a retry decides reply or push
 *   from what happened, not from the clock.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('webhook_inbox', (t) => {
    t.timestamp('locked_until', { useTz: true });
    t.text('claimed_by');
    t.timestamp('dead_at', { useTz: true });
  });
  // Events without a user (group events, the console's verify) are their own key, so they never wait.
  await knex.raw("ALTER TABLE webhook_inbox ADD COLUMN resident_key text GENERATED ALWAYS AS (coalesce(event->'source'->>'userId', webhook_event_id)) STORED");
  await knex.raw('ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_status_check');
  await knex.raw("ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_status_check CHECK (status IN ('pending','relayed','ignored','dead'))");
  // The claim's "no earlier pending event of this resident" probe.
  await knex.raw("CREATE INDEX webhook_inbox_pending_by_resident ON webhook_inbox (resident_key, event_timestamp, webhook_event_id) WHERE status = 'pending'");
  await knex.raw("CREATE INDEX webhook_inbox_dead ON webhook_inbox (dead_at) WHERE status = 'dead'");

  await knex.schema.alterTable('alerts', (t) => {
    t.text('webhook_event_id');
  });
  await knex.raw('ALTER TABLE alerts ALTER COLUMN consultation_id DROP NOT NULL');
  await knex.raw('ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check');
  await knex.raw("ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('crisis','unclaimed','referral_overdue','dead_letter'))");

  await knex.schema.alterTable('messages', (t) => {
    // `attempting`: a reply went to LINE and its answer is not known (the worker may have died);
    // `refused`: LINE answered with an error, so the token was not spent by us.
    t.text('reply_state');
    t.timestamp('reply_attempted_at', { useTz: true });
  });
  await knex.raw("ALTER TABLE messages ADD CONSTRAINT messages_reply_state_check CHECK (reply_state IS NULL OR reply_state IN ('attempting','refused'))");
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE messages DROP CONSTRAINT messages_reply_state_check');
  await knex.schema.alterTable('messages', (t) => {
    t.dropColumn('reply_state');
    t.dropColumn('reply_attempted_at');
  });
  await knex('alerts').where({ kind: 'dead_letter' }).delete();
  await knex.raw('ALTER TABLE alerts DROP CONSTRAINT alerts_kind_check');
  await knex.raw("ALTER TABLE alerts ADD CONSTRAINT alerts_kind_check CHECK (kind IN ('crisis','unclaimed','referral_overdue'))");
  await knex.raw('ALTER TABLE alerts ALTER COLUMN consultation_id SET NOT NULL');
  await knex.schema.alterTable('alerts', (t) => {
    t.dropColumn('webhook_event_id');
  });
  // A dead event goes back to pending: the relay tries it again.
  await knex('webhook_inbox').where({ status: 'dead' }).update({ status: 'pending', attempts: 0 });
  await knex.raw('DROP INDEX webhook_inbox_dead');
  await knex.raw('DROP INDEX webhook_inbox_pending_by_resident');
  await knex.raw('ALTER TABLE webhook_inbox DROP CONSTRAINT webhook_inbox_status_check');
  await knex.raw("ALTER TABLE webhook_inbox ADD CONSTRAINT webhook_inbox_status_check CHECK (status IN ('pending','relayed','ignored'))");
  await knex.schema.alterTable('webhook_inbox', (t) => {
    t.dropColumn('resident_key');
    t.dropColumn('locked_until');
    t.dropColumn('claimed_by');
    t.dropColumn('dead_at');
  });
}
