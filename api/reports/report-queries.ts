/**
 * The report's data access: every figure is aggregated in PostgreSQL, so a year of messages never
 * crosses the wire. What comes back is a handful of rows per month (or per Tokyo date and hour for the
 * hour-of-day pattern), plus one small row per consultation in which a person was asked for — the
 * business-hours arithmetic needs the holiday calendar, which lives in TypeScript, and those rows are
 * a fraction of the consultations (no message is read for them).
 *
 * Time zone: every bucket is an Asia/Tokyo date (`AT TIME ZONE 'Asia/Tokyo'`), whatever the server's
 * TimeZone setting is. Bindings are positional (`?`): knex's named bindings and Postgres casts (`::`)
 * do not mix, and no JSONB `?` operator is used here for the same reason. knex expands an array
 * binding into a list, so `kind NOT IN (?)` takes one.
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
}

/** Inbound kinds that are not something the resident wrote or sent (buttons, follow and block events). */
export const NOT_WRITTEN_KINDS = ['follow', 'unfollow', 'postback'] as const;

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
}

const TOKYO_MONTH = (column: string) => `to_char(${column} AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')`;
const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const nOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function registrations(db: Db, p: ReportPeriod): Promise<MonthlyRegistrations[]> {
  // The inbox keeps every follow and unfollow LINE sent, so a resident who blocks and adds the account
  // again counts twice, as in LINE's own statistics. Events LINE sent for groups are stored as 'ignored'.
  const { rows } = await db.raw(
    `SELECT ${TOKYO_MONTH('to_timestamp(event_timestamp / 1000.0)')} AS month,
            count(*) FILTER (WHERE event_type = 'follow') AS follows,
            count(*) FILTER (WHERE event_type = 'unfollow') AS unfollows
       FROM webhook_inbox
      WHERE event_type IN ('follow', 'unfollow') AND status <> 'ignored'
        AND event_timestamp >= ? AND event_timestamp < ?
      GROUP BY 1`,
    [p.startMs, p.endMs],
  );
  return rows.map((r: Record<string, unknown>) => ({ month: r.month as string, follows: n(r.follows), unfollows: n(r.unfollows) }));
}

async function messages(db: Db, p: ReportPeriod): Promise<MonthlyMessages[]> {
  // Outbound figures count what LINE accepted (delivery_status 'sent'); tokens count every model call,
  // also for a message LINE then refused, because the model was paid for either way.
  const { rows } = await db.raw(
    `SELECT ${TOKYO_MONTH('created_at')} AS month,
            count(*) FILTER (WHERE direction = 'in' AND kind NOT IN (?)) AS messages_in,
            count(*) FILTER (WHERE direction = 'out' AND delivery_status = 'sent') AS messages_out,
            count(*) FILTER (WHERE direction = 'out' AND delivery_status = 'sent' AND sender = 'ai') AS ai_replies,
            count(*) FILTER (WHERE direction = 'out' AND delivery_status = 'sent' AND sender = 'ai' AND answered_by = 'ai') AS ai_model_replies,
            count(*) FILTER (WHERE direction = 'out' AND delivery_status = 'sent' AND sender = 'ai' AND answered_by = 'fallback') AS fallback_replies,
            count(*) FILTER (WHERE direction = 'out' AND delivery_status = 'sent' AND sender = 'staff') AS staff_replies,
            count(*) FILTER (WHERE direction = 'out' AND delivery_status = 'sent' AND delivery = 'reply') AS by_reply,
            count(*) FILTER (WHERE direction = 'out' AND delivery_status = 'sent' AND delivery = 'push') AS by_push,
            coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
            coalesce(sum(completion_tokens), 0) AS completion_tokens
       FROM messages
      WHERE created_at >= ? AND created_at < ?
      GROUP BY 1`,
    [[...NOT_WRITTEN_KINDS], new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({
    month: r.month as string,
    messagesIn: n(r.messages_in),
    messagesOut: n(r.messages_out),
    aiReplies: n(r.ai_replies),
    aiModelReplies: n(r.ai_model_replies),
    fallbackReplies: n(r.fallback_replies),
    staffReplies: n(r.staff_replies),
    byReply: n(r.by_reply),
    byPush: n(r.by_push),
    promptTokens: n(r.prompt_tokens),
    completionTokens: n(r.completion_tokens),
  }));
}

async function consulters(db: Db, p: ReportPeriod): Promise<Consulters[]> {
  // "Consulted" = wrote at least one text; the grand total is a distinct count over the whole period.
  const { rows } = await db.raw(
    `SELECT month, count(DISTINCT resident_id) AS consulters
       FROM (SELECT ${TOKYO_MONTH('created_at')} AS month, resident_id
               FROM messages
              WHERE direction = 'in' AND kind = 'text' AND created_at >= ? AND created_at < ?) m
      GROUP BY GROUPING SETS ((month), ())`,
    [new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ month: (r.month as string | null) ?? null, consulters: n(r.consulters) }));
}

async function inbound(db: Db, p: ReportPeriod, open: string, close: string): Promise<InboundSlot[]> {
  // At most 366 × 24 × 2 rows a year: the business-day test (holidays) is applied to them afterwards.
  const { rows } = await db.raw(
    `SELECT to_char(t, 'YYYY-MM-DD') AS date, extract(hour FROM t)::int AS hour,
            (t::time >= CAST(? AS time) AND t::time < CAST(? AS time)) AS in_window, count(*) AS count
       FROM (SELECT created_at AT TIME ZONE 'Asia/Tokyo' AS t
               FROM messages
              WHERE direction = 'in' AND kind NOT IN (?) AND created_at >= ? AND created_at < ?) m
      GROUP BY 1, 2, 3`,
    [open, close, [...NOT_WRITTEN_KINDS], new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ date: r.date as string, hour: Number(r.hour), inWindow: r.in_window === true, count: n(r.count) }));
}

async function consultations(db: Db, p: ReportPeriod): Promise<MonthlyConsultations[]> {
  // Consultation figures belong to the month the consultation opened. request_reason stays after the
  // case leaves the queue, so it marks "a person was asked for" even once waiting_since is cleared.
  const { rows } = await db.raw(
    `SELECT ${TOKYO_MONTH('opened_at')} AS month,
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
    [new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({
    month: r.month as string,
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
  const { rows } = await db.raw(
    `SELECT month,
            count(*) AS alerts,
            count(ack_minutes) AS acknowledged,
            count(*) FILTER (WHERE escalated) AS escalated,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_minutes) FILTER (WHERE ack_minutes IS NOT NULL) AS median_ack,
            avg(ack_minutes) AS mean_ack
       FROM (SELECT ${TOKYO_MONTH('created_at')} AS month,
                    extract(epoch FROM acknowledged_at - created_at) / 60.0 AS ack_minutes,
                    escalated_at IS NOT NULL AS escalated
               FROM alerts
              WHERE kind = 'crisis' AND created_at >= ? AND created_at < ?) a
      GROUP BY GROUPING SETS ((month), ())`,
    [new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({
    month: (r.month as string | null) ?? null,
    alerts: n(r.alerts),
    acknowledged: n(r.acknowledged),
    escalated: n(r.escalated),
    medianAckMinutes: nOrNull(r.median_ack),
    meanAckMinutes: nOrNull(r.mean_ack),
  }));
}

async function nudges(db: Db, p: ReportPeriod): Promise<NudgeCount[]> {
  // The workflow records the trigger on the offer only; an answer belongs to the latest offer made
  // before it in the same consultation (index nudge_events_consultation_created).
  const { rows } = await db.raw(
    `SELECT coalesce(n.trigger, o.trigger) AS trigger, n.event, count(*) AS count
       FROM nudge_events n
       LEFT JOIN LATERAL (
              SELECT o.trigger FROM nudge_events o
               WHERE o.consultation_id = n.consultation_id AND o.event = 'offered' AND o.created_at <= n.created_at
               ORDER BY o.created_at DESC
               LIMIT 1) o ON n.event <> 'offered' AND n.trigger IS NULL
      WHERE n.created_at >= ? AND n.created_at < ?
      GROUP BY 1, 2`,
    [new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ trigger: (r.trigger as string | null) ?? null, event: r.event as NudgeCount['event'], count: n(r.count) }));
}

async function intake(db: Db, p: ReportPeriod, questionIds: string[]): Promise<IntakeCount[]> {
  // The residents described are those who consulted in the period, each once whatever they wrote.
  const { rows } = await db.raw(
    `SELECT q.id AS question_id, r.intake ->> q.id AS value, count(*) AS count
       FROM residents r
      CROSS JOIN unnest(string_to_array(?, ',')) AS q(id)
      WHERE r.id IN (SELECT resident_id FROM messages
                      WHERE direction = 'in' AND kind = 'text' AND created_at >= ? AND created_at < ?)
      GROUP BY 1, 2`,
    // Question ids are slugs (profile schema), so a comma-joined list is unambiguous.
    [questionIds.join(','), new Date(p.startMs), new Date(p.endMs)],
  );
  return rows.map((r: Record<string, unknown>) => ({ questionId: r.question_id as string, value: (r.value as string | null) ?? null, count: n(r.count) }));
}

/**
 * Runs every report query, side by side on the pool (each is one statement; none depends on another).
 * `open`/`close` are the profile's business hours ('HH:MM') for the in-hours split of inbound messages.
 */
export async function queryReport(db: Db, period: ReportPeriod, options: { open: string; close: string; intakeQuestionIds: string[] }): Promise<RawReport> {
  const [reg, msg, cons, inb, consul, help, alert, nudge, intakeCounts] = await Promise.all([
    registrations(db, period),
    messages(db, period),
    consulters(db, period),
    inbound(db, period, options.open, options.close),
    consultations(db, period),
    humanHelp(db, period),
    alerts(db, period),
    nudges(db, period),
    intake(db, period, options.intakeQuestionIds),
  ]);
  return { registrations: reg, messages: msg, consulters: cons, inbound: inb, consultations: consul, humanHelp: help, alerts: alert, nudges: nudge, intake: intakeCounts };
}
