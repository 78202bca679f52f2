import type { Knex } from 'knex';

/**
 * The report's daily rollups (api/reports/report-rollups.ts): what the officials' report reads for
 * Tokyo days that closed at least a day ago, instead of scanning every message of the year again.
 *
 * - `report_days`: the days rolled up. Deleting a row drops that day's rollups (cascade).
 * - `report_day_messages`: messages per day and per what they are (the report's messages pass).
 * - `report_quarter_inbound`: messages residents wrote, per Tokyo quarter hour (the hour-of-day
 *   pattern and the in-hours split; any opening time on a quarter hour can be applied later).
 * - `report_day_consulters`: who wrote a text on each day (distinct counts over any period).
 * - `report_day_nudges`: nudge events per day, trigger and event (an answer under its offer's trigger).
 *
 * A rollup is derived from the rows and never stale: a trigger drops the day of any message or nudge
 * event inserted, changed or deleted once its day may have been rolled up (older than a day), and the
 * next report rolls that day up again. An offer changes how its consultation's later answers count, so
 * a nudge event drops the days up to its consultation's last event. The shared advisory lock it takes makes a roll-up in progress wait for such a
 * change to commit, and the change wait for the roll-up, so neither misses the other.
 */
export const REPORT_ROLLUP_LOCK = 7_140_017;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('report_days', (t) => {
    t.date('day').primary();
    t.timestamp('rolled_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('report_day_messages', (t) => {
    t.date('day').notNullable().references('report_days.day').onDelete('CASCADE');
    t.text('direction').notNullable();
    t.text('sender').notNullable();
    t.text('delivery');
    t.text('delivery_status').notNullable();
    t.text('answered_by');
    t.boolean('not_written').notNullable();
    t.bigInteger('count').notNullable();
    t.bigInteger('prompt_tokens').notNullable();
    t.bigInteger('completion_tokens').notNullable();
    t.index(['day']);
  });
  await knex.schema.createTable('report_quarter_inbound', (t) => {
    t.date('day').notNullable().references('report_days.day').onDelete('CASCADE');
    /** 0 … 95: the quarter hour of the Tokyo day. */
    t.smallint('quarter').notNullable();
    t.bigInteger('count').notNullable();
    t.primary(['day', 'quarter']);
  });
  await knex.schema.createTable('report_day_consulters', (t) => {
    t.date('day').notNullable().references('report_days.day').onDelete('CASCADE');
    t.uuid('resident_id').notNullable();
    t.primary(['day', 'resident_id']);
  });
  await knex.schema.createTable('report_day_nudges', (t) => {
    t.date('day').notNullable().references('report_days.day').onDelete('CASCADE');
    t.text('trigger');
    t.text('event').notNullable();
    t.bigInteger('count').notNullable();
    t.index(['day']);
  });

  // The Tokyo date of an instant, by epoch arithmetic at UTC+9 (Japan has no daylight saving time).
  await knex.raw(`
    CREATE FUNCTION report_tokyo_day(at timestamptz) RETURNS date
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT date '1970-01-01' + floor((extract(epoch FROM at) + 32400) / 86400)::int $$`);
  await knex.raw(`
    CREATE FUNCTION report_day_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${REPORT_ROLLUP_LOCK});
      IF TG_OP <> 'INSERT' THEN
        DELETE FROM report_days WHERE day = report_tokyo_day(OLD.created_at);
      END IF;
      IF TG_OP <> 'DELETE' THEN
        DELETE FROM report_days WHERE day = report_tokyo_day(NEW.created_at);
      END IF;
      RETURN NULL;
    END $$`);
  await knex.raw(`
    CREATE FUNCTION report_nudge_day_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed nudge_events;
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${REPORT_ROLLUP_LOCK});
      FOREACH changed IN ARRAY CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW] WHEN 'DELETE' THEN ARRAY[OLD] ELSE ARRAY[OLD, NEW] END LOOP
        DELETE FROM report_days
         WHERE day >= report_tokyo_day(changed.created_at)
           AND day <= greatest(report_tokyo_day(changed.created_at),
                               (SELECT report_tokyo_day(max(created_at)) FROM nudge_events WHERE consultation_id = changed.consultation_id));
      END LOOP;
      RETURN NULL;
    END $$`);
  // Only rows a rollup may hold fire it: a day is rolled up once it ended a day ago, so every row of
  // a rolled-up day is older than a day. Updates fire only when a column the rollups read changes
  // (sending updates delivery columns seconds after the insert; retention and erasure clear texts).
  const old = "OLD.created_at < now() - interval '1 day'";
  const fresh = "NEW.created_at < now() - interval '1 day'";
  const read = ['created_at', 'direction', 'sender', 'kind', 'delivery', 'delivery_status', 'answered_by', 'prompt_tokens', 'completion_tokens', 'resident_id'];
  const changed = `(${read.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM (${read.map((c) => `NEW.${c}`).join(', ')})`;
  await knex.raw(`CREATE TRIGGER messages_report_day_insert AFTER INSERT ON messages FOR EACH ROW WHEN (${fresh}) EXECUTE FUNCTION report_day_changed()`);
  await knex.raw(`CREATE TRIGGER messages_report_day_update AFTER UPDATE ON messages FOR EACH ROW WHEN ((${old} OR ${fresh}) AND ${changed}) EXECUTE FUNCTION report_day_changed()`);
  await knex.raw(`CREATE TRIGGER messages_report_day_delete AFTER DELETE ON messages FOR EACH ROW WHEN (${old}) EXECUTE FUNCTION report_day_changed()`);
  const nudgeRead = ['created_at', 'consultation_id', 'event', 'trigger'];
  const nudgeChanged = `(${nudgeRead.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM (${nudgeRead.map((c) => `NEW.${c}`).join(', ')})`;
  await knex.raw(`CREATE TRIGGER nudge_events_report_day_insert AFTER INSERT ON nudge_events FOR EACH ROW WHEN (${fresh}) EXECUTE FUNCTION report_nudge_day_changed()`);
  await knex.raw(`CREATE TRIGGER nudge_events_report_day_update AFTER UPDATE ON nudge_events FOR EACH ROW WHEN ((${old} OR ${fresh}) AND ${nudgeChanged}) EXECUTE FUNCTION report_nudge_day_changed()`);
  await knex.raw(`CREATE TRIGGER nudge_events_report_day_delete AFTER DELETE ON nudge_events FOR EACH ROW WHEN (${old}) EXECUTE FUNCTION report_nudge_day_changed()`);
}

export async function down(knex: Knex): Promise<void> {
  for (const op of ['insert', 'update', 'delete']) {
    await knex.raw(`DROP TRIGGER messages_report_day_${op} ON messages`);
    await knex.raw(`DROP TRIGGER nudge_events_report_day_${op} ON nudge_events`);
  }
  await knex.raw('DROP FUNCTION report_day_changed()');
  await knex.raw('DROP FUNCTION report_nudge_day_changed()');
  await knex.raw('DROP FUNCTION report_tokyo_day(timestamptz)');
  for (const table of ['report_day_nudges', 'report_day_consulters', 'report_quarter_inbound', 'report_day_messages', 'report_days']) await knex.schema.dropTable(table);
}
