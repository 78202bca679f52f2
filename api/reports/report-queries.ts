/**
 * The report's data access: every figure is aggregated in PostgreSQL, so a year of messages never
 * crosses the wire. What comes back is a handful of rows per month (or per Tokyo date and hour for the
 * hour-of-day pattern), plus one small row per consultation in which a person was asked for — the
 * business-hours arithmetic needs the holiday calendar, which lives in TypeScript, and those rows are
 * a fraction of the consultations (no message is read for them).
 *
 * Time zone: every bucket is an Asia/Tokyo month, date or hour, whatever the server's TimeZone
 * setting is. Months are `width_bucket` over the instants at which the period's Tokyo months begin
 * (computed here, so no row pays for a time-zone conversion: `to_char(created_at AT TIME ZONE …)`
 * made Postgres sort the whole year on disk and took twice as long). Hours are epoch arithmetic at
 * UTC+9, as in workflows/calendar/business-calendar.ts: Japan has had no daylight saving time since
 * 1951. Bindings are positional (`?`): knex's named bindings and Postgres casts (`::`)
 * do not mix, and no JSONB `?` operator is used here for the same reason. Lists are not bound: knex
 * passes an array binding to pg as one array value, so `kind IN (?)` would compare with '{a,b}'.
 *
 * Rollups: when the period says through which day the daily rollups cover it (`rolledThrough`, set by
 * report-service.ts after api/reports/report-rollups.ts rolled up the closed days), the message
 * figures read those days from the rollup tables and scan messages only for the days after.
 */
import type { Db } from '../../platform/db';

/** A report period: Tokyo dates, both ends included, and the instants that bound it (end exclusive). */
export interface ReportPeriod {
  from: string;
  to: string;
  startMs: number;
  endMs: number;
  /** 'YYYY-MM' of every Tokyo month the period touches, in order. */
  months: string[];
  /** The days from `from` through this Tokyo date are read from the daily rollups; absent: none are. */
  rolledThrough?: string | null;
}

/** Inbound kinds that are not something the resident wrote or sent (buttons, follow and block events). */
export const NOT_WRITTEN_KINDS = ['follow', 'unfollow', 'postback'] as const;
/** The same list as SQL (constants of this module, never input). */
const NOT_WRITTEN_SQL = NOT_WRITTEN_KINDS.map((k) => `'${k}'`).join(', ');

export interface MonthlyRegistrations {
  month: string;
  follows: number;
  unfollows: number;
}

export interface MonthlyMessages {
  month: string;
  messagesIn: number;
  messagesOut: number;
  aiReplies: number;
  aiModelReplies: number;
  fallbackReplies: number;
  staffReplies: number;
  byReply: number;
  byPush: number;
  promptTokens: number;
  completionTokens: number;
}

/** `month` null is the whole period (a distinct count is not the sum of the months). */
export interface Consulters {
  month: string | null;
  consulters: number;
}

/** Inbound messages by Tokyo date and hour, split at the profile's opening and closing times. */
export interface InboundSlot {
  date: string;
  hour: number;
  /** Between the opening and the closing time of day (whether the date is a business day is decided later). */
  inWindow: boolean;
  count: number;
}

export interface MonthlyConsultations {
  month: string;
  consultations: number;
  personRequested: number;
  reachedPerson: number;
  riskNone: number;
  riskLow: number;
  riskMedium: number;
  riskHigh: number;
  riskImminent: number;
}

/** One consultation in which a person was asked for; instants in epoch ms. */
export interface HumanHelpRow {
  openedAtMs: number;
  waitingSinceMs: number | null;
  firstStaffReplyAtMs: number | null;
  requestReason: string | null;
}

/** `month` null is the whole period (medians do not add up). */
export interface AlertFigures {
  month: string | null;
  alerts: number;
  acknowledged: number;
  escalated: number;
  medianAckMinutes: number | null;
  meanAckMinutes: number | null;
}

export interface NudgeCount {
  /** The offer's trigger; answers (accepted, declined, reserved) take the trigger of the offer they answer. */
  trigger: string | null;
  event: 'offered' | 'accepted' | 'declined' | 'reserved';
  count: number;
}

export interface IntakeCount {
  questionId: string;
  /** null: the resident did not answer this question. */
  value: string | null;
  count: number;
}

/** Referrals created in the period, by partner and by the status they have now. */
export interface ReferralCount {
  partnerId: string;
  partnerName: string;
  /** null: a partner of the directory with no referral in the period (listed so its zeros show). */
  status: string | null;
  count: number;
}

/** Consents answered or withdrawn in the period, each in the month of that event. */
export interface MonthlyConsents {
  month: string;
  agreed: number;
  declined: number;
  withdrawn: number;
}

/** Answers to the closing question 「相談してよかったですか」, in the month it was asked. */
export interface MonthlySatisfaction {
  month: string;
  asked: number;
  /** Count of each score, 1 … 5 (index 0 is score 1). */
  scores: number[];
}

/** Caring check-ins sent in the month, how many were answered, and how many led to a person. */
export interface MonthlyCheckIns {
  month: string;
  sent: number;
  answered: number;
  person: number;
}

/** The outcome scales: completed at intake and at follow-up in the period, and each follow-up's change from intake. */
export interface ScaleFigures {
  scale: 'ucla3' | 'k6';
  intake: number;
  followUp: number;
  /** Follow-up total minus intake total, one per resident with both (follow-up completed in the period). */
  changes: number[];
}

export interface RawReport {
  registrations: MonthlyRegistrations[];
  messages: MonthlyMessages[];
  consulters: Consulters[];
  inbound: InboundSlot[];
  consultations: MonthlyConsultations[];
  humanHelp: HumanHelpRow[];
  alerts: AlertFigures[];
  nudges: NudgeCount[];
  intake: IntakeCount[];
  referrals: ReferralCount[];
  consents: MonthlyConsents[];
  satisfaction: MonthlySatisfaction[];
  /** Absent in reports built before check-ins existed: no check-in table then. */
  checkIns?: MonthlyCheckIns[];
  /** Absent in reports built before the outcome scales existed. */
  scales?: ScaleFigures[];
}

const TOKYO_OFFSET_SECONDS = 9 * 3600;

/** Memory for one sort or hash of the report's distinct counts (PostgreSQL's default, 4 MB, spills a year at scale to disk). */
export const REPORT_WORK_MEM = '64MB';

/** A query whose sorts and hashes get REPORT_WORK_MEM (for this statement only). */
async function rawWithMemory(db: Db, sql: string, bindings: readonly unknown[]): Promise<{ rows: Record<string, unknown>[] }> {
  return db.transaction(async (trx) => {
    await trx.raw(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
    const result: { rows: Record<string, unknown>[] } = await trx.raw(sql, bindings as never);
    return result;
  });
}

/** The instant each Tokyo month of the period begins (the first is the period's start). */
export function monthStarts(p: ReportPeriod): number[] {
  return p.months.map((m, i) => (i === 0 ? p.startMs : Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1) - TOKYO_OFFSET_SECONDS * 1000));
}

/** `width_bucket(column, month starts)`: 1 for the period's first month, 2 for the next, … */
function monthBucket(column: string, p: ReportPeriod, as: 'timestamptz' | 'bigint'): { sql: string; binding: string } {
  const starts = monthStarts(p);
  const literal = as === 'bigint' ? starts.map(String) : starts.map((ms) => `"${new Date(ms).toISOString()}"`);
  return { sql: `width_bucket(${column}, CAST(? AS ${as}[]))`, binding: `{${literal.join(',')}}` };
}

/** `width_bucket(day, month starts)` for a `date` column of the rollups: the same buckets as monthBucket. */
function dayMonthBucket(column: string, p: ReportPeriod): { sql: string; binding: string } {
  const starts = p.months.map((m, i) => (i === 0 ? p.from : `${m}-01`));
  return { sql: `width_bucket(${column}, CAST(? AS date[]))`, binding: `{${starts.join(',')}}` };
}

/**
 * The period's days read from the rollups (`first` … `last`, Tokyo dates, empty when last < first)
 * and the instant from which the rest is scanned.
 */
function rolledPart(p: ReportPeriod): { first: string; last: string; scanFrom: Date } {
  const last = p.rolledThrough && p.rolledThrough >= p.from ? (p.rolledThrough < p.to ? p.rolledThrough : p.to) : null;
  const dayBefore = new Date(Date.parse(`${p.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  if (!last) return { first: p.from, last: dayBefore, scanFrom: new Date(p.startMs) };
  return { first: p.from, last, scanFrom: new Date(Date.parse(`${last}T00:00:00+09:00`) + 86_400_000) };
}

/** Bucket number (1-based) → 'YYYY-MM'; null for the grand-total row of a grouping set. */
const monthOf = (p: ReportPeriod, bucket: unknown) => (bucket === null || bucket === undefined ? null : p.months[Number(bucket) - 1]);
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const nOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function registrations(db: Db, p: ReportPeriod): Promise<MonthlyRegistrations[]> {
  // The inbox keeps every follow and unfollow LINE sent, so a resident who blocks and adds the account
  // again counts twice, as in LINE's own statistics. Events LINE sent for groups are stored as 'ignored'.
  const month = monthBucket('event_timestamp', p, 'bigint');
  const { rows } = await db.raw(
    `SELECT ${month.sql} AS month,
            count(*) FILTER (WHERE event_type = 'follow') AS follows,
            count(*) FILTER (WHERE event_type = 'unfollow') AS unfollows
       FROM webhook_inbox
      WHERE event_type IN ('follow', 'unfollow') AND status <> 'ignored'
        AND event_timestamp >= ? AND event_timestamp < ?
      GROUP BY 1`,
    [month.binding, p.startMs, p.endMs],
  );
  return rows.map((r: Record<string, unknown>) => ({ month: monthOf(p, r.month)!, follows: n(r.follows), unfollows: n(r.unfollows) }));
}

async function messages(db: Db, p: ReportPeriod): Promise<MonthlyMessages[]> {
  // One pass over the period's messages (or their daily rollups), grouped by month and by what a
  // message is (a few dozen groups a month); the figures are sums over those groups. Grouping is
  // cheaper here than a dozen FILTER clauses evaluated on every row. Outbound figures count what LINE
  // accepted (delivery_status 'sent'); tokens count every model call, also for a message LINE then
  // refused, because the model was paid for either way.
  const month = monthBucket('created_at', p, 'timestamptz');
  const dayMonth = dayMonthBucket('day', p);
  const rolled = rolledPart(p);
  const [scanned, summed] = await Promise.all([
    db.raw(
      `SELECT ${month.sql} AS month, direction, sender, delivery, delivery_status, answered_by,
              kind IN (${NOT_WRITTEN_SQL}) AS not_written, count(*) AS count,
              coalesce(sum(prompt_tokens), 0) AS prompt_tokens, coalesce(sum(completion_tokens), 0) AS completion_tokens
         FROM messages
        WHERE created_at >= ? AND created_at < ?
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      [month.binding, rolled.scanFrom, new Date(p.endMs)],
    ),
    db.raw(
      `SELECT ${dayMonth.sql} AS month, direction, sender, delivery, delivery_status, answered_by, not_written,
              sum(count) AS count, sum(prompt_tokens) AS prompt_tokens, sum(completion_tokens) AS completion_tokens
         FROM report_day_messages
        WHERE day >= ? AND day <= ?
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
      [dayMonth.binding, rolled.first, rolled.last],
    ),
  ]);
  const byMonth = new Map<string, MonthlyMessages>();
  for (const r of [...scanned.rows, ...summed.rows] as Record<string, unknown>[]) {
    const m = monthOf(p, r.month)!;
    let t = byMonth.get(m);
    if (!t) {
      t = { month: m, messagesIn: 0, messagesOut: 0, aiReplies: 0, aiModelReplies: 0, fallbackReplies: 0, staffReplies: 0, byReply: 0, byPush: 0, promptTokens: 0, completionTokens: 0 };
      byMonth.set(m, t);
    }
    const c = n(r.count);
    t.promptTokens += n(r.prompt_tokens);
    t.completionTokens += n(r.completion_tokens);
    if (r.direction === 'in') {
      if (r.not_written !== true) t.messagesIn += c;
      continue;
    }
    if (r.delivery_status !== 'sent') continue;
    t.messagesOut += c;
    if (r.delivery === 'reply') t.byReply += c;
    if (r.delivery === 'push') t.byPush += c;
    if (r.sender === 'staff') t.staffReplies += c;
    if (r.sender === 'ai') {
      t.aiReplies += c;
      if (r.answered_by === 'ai') t.aiModelReplies += c;
      if (r.answered_by === 'fallback') t.fallbackReplies += c;
    }
  }
  return [...byMonth.values()];
}

async function consulters(db: Db, p: ReportPeriod): Promise<Consulters[]> {
  // "Consulted" = wrote at least one text; the grand total is a distinct count over the whole period.
  // The scanned days are an index-only scan of messages_inbound (migration 20261123000010).
  const month = monthBucket('created_at', p, 'timestamptz');
  const dayMonth = dayMonthBucket('day', p);
  const rolled = rolledPart(p);
  const { rows } = await rawWithMemory(
    db,
    `SELECT month, count(DISTINCT resident_id) AS consulters
       FROM (SELECT ${dayMonth.sql} AS month, resident_id
               FROM report_day_consulters
              WHERE day >= ? AND day <= ?
             UNION ALL
             SELECT ${month.sql} AS month, resident_id
               FROM messages
              WHERE direction = 'in' AND kind = 'text' AND created_at >= ? AND created_at < ?) m
      GROUP BY GROUPING SETS ((month), ())`,
    [dayMonth.binding, rolled.first, rolled.last, month.binding, rolled.scanFrom, new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ month: monthOf(p, r.month), consulters: n(r.consulters) }));
}

async function inbound(db: Db, p: ReportPeriod, open: string, close: string): Promise<InboundSlot[]> {
  // Grouped by Tokyo hour (hours since the epoch at UTC+9) and by whether the time of day lies
  // between opening and closing: at most 366 × 24 × 2 rows a year. Whether the date is a business
  // day (holidays) is decided afterwards, in TypeScript. The scanned days are an index-only scan of
  // messages_inbound; the rolled-up ones are counted per quarter hour, which serves any opening and
  // closing time on a quarter hour (other times scan the whole period).
  const seconds = (hhmm: string) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
  const [openS, closeS] = [seconds(open), seconds(close)];
  const onQuarter = openS % 900 === 0 && closeS % 900 === 0;
  const rolled = onQuarter ? rolledPart(p) : rolledPart({ ...p, rolledThrough: null });
  const { rows } = await db.raw(
    `SELECT hour_index, in_window, sum(count) AS count
       FROM (SELECT (day - date '1970-01-01') * 24 + quarter / 4 AS hour_index, (quarter * 900 >= ? AND quarter * 900 < ?) AS in_window, count
               FROM report_quarter_inbound
              WHERE day >= ? AND day <= ?
             UNION ALL
             SELECT floor(t / 3600)::int, (t - floor(t / 86400) * 86400 >= ? AND t - floor(t / 86400) * 86400 < ?), count(*)
               FROM (SELECT date_part('epoch', created_at) + ${TOKYO_OFFSET_SECONDS} AS t
                       FROM messages
                      WHERE direction = 'in' AND kind NOT IN (${NOT_WRITTEN_SQL}) AND created_at >= ? AND created_at < ?) m
              GROUP BY 1, 2) slots
      GROUP BY 1, 2`,
    [openS, closeS, rolled.first, rolled.last, openS, closeS, rolled.scanFrom, new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => {
    const hourIndex = Number(r.hour_index);
    // hourIndex counts Tokyo hours, so its date and hour read straight off a UTC date of the same number.
    const shifted = new Date(hourIndex * 3_600_000);
    return { date: shifted.toISOString().slice(0, 10), hour: shifted.getUTCHours(), inWindow: r.in_window === true, count: n(r.count) };
  });
}

async function consultations(db: Db, p: ReportPeriod): Promise<MonthlyConsultations[]> {
  // Consultation figures belong to the month the consultation opened. request_reason stays after the
  // case leaves the queue, so it marks "a person was asked for" even once waiting_since is cleared.
  const month = monthBucket('opened_at', p, 'timestamptz');
  const { rows } = await db.raw(
    `SELECT ${month.sql} AS month,
            count(*) AS consultations,
            count(*) FILTER (WHERE request_reason IS NOT NULL OR waiting_since IS NOT NULL) AS person_requested,
            count(*) FILTER (WHERE first_staff_reply_at IS NOT NULL) AS reached_person,
            count(*) FILTER (WHERE highest_risk_level = 'none') AS risk_none,
            count(*) FILTER (WHERE highest_risk_level = 'low') AS risk_low,
            count(*) FILTER (WHERE highest_risk_level = 'medium') AS risk_medium,
            count(*) FILTER (WHERE highest_risk_level = 'high') AS risk_high,
            count(*) FILTER (WHERE highest_risk_level = 'imminent') AS risk_imminent
       FROM consultations
      WHERE opened_at >= ? AND opened_at < ?
      GROUP BY 1`,
    [month.binding, new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({
    month: monthOf(p, r.month)!,
    consultations: n(r.consultations),
    personRequested: n(r.person_requested),
    reachedPerson: n(r.reached_person),
    riskNone: n(r.risk_none),
    riskLow: n(r.risk_low),
    riskMedium: n(r.risk_medium),
    riskHigh: n(r.risk_high),
    riskImminent: n(r.risk_imminent),
  }));
}

async function humanHelp(db: Db, p: ReportPeriod): Promise<HumanHelpRow[]> {
  const { rows } = await db.raw(
    `SELECT opened_at, waiting_since, first_staff_reply_at, request_reason
       FROM consultations
      WHERE opened_at >= ? AND opened_at < ?
        AND (request_reason IS NOT NULL OR waiting_since IS NOT NULL)`,
    [new Date(p.startMs), new Date(p.endMs)],
  );
  const ms = (v: unknown) => (v ? new Date(v as string | Date).getTime() : null);
  return rows.map((r: Record<string, unknown>) => ({
    openedAtMs: ms(r.opened_at)!,
    waitingSinceMs: ms(r.waiting_since),
    firstStaffReplyAtMs: ms(r.first_staff_reply_at),
    requestReason: (r.request_reason as string | null) ?? null,
  }));
}

async function alerts(db: Db, p: ReportPeriod): Promise<AlertFigures[]> {
  // Crisis alerts are answered around the clock, so their acknowledgement time is in real minutes.
  const month = monthBucket('created_at', p, 'timestamptz');
  const { rows } = await db.raw(
    `SELECT month,
            count(*) AS alerts,
            count(ack_minutes) AS acknowledged,
            count(*) FILTER (WHERE escalated) AS escalated,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_minutes) FILTER (WHERE ack_minutes IS NOT NULL) AS median_ack,
            avg(ack_minutes) AS mean_ack
       FROM (SELECT ${month.sql} AS month,
                    extract(epoch FROM acknowledged_at - created_at) / 60.0 AS ack_minutes,
                    escalated_at IS NOT NULL AS escalated
               FROM alerts
              WHERE kind = 'crisis' AND created_at >= ? AND created_at < ?) a
      GROUP BY GROUPING SETS ((month), ())`,
    [month.binding, new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({
    month: monthOf(p, r.month),
    alerts: n(r.alerts),
    acknowledged: n(r.acknowledged),
    escalated: n(r.escalated),
    medianAckMinutes: nOrNull(r.median_ack),
    meanAckMinutes: nOrNull(r.mean_ack),
  }));
}

/**
 * Nudge events with the trigger they count under, as `n` (event, created_at) and `o.trigger`. The
 * workflow records the trigger on the offer only; an answer belongs to the latest offer made before it
 * in the same consultation (index nudge_events_consultation_created, migration 20261123000010).
 * Shared with the daily rollup (report-rollups.ts), so both count alike.
 */
export const NUDGES_WITH_TRIGGER = `nudge_events n
       LEFT JOIN LATERAL (
              SELECT o.trigger FROM nudge_events o
               WHERE o.consultation_id = n.consultation_id AND o.event = 'offered' AND o.created_at <= n.created_at
               ORDER BY o.created_at DESC
               LIMIT 1) o ON n.event <> 'offered' AND n.trigger IS NULL`;

async function nudges(db: Db, p: ReportPeriod): Promise<NudgeCount[]> {
  const rolled = rolledPart(p);
  const { rows } = await db.raw(
    `SELECT trigger, event, sum(count) AS count
       FROM (SELECT trigger, event, count FROM report_day_nudges WHERE day >= ? AND day <= ?
             UNION ALL
             SELECT coalesce(n.trigger, o.trigger), n.event, count(*)
               FROM ${NUDGES_WITH_TRIGGER}
              WHERE n.created_at >= ? AND n.created_at < ?
              GROUP BY 1, 2) e
      GROUP BY 1, 2`,
    [rolled.first, rolled.last, rolled.scanFrom, new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ trigger: (r.trigger as string | null) ?? null, event: r.event as NudgeCount['event'], count: n(r.count) }));
}

async function intake(db: Db, p: ReportPeriod, questionIds: string[]): Promise<IntakeCount[]> {
  // The residents described are those who consulted in the period, each once whatever they wrote
  // (the scanned days are an index-only scan of messages_inbound).
  const rolled = rolledPart(p);
  const { rows } = await rawWithMemory(
    db,
    `SELECT q.id AS question_id, r.intake ->> q.id AS value, count(*) AS count
       FROM residents r
      CROSS JOIN unnest(string_to_array(?, ',')) AS q(id)
      WHERE r.id IN (SELECT resident_id FROM report_day_consulters WHERE day >= ? AND day <= ?
                     UNION ALL
                     SELECT resident_id FROM messages
                      WHERE direction = 'in' AND kind = 'text' AND created_at >= ? AND created_at < ?)
      GROUP BY 1, 2`,
    // Question ids are slugs (profile schema), so a comma-joined list is unambiguous.
    [questionIds.join(','), rolled.first, rolled.last, rolled.scanFrom, new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ questionId: r.question_id as string, value: (r.value as string | null) ?? null, count: n(r.count) }));
}

async function referrals(db: Db, p: ReportPeriod): Promise<ReferralCount[]> {
  // Every active partner of the directory is listed (its zeros are a figure too), and any other
  // partner a referral of the period went to. A referral counts in the period it was created in,
  // under the status it has now (index referrals (organization_id, created_at)).
  const { rows } = await db.raw(
    `SELECT o.id AS partner_id, o.name AS partner_name, r.status, count(r.id) AS count
       FROM organizations o
       LEFT JOIN referrals r ON r.organization_id = o.id AND r.created_at >= ? AND r.created_at < ?
      WHERE o.active OR r.id IS NOT NULL
      GROUP BY 1, 2, 3`,
    [new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ partnerId: r.partner_id as string, partnerName: r.partner_name as string, status: (r.status as string | null) ?? null, count: n(r.count) }));
}

async function consents(db: Db, p: ReportPeriod): Promise<MonthlyConsents[]> {
  // One consent can be agreed in one month and withdrawn in another: each event counts in its own month.
  const events = (column: string) => `SELECT ${column} AS at, '${column}' AS event FROM consents WHERE ${column} >= ? AND ${column} < ?`;
  const month = monthBucket('at', p, 'timestamptz');
  const range = [new Date(p.startMs), new Date(p.endMs)];
  const { rows } = await db.raw(
    `SELECT ${month.sql} AS month,
            count(*) FILTER (WHERE event = 'agreed_at') AS agreed,
            count(*) FILTER (WHERE event = 'declined_at') AS declined,
            count(*) FILTER (WHERE event = 'withdrawn_at') AS withdrawn
       FROM (${events('agreed_at')} UNION ALL ${events('declined_at')} UNION ALL ${events('withdrawn_at')}) e
      GROUP BY 1`,
    [month.binding, ...range, ...range, ...range],
  );
  return rows.map((r: Record<string, unknown>) => ({ month: monthOf(p, r.month)!, agreed: n(r.agreed), declined: n(r.declined), withdrawn: n(r.withdrawn) }));
}

async function satisfaction(db: Db, p: ReportPeriod): Promise<MonthlySatisfaction[]> {
  // Scores only: the free text is the resident's own words and never leaves for a report.
  const month = monthBucket('asked_at', p, 'timestamptz');
  const { rows } = await db.raw(
    `SELECT ${month.sql} AS month, count(*) AS asked,
            ${[1, 2, 3, 4, 5].map((k) => `count(*) FILTER (WHERE score = ${k}) AS s${k}`).join(', ')}
       FROM satisfaction_responses
      WHERE asked_at >= ? AND asked_at < ?
      GROUP BY 1`,
    [month.binding, new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ month: monthOf(p, r.month)!, asked: n(r.asked), scores: [1, 2, 3, 4, 5].map((k) => n(r[`s${k}`])) }));
}

async function scales(db: Db, p: ReportPeriod): Promise<ScaleFigures[]> {
  const range = [new Date(p.startMs), new Date(p.endMs)];
  const { rows } = await db.raw(
    `SELECT s.scale,
            count(*) FILTER (WHERE s.occasion = 'intake') AS intake,
            count(*) FILTER (WHERE s.occasion = 'follow-up') AS follow_up,
            coalesce(array_agg(s.total - i.total) FILTER (WHERE s.occasion = 'follow-up' AND i.total IS NOT NULL), '{}') AS changes
       FROM scale_responses s
       LEFT JOIN scale_responses i ON i.resident_id = s.resident_id AND i.scale = s.scale AND i.occasion = 'intake' AND i.total IS NOT NULL
      WHERE s.total IS NOT NULL AND s.completed_at >= ? AND s.completed_at < ?
      GROUP BY s.scale`,
    range,
  );
  const byScale = new Map(rows.map((r: Record<string, unknown>) => [r.scale, r]));
  return (['ucla3', 'k6'] as const).map((scale) => {
    const r = byScale.get(scale) as Record<string, unknown> | undefined;
    return { scale, intake: n(r?.intake), followUp: n(r?.follow_up), changes: ((r?.changes as unknown[]) ?? []).map(Number) };
  });
}

async function checkIns(db: Db, p: ReportPeriod): Promise<MonthlyCheckIns[]> {
  const month = monthBucket('sent_at', p, 'timestamptz');
  const { rows } = await db.raw(
    `SELECT ${month.sql} AS month, count(*) AS sent,
            count(*) FILTER (WHERE answered_at IS NOT NULL) AS answered,
            count(*) FILTER (WHERE answer = 'person') AS person
       FROM check_ins
      WHERE sent_at >= ? AND sent_at < ?
      GROUP BY 1`,
    [month.binding, new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ month: monthOf(p, r.month)!, sent: n(r.sent), answered: n(r.answered), person: n(r.person) }));
}

export interface QueryOptions {
  /** The profile's business hours ('HH:MM'), for the in-hours split of inbound messages. */
  open: string;
  close: string;
  intakeQuestionIds: string[];
}

/** Each query by name: the benchmark times them one by one. */
export const REPORT_QUERIES = {
  registrations: (db: Db, p: ReportPeriod) => registrations(db, p),
  messages: (db: Db, p: ReportPeriod) => messages(db, p),
  consulters: (db: Db, p: ReportPeriod) => consulters(db, p),
  inbound: (db: Db, p: ReportPeriod, o: QueryOptions) => inbound(db, p, o.open, o.close),
  consultations: (db: Db, p: ReportPeriod) => consultations(db, p),
  humanHelp: (db: Db, p: ReportPeriod) => humanHelp(db, p),
  alerts: (db: Db, p: ReportPeriod) => alerts(db, p),
  nudges: (db: Db, p: ReportPeriod) => nudges(db, p),
  intake: (db: Db, p: ReportPeriod, o: QueryOptions) => intake(db, p, o.intakeQuestionIds),
  referrals: (db: Db, p: ReportPeriod) => referrals(db, p),
  consents: (db: Db, p: ReportPeriod) => consents(db, p),
  satisfaction: (db: Db, p: ReportPeriod) => satisfaction(db, p),
  checkIns: (db: Db, p: ReportPeriod) => checkIns(db, p),
  scales: (db: Db, p: ReportPeriod) => scales(db, p),
} as const;

/** Runs every report query, side by side on the pool (each is one statement; none depends on another). */
export async function queryReport(db: Db, period: ReportPeriod, options: QueryOptions): Promise<RawReport> {
  const [reg, msg, cons, inb, consul, help, alert, nudge, intakeCounts, referralCounts, consentCounts, satisfactionCounts, checkInCounts, scaleFigures] = await Promise.all([
    registrations(db, period),
    messages(db, period),
    consulters(db, period),
    inbound(db, period, options.open, options.close),
    consultations(db, period),
    humanHelp(db, period),
    alerts(db, period),
    nudges(db, period),
    intake(db, period, options.intakeQuestionIds),
    referrals(db, period),
    consents(db, period),
    satisfaction(db, period),
    checkIns(db, period),
    scales(db, period),
  ]);
  return {
    registrations: reg,
    messages: msg,
    consulters: cons,
    inbound: inb,
    consultations: consul,
    humanHelp: help,
    alerts: alert,
    nudges: nudge,
    intake: intakeCounts,
    referrals: referralCounts,
    consents: consentCounts,
    satisfaction: satisfactionCounts,
    checkIns: checkInCounts,
    scales: scaleFigures,
  };
}
