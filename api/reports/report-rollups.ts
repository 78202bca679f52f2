/**
 * Daily rollups for the officials' report (tables in migration 20261201120000_report_day_rollups).
 *
 * A report over a year scanned every message of the year (4.5 million rows at the source documents'
 * scale × 100). Days that closed at least a day ago are rolled up once instead: the report reads a few
 * rows per day for them and scans only the days since. Days are rolled up when the API starts (in the
 * background) and by the first report that needs them; a message changed later drops its day's
 * rollup (the trigger in the migration), so figures never go stale. (A report read at the very moment
 * such a change commits misses that day's figures; the next one has them.)
 */
import type { Db } from '../../platform/db';
import { REPORT_ROLLUP_LOCK } from '../../migrations/20261201120000_report_day_rollups';
import { MAX_PERIOD_DAYS } from './report-model';
import { NOT_WRITTEN_KINDS, NUDGES_WITH_TRIGGER, REPORT_WORK_MEM } from './report-queries';

/** What rolling up did: the days it added (0 when all were there) and the last day the rollups cover. */
export interface RollupResult {
  rolledDays: number;
  /** The last Tokyo date (YYYY-MM-DD) of the range asked for that the rollups now cover; null: none. */
  rolledThrough: string | null;
}

const NOT_WRITTEN_SQL = NOT_WRITTEN_KINDS.map((k) => `'${k}'`).join(', ');

/**
 * Rolls up every closed day from `from` through `to` (Tokyo dates) that is not rolled up yet. Closed:
 * the day ended a day ago by the database's clock, so sends still being retried have settled. One
 * roll-up at a time (advisory lock); a second caller waits and then finds the days done, and the
 * trigger of a late change waits for the roll-up to commit (and the roll-up for the change).
 */
export async function ensureReportRollups(db: Db, from: string, to: string): Promise<RollupResult> {
  // Usually every closed day is there already: then no lock is taken, and reports never wait on each other.
  const { last, ranges } = await missingDays(db, from, to);
  if (last === null) return { rolledDays: 0, rolledThrough: null };
  if (ranges.length === 0) return { rolledDays: 0, rolledThrough: last };
  return db.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [REPORT_ROLLUP_LOCK]);
    // A year at scale holds a few hundred thousand resident-days: sort them in memory, not on disk.
    await trx.raw(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
    // Again under the lock: another caller may have rolled some of them up meanwhile.
    const locked = await missingDays(trx, from, to);
    let rolledDays = 0;
    for (const range of locked.ranges) {
      await rollUpRange(trx, range.first, range.last);
      rolledDays += range.days;
    }
    return { rolledDays, rolledThrough: locked.last };
  });
}

/**
 * The last closed day from `from` through `to` (null: none is closed yet) and the days up to it not
 * rolled up, as contiguous ranges: each range is one pass over its messages.
 */
async function missingDays(db: Db, from: string, to: string): Promise<{ last: string | null; ranges: { first: string; last: string; days: number }[] }> {
  const { rows: bounds } = await db.raw(`SELECT to_char(least(?::date, report_tokyo_day(now()) - 2), 'YYYY-MM-DD') AS last`, [to]);
  const last = bounds[0].last as string;
  if (last < from) return { last: null, ranges: [] };
  const { rows } = await db.raw(
    `SELECT to_char(min(day), 'YYYY-MM-DD') AS first, to_char(max(day), 'YYYY-MM-DD') AS last, count(*) AS days
       FROM (SELECT d::date AS day, d::date - (row_number() OVER (ORDER BY d))::int AS run
               FROM generate_series(?::date, ?::date, interval '1 day') d
              WHERE NOT EXISTS (SELECT 1 FROM report_days r WHERE r.day = d::date)) missing
      GROUP BY run`,
    [from, last],
  );
  return { last, ranges: (rows as { first: string; last: string; days: string }[]).map((r) => ({ first: r.first, last: r.last, days: Number(r.days) })) };
}

/** Tokyo dates first … last (inclusive), as the instants that bound them. */
function instants(first: string, last: string): [Date, Date] {
  const start = Date.parse(`${first}T00:00:00+09:00`);
  const end = Date.parse(`${last}T00:00:00+09:00`) + 86_400_000;
  return [new Date(start), new Date(end)];
}

async function rollUpRange(trx: Db, first: string, last: string): Promise<void> {
  const [start, end] = instants(first, last);
  await trx.raw(`INSERT INTO report_days (day) SELECT d::date FROM generate_series(?::date, ?::date, interval '1 day') d`, [first, last]);
  await trx.raw(
    `INSERT INTO report_day_messages (day, direction, sender, delivery, delivery_status, answered_by, not_written, count, prompt_tokens, completion_tokens)
     SELECT report_tokyo_day(created_at), direction, sender, delivery, delivery_status, answered_by, kind IN (${NOT_WRITTEN_SQL}),
            count(*), coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0)
       FROM messages
      WHERE created_at >= ? AND created_at < ?
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    [start, end],
  );
  // Index-only scans of messages_inbound (migration 20261123000010).
  await trx.raw(
    `INSERT INTO report_quarter_inbound (day, quarter, count)
     SELECT report_tokyo_day(created_at), floor(((extract(epoch FROM created_at) + 32400) % 86400) / 900)::smallint, count(*)
       FROM messages
      WHERE direction = 'in' AND kind NOT IN (${NOT_WRITTEN_SQL}) AND created_at >= ? AND created_at < ?
      GROUP BY 1, 2`,
    [start, end],
  );
  await trx.raw(
    `INSERT INTO report_day_nudges (day, trigger, event, count)
     SELECT report_tokyo_day(n.created_at), coalesce(n.trigger, o.trigger), n.event, count(*)
       FROM ${NUDGES_WITH_TRIGGER}
      WHERE n.created_at >= ? AND n.created_at < ?
      GROUP BY 1, 2, 3`,
    [start, end],
  );
  await trx.raw(
    `INSERT INTO report_day_consulters (day, resident_id)
     SELECT DISTINCT report_tokyo_day(created_at), resident_id
       FROM messages
      WHERE direction = 'in' AND kind = 'text' AND created_at >= ? AND created_at < ?`,
    [start, end],
  );
}

/**
 * Rolls up every closed day a report may ask for (the longest period, back from today), so that the
 * first report after a deployment is as fast as the rest. Run in the background when the API starts;
 * with several API instances, the advisory lock lets one do the work and the others find it done.
 */
export async function rollUpReportableDays(db: Db, today = new Date()): Promise<RollupResult> {
  const tokyo = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
  return ensureReportRollups(db, tokyo(today.getTime() - MAX_PERIOD_DAYS * 86_400_000), tokyo(today.getTime()));
}
