/**
 * Assembles the figures the queries return into the report's tables, and hides small cells.
 *
 * Pure: no database, no clock (the generation time is passed in), so it is tested on plain data.
 *
 * ## Small-cell suppression
 *
 * Every count of people or of their actions is a *figure* with a key (`consultations:2026-04`). The
 * same figure can appear in several tables (messages received per month is in the monthly table, the
 * in/out-of-hours table and the hour-of-day table's total); it is hidden or shown the same everywhere,
 * because it is one figure. Figures that add up are declared as *groups* (members and their total: the
 * months of a column and the period total, the risk levels of a month and that month's consultations,
 * replies by LINE's reply and by push and the messages sent that month, …).
 *
 * 1. Primary: a figure from 1 to threshold − 1 (1–4 with the default 5) is shown as 「<5」. Zero stays
 *    0 (it singles nobody out) and totals are always the true totals.
 * 2. Secondary: a group with exactly one hidden member (or hidden total) would let anyone recover it as
 *    total − the others. In such a group the smallest non-zero shown member is hidden too, shown as
 *    「X」 (the e-Stat convention for 秘匿), or the total if no member is left. This repeats until no
 *    group has exactly one hidden figure, since hiding a figure can expose another group it belongs to.
 * 3. Figures computed from hidden ones inherit the hiding: a share (AI対応率) or the staff-time
 *    estimate (a fixed multiple of the AI replies) would reveal the count, so they show 「X」 too. The
 *    message cost stays shown while the pushes are within the plan's included messages, because it is
 *    then the monthly fee whatever the count.
 * 4. A median or mean over fewer items than the threshold is not shown (「－」): one person's waiting
 *    time would be readable from it.
 *
 * Rule 2 is the usual "at least two hidden cells in every row and column" rule of statistical offices.
 * It is not a full linear audit: a hidden cell could in rare cases still be narrowed down by combining
 * several tables' equations, which the threshold, the month grain and the absence of any identity in
 * the report make of little use.
 */
import type { CellKind, HiddenReason, KeyFigure, Report, ReportCell, ReportColumn, ReportRow, ReportTable } from '../../contracts/report';
import type { MunicipalityProfile } from '../../platform/config/profile';
import { type BusinessCalendar, businessMinutesBetween, isBusinessDay, isOpen, tokyoDate, tokyoMidnight, tokyoTime } from '../../workflows/calendar/business-calendar';
import { RISK_LEVEL_LABELS_JA, RISK_LEVELS } from '../../workflows/safety/risk-levels';
import { fiscalYearLabel } from './japanese-era';
import type { RawReport, ReportPeriod } from './report-queries';

// The report's shape (what the API, the exports and the admin page see) is in contracts/report.ts.
export type { CellKind, HiddenReason, KeyFigure, Report, ReportCell, ReportColumn, ReportRow, ReportTable };

// ---------------------------------------------------------------------------------------------
// Period

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Long enough for a multi-year comparison, short enough that one request stays cheap. */
export const MAX_PERIOD_DAYS = 3 * 366;

export class PeriodError extends Error {}

function validDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * Whole calendar months (a fiscal year or quarter is a run of them): officials may only ask for these,
 * so two overlapping periods cannot be subtracted to reveal a cell hidden as 「<5」.
 */
export function isWholeMonths(from: string, to: string): boolean {
  if (!from.endsWith('-01') || !validDate(from) || !validDate(to)) return false;
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

/** Tokyo dates `from`…`to`, both included. Throws PeriodError with a Japanese message. */
export function parsePeriod(from: string, to: string): ReportPeriod {
  if (!validDate(from) || !validDate(to)) throw new PeriodError('期間は YYYY-MM-DD の形式で指定してください。');
  if (from > to) throw new PeriodError('期間の開始日は終了日より前にしてください。');
  const startMs = tokyoMidnight(from);
  const endMs = tokyoMidnight(to) + DAY_MS;
  if ((endMs - startMs) / DAY_MS > MAX_PERIOD_DAYS) throw new PeriodError('期間は3年以内で指定してください。');
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) break;
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
  return { from, to, startMs, endMs, months };
}

export const monthLabel = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

// ---------------------------------------------------------------------------------------------
// Figures and suppression

export interface FigureGroup {
  members: string[];
  total: string;
}

/** Counts about people, the sums they make, and the suppression over all of them. */
export class FigureSet {
  private readonly values = new Map<string, number>();
  private readonly groups: FigureGroup[] = [];

  set(key: string, value: number): void {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`figure ${key} must be a count, got ${value}`);
    this.values.set(key, value);
  }

  get(key: string): number {
    const v = this.values.get(key);
    if (v === undefined) throw new Error(`unknown figure ${key}`);
    return v;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Declares that `members` add up to `total` (checked: a wrong declaration would leak or hide wrongly). */
  group(members: string[], total: string): void {
    const sum = members.reduce((s, k) => s + this.get(k), 0);
    if (sum !== this.get(total)) throw new Error(`figures ${members.join(', ')} add up to ${sum}, not to ${total} = ${this.get(total)}`);
    this.groups.push({ members, total });
  }

  /** Which figures are hidden and why (see the module comment). */
  suppress(threshold: number): Map<string, 'small' | 'secondary'> {
    const hidden = new Map<string, 'small' | 'secondary'>();
    for (const [key, value] of this.values) if (value > 0 && value < threshold) hidden.set(key, 'small');
    for (let changed = true; changed; ) {
      changed = false;
      for (const { members, total } of this.groups) {
        if ([...members, total].filter((k) => hidden.has(k)).length !== 1) continue;
        const candidates = members.filter((k) => !hidden.has(k) && this.get(k) > 0).sort((a, b) => this.get(a) - this.get(b) || (a < b ? -1 : 1));
        const pick = candidates[0] ?? (!hidden.has(total) && this.get(total) > 0 ? total : undefined);
        if (pick) {
          hidden.set(pick, 'secondary');
          changed = true;
        }
      }
    }
    return hidden;
  }
}

// ---------------------------------------------------------------------------------------------
// Cells

export type CellSpec =
  /** A figure: shown or hidden as the suppression decided. */
  | { figure: string; kind?: 'count' }
  /** Computed from figures; hidden when one of them is, unless `safe` says the result reveals nothing. */
  | { derived: number | null; from: string[]; kind: CellKind; safe?: boolean }
  /** A median or mean over `n` items. */
  | { stat: number | null; n: number; kind: CellKind }
  /** Not about people (tokens): always shown. */
  | { plain: number; kind: CellKind };

const round1 = (v: number) => Math.round(v * 10) / 10;
const grouped = (v: number) => v.toLocaleString('ja-JP');

function formatValue(value: number, kind: CellKind): { value: number; display: string } {
  switch (kind) {
    case 'count':
    case 'tokens':
      return { value, display: grouped(value) };
    case 'percent': {
      const v = round1(value);
      return { value: v, display: `${v.toFixed(1)}%` };
    }
    case 'yen': {
      const v = Math.round(value);
      return { value: v, display: `${grouped(v)}円` };
    }
    case 'minutes': {
      const v = round1(value);
      return { value: v, display: `${v.toFixed(1)}分` };
    }
    case 'hours': {
      const v = round1(value);
      return { value: v, display: `${v.toFixed(1)}時間` };
    }
    case 'points': {
      // A change in a scale's score: signed, so a fall (less lonely, less distress) reads at a glance.
      const v = round1(value);
      return { value: v, display: `${v > 0 ? '+' : ''}${v.toFixed(1)}点` };
    }
  }
}

export const SECONDARY_MARK = 'X';
export const NOT_SHOWN_MARK = '－';
export const smallMark = (threshold: number) => `<${threshold}`;

export class CellResolver {
  constructor(
    private readonly figures: FigureSet,
    private readonly hidden: Map<string, 'small' | 'secondary'>,
    private readonly threshold: number,
  ) {}

  resolve(spec: CellSpec): ReportCell {
    if ('figure' in spec) {
      const why = this.hidden.get(spec.figure);
      if (why === 'small') return { value: null, display: smallMark(this.threshold), hidden: 'small' };
      if (why === 'secondary') return { value: null, display: SECONDARY_MARK, hidden: 'secondary' };
      return formatValue(this.figures.get(spec.figure), 'count');
    }
    if ('derived' in spec) {
      if (!spec.safe && spec.from.some((k) => this.hidden.has(k))) return { value: null, display: SECONDARY_MARK, hidden: 'secondary' };
      if (spec.derived === null || !Number.isFinite(spec.derived)) return { value: null, display: NOT_SHOWN_MARK, hidden: 'none' };
      return formatValue(spec.derived, spec.kind);
    }
    if ('stat' in spec) {
      if (spec.n === 0 || spec.stat === null) return { value: null, display: NOT_SHOWN_MARK, hidden: 'none' };
      if (spec.n < this.threshold) return { value: null, display: NOT_SHOWN_MARK, hidden: 'few' };
      return formatValue(spec.stat, spec.kind);
    }
    return formatValue(spec.plain, spec.kind);
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

const share = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

// ---------------------------------------------------------------------------------------------
// Labels

export const NUDGE_TRIGGERS = ['turn', 'risk', 'topic', 'silence-check-in'] as const;
export const NUDGE_TRIGGER_LABELS_JA: Record<string, string> = {
  turn: '会話が続いたとき',
  risk: 'つらさが高まったとき',
  topic: '相談先のある話題のとき',
  'silence-check-in': 'しばらく後の声かけ',
  unknown: '不明',
};
const NUDGE_EVENTS = ['offered', 'accepted', 'declined', 'reserved'] as const;
const NUDGE_EVENT_LABELS_JA: Record<(typeof NUDGE_EVENTS)[number], string> = {
  offered: '案内した',
  accepted: '受けた（すぐ話す）',
  declined: '断った',
  reserved: '予約した',
};

/** Every status the referral code writes (migrations: referrals_status_check), in the order a referral goes through them. */
export const REFERRAL_STATUSES = ['awaiting_consent', 'consent_declined', 'collecting', 'cancelled', 'sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'] as const;
/** The staff screens' words for them (admin-ui/src/i18n/ja-cases.ts). */
export const REFERRAL_STATUS_LABELS_JA: Record<string, string> = {
  awaiting_consent: '同意待ち',
  consent_declined: '同意されず',
  collecting: '情報の入力待ち',
  cancelled: '取り下げ',
  sent: '送付済み',
  acknowledged: '受領',
  accepted: '受諾',
  declined: '辞退',
  contacted: '連絡済み',
  closed: '終了',
  withdrawn: '同意取り消し',
};
/** Column key of a referral table's row total (a status is never called this: see the check constraint). */
const ALL_STATUSES = 'total';
/**
 * The statuses of a referral that reached the partner organisation: what the source documents count
 * as 支援団体へのつなぎ. Those still waiting for the resident's consent or details, refused by them or
 * taken back by staff before sending never reached anyone.
 */
export const REFERRAL_SENT_STATUSES = ['sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'] as const;
/** Column key of a referral table's 支援団体へのつなぎ (not a status either). */
const SENT = 'made';

/** The closing question's five steps, 1 (lowest) … 5. */
export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;
export const SATISFACTION_LABELS_JA: Record<number, string> = { 5: 'とてもよかった', 4: 'よかった', 3: 'どちらともいえない', 2: 'あまりよくなかった', 1: 'よくなかった' };

/** Short titles for the profile's intake questions (the questions themselves are long sentences). */
const INTAKE_TITLES_JA: Record<string, string> = { eligibility: '市との関わり', 'age-band': '年代', topic: '話したいこと' };
export const NO_ANSWER_LABEL = '未回答';
/** Row key of 未回答: an underscore cannot be an option value (values are slugs), so it never collides. */
export const NO_ANSWER_KEY = '_unanswered';
const WEEKDAY_LABELS_JA = ['月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日', '日曜日'];

/** Excel forbids []:*?/\ in sheet names and allows 31 characters. */
export function sheetNameFor(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, '・').slice(0, 31);
}

// ---------------------------------------------------------------------------------------------
// Building the report

export interface ReportSettings {
  profile: MunicipalityProfile;
  calendar: BusinessCalendar;
}

const TOTAL = 'total';

const isoWeekdayOfDate = (date: string) => tokyoTime(tokyoMidnight(date)).isoWeekday;

export function buildReport(raw: RawReport, period: ReportPeriod, settings: ReportSettings, generatedAt: Date): Report {
  const { profile, calendar } = settings;
  const { smallCellThreshold: threshold, minutesPerReply, staffHourlyCostYen, linePlan } = profile.reports;
  const months = period.months;
  const buckets = [...months, TOTAL];
  const f = new FigureSet();
  const byMonth = <T extends { month: string | null }>(rows: T[]) => new Map(rows.map((r) => [r.month ?? TOTAL, r]));

  /** Sets one figure per month and the period total as their sum, and declares the column group. */
  const monthly = (name: string, perMonth: (month: string) => number) => {
    let sum = 0;
    for (const m of months) {
      const v = perMonth(m);
      f.set(`${name}:${m}`, v);
      sum += v;
    }
    f.set(`${name}:${TOTAL}`, sum);
    f.group(
      months.map((m) => `${name}:${m}`),
      `${name}:${TOTAL}`,
    );
  };
  /** Declares, for every month and the total, that the named figures add up to `total`. */
  const rowGroups = (members: string[], total: string) => {
    for (const b of buckets) f.group(members.map((k) => `${k}:${b}`), `${total}:${b}`);
  };

  // --- registrations, consulters, consultations, messages
  const reg = byMonth(raw.registrations);
  monthly('follows', (m) => reg.get(m)?.follows ?? 0);
  monthly('unfollows', (m) => reg.get(m)?.unfollows ?? 0);
  const consulters = byMonth(raw.consulters);
  for (const b of buckets) f.set(`consulters:${b}`, consulters.get(b)?.consulters ?? 0);

  const msg = byMonth(raw.messages);
  const m0 = { messagesIn: 0, messagesOut: 0, aiReplies: 0, aiModelReplies: 0, fallbackReplies: 0, staffReplies: 0, byReply: 0, byPush: 0, promptTokens: 0, completionTokens: 0 };
  const msgOf = (m: string) => msg.get(m) ?? { month: m, ...m0 };
  monthly('messagesIn', (m) => msgOf(m).messagesIn);
  monthly('messagesOut', (m) => msgOf(m).messagesOut);
  monthly('ai', (m) => msgOf(m).aiReplies);
  monthly('fallback', (m) => msgOf(m).fallbackReplies);
  monthly('staff', (m) => msgOf(m).staffReplies);
  monthly('replies', (m) => msgOf(m).aiReplies + msgOf(m).staffReplies);
  rowGroups(['ai', 'staff'], 'replies');
  monthly('byReply', (m) => msgOf(m).byReply);
  monthly('byPush', (m) => msgOf(m).byPush);
  rowGroups(['byReply', 'byPush'], 'messagesOut');
  monthly('aiModel', (m) => msgOf(m).aiModelReplies);

  const cons = byMonth(raw.consultations);
  const consOf = (m: string) => cons.get(m);
  monthly('consultations', (m) => consOf(m)?.consultations ?? 0);
  monthly('requested', (m) => consOf(m)?.personRequested ?? 0);
  monthly('reached', (m) => consOf(m)?.reachedPerson ?? 0);
  // Per consultation, as the source documents count 生成AI対応 / スタッフ対応: a consultation that
  // no staff member answered was handled by the AI alone.
  monthly('aiOnly', (m) => (consOf(m)?.consultations ?? 0) - (consOf(m)?.reachedPerson ?? 0));
  rowGroups(['aiOnly', 'reached'], 'consultations');
  const riskField = { none: 'riskNone', low: 'riskLow', medium: 'riskMedium', high: 'riskHigh', imminent: 'riskImminent' } as const;
  for (const level of RISK_LEVELS) monthly(`risk.${level}`, (m) => consOf(m)?.[riskField[level]] ?? 0);
  rowGroups(
    RISK_LEVELS.map((l) => `risk.${l}`),
    'consultations',
  );

  // --- a person: waiting time in business minutes, requests made outside business hours
  const monthOf = (ms: number) => tokyoDate(ms).slice(0, 7);
  const waits = new Map<string, number[]>(buckets.map((b) => [b, []]));
  const ah = new Map(buckets.map((b) => [b, { requests: 0, answered: 0, withinHour: 0, minutes: [] as number[], hours: [] as number[] }]));
  for (const row of raw.humanHelp) {
    const m = monthOf(row.openedAtMs);
    if (!waits.has(m)) continue;
    const measured = row.waitingSinceMs !== null && row.firstStaffReplyAtMs !== null && row.firstStaffReplyAtMs >= row.waitingSinceMs;
    const minutes = measured ? businessMinutesBetween(row.waitingSinceMs!, row.firstStaffReplyAtMs!, calendar) : null;
    if (minutes !== null) for (const b of [m, TOTAL]) waits.get(b)!.push(minutes);
    const afterHours = row.requestReason === 'reservation' || (row.waitingSinceMs !== null && !isOpen(row.waitingSinceMs, calendar));
    if (!afterHours) continue;
    for (const b of [m, TOTAL]) {
      const a = ah.get(b)!;
      a.requests += 1;
      if (row.firstStaffReplyAtMs !== null) a.answered += 1;
      if (minutes !== null) {
        a.minutes.push(minutes);
        a.hours.push((row.firstStaffReplyAtMs! - row.waitingSinceMs!) / 3_600_000);
        if (minutes <= 60) a.withinHour += 1;
      }
    }
  }
  monthly('waitMeasured', (m) => waits.get(m)!.length);
  monthly('ahRequests', (m) => ah.get(m)!.requests);
  monthly('ahAnswered', (m) => ah.get(m)!.answered);
  monthly('ahUnanswered', (m) => ah.get(m)!.requests - ah.get(m)!.answered);
  monthly('ahWithinHour', (m) => ah.get(m)!.withinHour);
  rowGroups(['ahAnswered', 'ahUnanswered'], 'ahRequests');

  // --- crisis alerts
  const al = byMonth(raw.alerts);
  monthly('alerts', (m) => al.get(m)?.alerts ?? 0);
  monthly('alertsAck', (m) => al.get(m)?.acknowledged ?? 0);
  monthly('alertsUnack', (m) => (al.get(m)?.alerts ?? 0) - (al.get(m)?.acknowledged ?? 0));
  monthly('alertsEscalated', (m) => al.get(m)?.escalated ?? 0);
  rowGroups(['alertsAck', 'alertsUnack'], 'alerts');

  // --- nudges, by the trigger of the offer
  const triggerKeys = [...NUDGE_TRIGGERS] as string[];
  const nudgeCounts = new Map<string, number>();
  for (const row of raw.nudges) {
    // An answer with no earlier offer in the consultation (data from before nudges were recorded) is 不明.
    const trigger = row.trigger ?? 'unknown';
    if (!triggerKeys.includes(trigger)) triggerKeys.push(trigger);
    nudgeCounts.set(`${row.event}:${trigger}`, (nudgeCounts.get(`${row.event}:${trigger}`) ?? 0) + row.count);
  }
  for (const event of NUDGE_EVENTS) {
    let sum = 0;
    for (const t of triggerKeys) {
      const v = nudgeCounts.get(`${event}:${t}`) ?? 0;
      f.set(`nudge.${event}:${t}`, v);
      sum += v;
    }
    f.set(`nudge.${event}:${TOTAL}`, sum);
    f.group(
      triggerKeys.map((t) => `nudge.${event}:${t}`),
      `nudge.${event}:${TOTAL}`,
    );
  }

  // --- referrals by partner × the status they have now, consents by month
  const statusKeys = [...REFERRAL_STATUSES] as string[];
  const partners = new Map<string, string>();
  const referralCounts = new Map<string, number>();
  for (const row of raw.referrals) {
    partners.set(row.partnerId, row.partnerName);
    if (row.status === null) continue;
    if (!statusKeys.includes(row.status)) statusKeys.push(row.status);
    referralCounts.set(`${row.status}:${row.partnerId}`, (referralCounts.get(`${row.status}:${row.partnerId}`) ?? 0) + row.count);
  }
  const partnerIds = [...partners.keys()].sort((a, b) => partners.get(a)!.localeCompare(partners.get(b)!, 'ja') || (a < b ? -1 : 1));
  /** Figure key of a referral cell: a partner's row (prefixed, so no partner id meets the total row) or, with null, the total row. */
  const refKey = (status: string, partner: string | null) => `referral.${status}:${partner === null ? TOTAL : `partner.${partner}`}`;
  const columnSums = new Map<string, number>(statusKeys.map((st) => [st, 0]));
  for (const id of partnerIds) {
    let rowSum = 0;
    for (const st of statusKeys) {
      const v = referralCounts.get(`${st}:${id}`) ?? 0;
      f.set(refKey(st, id), v);
      rowSum += v;
      columnSums.set(st, columnSums.get(st)! + v);
    }
    f.set(refKey(ALL_STATUSES, id), rowSum);
  }
  for (const st of statusKeys) f.set(refKey(st, null), columnSums.get(st)!);
  f.set(
    refKey(ALL_STATUSES, null),
    [...columnSums.values()].reduce((a, b) => a + b, 0),
  );
  const sentKeys = statusKeys.filter((st) => (REFERRAL_SENT_STATUSES as readonly string[]).includes(st));
  for (const row of [...partnerIds, null]) f.set(refKey(SENT, row), sentKeys.reduce((s, st) => s + f.get(refKey(st, row)), 0));
  for (const row of [...partnerIds, null]) {
    f.group(statusKeys.map((st) => refKey(st, row)), refKey(ALL_STATUSES, row));
    f.group(sentKeys.map((st) => refKey(st, row)), refKey(SENT, row));
  }
  for (const st of [...statusKeys, ALL_STATUSES, SENT]) f.group(partnerIds.map((id) => refKey(st, id)), refKey(st, null));

  const consentsByMonth = byMonth(raw.consents);
  monthly('consentAgreed', (m) => consentsByMonth.get(m)?.agreed ?? 0);
  monthly('consentDeclined', (m) => consentsByMonth.get(m)?.declined ?? 0);
  monthly('consentWithdrawn', (m) => consentsByMonth.get(m)?.withdrawn ?? 0);

  // --- the closing question 「相談してよかったですか」: asked, answered, and each score
  const sat = byMonth(raw.satisfaction);
  monthly('satAsked', (m) => sat.get(m)?.asked ?? 0);
  for (const k of SATISFACTION_SCORES) monthly(`sat.${k}`, (m) => sat.get(m)?.scores[k - 1] ?? 0);
  monthly('satAnswered', (m) => (sat.get(m)?.scores ?? []).reduce((a, b) => a + b, 0));
  monthly('satUnanswered', (m) => (sat.get(m)?.asked ?? 0) - (sat.get(m)?.scores ?? []).reduce((a, b) => a + b, 0));
  rowGroups(['satAnswered', 'satUnanswered'], 'satAsked');
  rowGroups(
    SATISFACTION_SCORES.map((k) => `sat.${k}`),
    'satAnswered',
  );

  // --- caring check-ins: sent, answered (a person or the AI), and those that led to a person
  const ci = byMonth(raw.checkIns ?? []);
  monthly('checkInSent', (m) => ci.get(m)?.sent ?? 0);
  monthly('checkInAnswered', (m) => ci.get(m)?.answered ?? 0);
  monthly('checkInUnanswered', (m) => (ci.get(m)?.sent ?? 0) - (ci.get(m)?.answered ?? 0));
  monthly('checkInPerson', (m) => ci.get(m)?.person ?? 0);
  monthly('checkInAi', (m) => (ci.get(m)?.answered ?? 0) - (ci.get(m)?.person ?? 0));
  rowGroups(['checkInAnswered', 'checkInUnanswered'], 'checkInSent');
  rowGroups(['checkInPerson', 'checkInAi'], 'checkInAnswered');

  // --- outcome scales: completed at intake and at follow-up, and the change among those with both
  for (const sc of raw.scales ?? []) {
    f.set(`scaleIntake.${sc.scale}:${TOTAL}`, sc.intake);
    f.set(`scaleFollowUp.${sc.scale}:${TOTAL}`, sc.followUp);
    f.set(`scalePairs.${sc.scale}:${TOTAL}`, sc.changes.length);
  }

  // --- intake answers of the residents who consulted
  const questions = profile.intake.questions;
  for (const q of questions) {
    const counts = new Map<string | null, number>();
    for (const row of raw.intake) if (row.questionId === q.id) counts.set(row.value, (counts.get(row.value) ?? 0) + row.count);
    const known = new Set(q.options.map((o) => o.value));
    // An answer that is no longer an option of the profile is counted with 未回答 rather than dropped.
    let other = 0;
    for (const [value, c] of counts) if (value === null || !known.has(value)) other += c;
    for (const o of q.options) f.set(`intake.${q.id}.${o.value}:${TOTAL}`, counts.get(o.value) ?? 0);
    f.set(`intake.${q.id}.${NO_ANSWER_KEY}:${TOTAL}`, other);
    f.group([...q.options.map((o) => `intake.${q.id}.${o.value}:${TOTAL}`), `intake.${q.id}.${NO_ANSWER_KEY}:${TOTAL}`], `consulters:${TOTAL}`);
  }

  // --- when residents write
  const hours = new Array<number>(24).fill(0);
  const weekdays = new Array<number>(8).fill(0);
  const inHours = new Map<string, number>(months.map((m) => [m, 0]));
  const outHours = new Map<string, number>(months.map((m) => [m, 0]));
  for (const slot of raw.inbound) {
    const m = slot.date.slice(0, 7);
    if (!inHours.has(m)) continue;
    hours[slot.hour] += slot.count;
    weekdays[isoWeekdayOfDate(slot.date)] += slot.count;
    const inside = slot.inWindow && isBusinessDay(slot.date, calendar);
    (inside ? inHours : outHours).set(m, (inside ? inHours : outHours).get(m)! + slot.count);
  }
  for (let h = 0; h < 24; h += 1) f.set(`hour.${h}:${TOTAL}`, hours[h]);
  f.group(
    hours.map((_, h) => `hour.${h}:${TOTAL}`),
    `messagesIn:${TOTAL}`,
  );
  for (let d = 1; d <= 7; d += 1) f.set(`weekday.${d}:${TOTAL}`, weekdays[d]);
  f.group(
    [1, 2, 3, 4, 5, 6, 7].map((d) => `weekday.${d}:${TOTAL}`),
    `messagesIn:${TOTAL}`,
  );
  monthly('inHours', (m) => inHours.get(m)!);
  monthly('outHours', (m) => outHours.get(m)!);
  rowGroups(['inHours', 'outHours'], 'messagesIn');

  // --- suppression, once for every figure of the report
  const hidden = f.suppress(threshold);
  const cells = new CellResolver(f, hidden, threshold);
  const fig = (key: string): CellSpec => ({ figure: key });
  const rowLabel = (b: string) => (b === TOTAL ? '合計' : monthLabel(b));

  const tables: ReportTable[] = [];
  const table = (t: Omit<ReportTable, 'rows' | 'sheetName'> & { sheetName?: string; rows: { key: string; label: string; total?: boolean; cells: Record<string, CellSpec> }[] }) => {
    const built: ReportTable = {
      ...t,
      sheetName: sheetNameFor(t.sheetName ?? t.title),
      rows: t.rows.map((r) => ({ key: r.key, label: r.label, ...(r.total ? { total: true } : {}), cells: Object.fromEntries(Object.entries(r.cells).map(([k, spec]) => [k, cells.resolve(spec)])) })),
    };
    tables.push(built);
    return built;
  };
  const monthRows = (cellsFor: (b: string) => Record<string, CellSpec>) =>
    buckets.map((b) => ({ key: b, label: rowLabel(b), ...(b === TOTAL ? { total: true } : {}), cells: cellsFor(b) }));

  table({
    id: 'monthly',
    title: '月別の利用状況',
    rowHeader: '月',
    note: '友だち登録・ブロックは LINE の友だち追加とブロックの件数（ブロック後の再登録も1件）。相談者は期間中に文字のメッセージを1回以上送った人の実人数で、合計は期間全体の実人数（各月の和ではありません）。相談件数は相談の開始月に計上。受信は住民が送った文字・スタンプ・画像など（ボタン操作を除く）、送信は LINE に届けたメッセージ。',
    columns: [
      { key: 'follows', label: '友だち登録（件）', kind: 'count' },
      { key: 'unfollows', label: 'ブロック（件）', kind: 'count' },
      { key: 'consulters', label: '相談者（人）', kind: 'count' },
      { key: 'consultations', label: '相談件数', kind: 'count' },
      { key: 'messagesIn', label: '受信メッセージ', kind: 'count' },
      { key: 'messagesOut', label: '送信メッセージ', kind: 'count' },
    ],
    rows: monthRows((b) => ({
      follows: fig(`follows:${b}`),
      unfollows: fig(`unfollows:${b}`),
      consulters: fig(`consulters:${b}`),
      consultations: fig(`consultations:${b}`),
      messagesIn: fig(`messagesIn:${b}`),
      messagesOut: fig(`messagesOut:${b}`),
    })),
  });

  /** AI or staff share of the replies; hidden with either count, since one reveals the other. */
  const replyShare = (part: 'ai' | 'staff', b: string): CellSpec => ({
    derived: share(f.get(`${part}:${b}`), f.get(`replies:${b}`)),
    from: [`ai:${b}`, `staff:${b}`, `replies:${b}`],
    kind: 'percent',
  });
  table({
    id: 'replies',
    title: 'AIとスタッフの対応',
    rowHeader: '月',
    note: '住民への返信のうち、AI が送ったものと専門スタッフが送ったもの。定型文は AI が使えないときの決まった返事（AI の件数に含む）。案内や手続きの自動メッセージは含みません。',
    columns: [
      { key: 'ai', label: 'AIの返信', kind: 'count' },
      { key: 'fallback', label: 'うち定型文', kind: 'count' },
      { key: 'staff', label: 'スタッフの返信', kind: 'count' },
      { key: 'replies', label: '返信の合計', kind: 'count' },
      { key: 'aiShare', label: 'AI対応率', kind: 'percent' },
      { key: 'staffShare', label: 'スタッフ対応率', kind: 'percent' },
    ],
    rows: monthRows((b) => ({
      ai: fig(`ai:${b}`),
      fallback: fig(`fallback:${b}`),
      staff: fig(`staff:${b}`),
      replies: fig(`replies:${b}`),
      aiShare: replyShare('ai', b),
      staffShare: replyShare('staff', b),
    })),
  });

  /** Share of the consultations handled by the AI alone or by staff; hidden with either count. */
  const consultationShare = (part: 'aiOnly' | 'reached', b: string): CellSpec => ({
    derived: share(f.get(`${part}:${b}`), f.get(`consultations:${b}`)),
    from: [`aiOnly:${b}`, `reached:${b}`, `consultations:${b}`],
    kind: 'percent',
  });
  table({
    id: 'consultationSplit',
    title: 'AIとスタッフの対応（相談件数）',
    rowHeader: '月',
    note: '相談ごとに、AIだけで対応したか、専門スタッフが1回以上返信したか（相談の開始月に計上）。公表されている「生成AI対応・スタッフ対応」の割合はこの数え方です。返信の数での割合は「AIとスタッフの対応」の表にあります。',
    columns: [
      { key: 'aiOnly', label: 'AIだけで対応した相談', kind: 'count' },
      { key: 'reached', label: 'スタッフが対応した相談', kind: 'count' },
      { key: 'consultations', label: '相談件数', kind: 'count' },
      { key: 'aiOnlyShare', label: '生成AI対応', kind: 'percent' },
      { key: 'staffShare', label: 'スタッフ対応', kind: 'percent' },
    ],
    rows: monthRows((b) => ({
      aiOnly: fig(`aiOnly:${b}`),
      reached: fig(`reached:${b}`),
      consultations: fig(`consultations:${b}`),
      aiOnlyShare: consultationShare('aiOnly', b),
      staffShare: consultationShare('reached', b),
    })),
  });

  table({
    id: 'humanHelp',
    title: '人による対応',
    rowHeader: '月',
    note: '人と話したいと求められた相談と、スタッフが返信した相談（相談の開始月に計上）。初回応答までの時間は、求められた時刻からスタッフの最初の返信までのうち営業時間内の分数（夜間・休日は数えません）。',
    columns: [
      { key: 'requested', label: '人を求めた相談', kind: 'count' },
      { key: 'reached', label: '人につながった相談', kind: 'count' },
      { key: 'waitMeasured', label: '初回応答を測れた相談', kind: 'count' },
      { key: 'waitMedian', label: '初回応答まで・中央値（営業時間の分）', kind: 'minutes' },
      { key: 'waitMean', label: '初回応答まで・平均（営業時間の分）', kind: 'minutes' },
    ],
    rows: monthRows((b) => ({
      requested: fig(`requested:${b}`),
      reached: fig(`reached:${b}`),
      waitMeasured: fig(`waitMeasured:${b}`),
      waitMedian: { stat: median(waits.get(b)!), n: waits.get(b)!.length, kind: 'minutes' },
      waitMean: { stat: mean(waits.get(b)!), n: waits.get(b)!.length, kind: 'minutes' },
    })),
  });

  table({
    id: 'afterHours',
    title: '時間外の依頼',
    rowHeader: '月',
    note: '営業時間外に人と話したいと求められた相談（予約を含む）と、その後の返信。1時間以内は、次の営業開始から数えて営業時間で60分以内に返信したもの。',
    columns: [
      { key: 'requests', label: '時間外の依頼', kind: 'count' },
      { key: 'answered', label: '返信済み', kind: 'count' },
      { key: 'unanswered', label: '未返信', kind: 'count' },
      { key: 'withinHour', label: '営業開始から1時間以内に返信', kind: 'count' },
      { key: 'minutesMedian', label: '返信まで・中央値（営業時間の分）', kind: 'minutes' },
      { key: 'hoursMedian', label: '返信まで・中央値（経過時間）', kind: 'hours' },
    ],
    rows: monthRows((b) => ({
      requests: fig(`ahRequests:${b}`),
      answered: fig(`ahAnswered:${b}`),
      unanswered: fig(`ahUnanswered:${b}`),
      withinHour: fig(`ahWithinHour:${b}`),
      minutesMedian: { stat: median(ah.get(b)!.minutes), n: ah.get(b)!.minutes.length, kind: 'minutes' },
      hoursMedian: { stat: median(ah.get(b)!.hours), n: ah.get(b)!.hours.length, kind: 'hours' },
    })),
  });

  table({
    id: 'risk',
    title: '危険度別の相談',
    rowHeader: '月',
    note: '相談ごとに、その相談で判定された最も高い危険度（相談の開始月に計上）。',
    columns: [...RISK_LEVELS.map((l) => ({ key: l, label: RISK_LEVEL_LABELS_JA[l], kind: 'count' as const })), { key: 'total', label: '相談件数', kind: 'count' }],
    rows: monthRows((b) => ({ ...Object.fromEntries(RISK_LEVELS.map((l) => [l, fig(`risk.${l}:${b}`)])), total: fig(`consultations:${b}`) })),
  });

  const alertStat = (b: string, which: 'medianAckMinutes' | 'meanAckMinutes'): CellSpec => ({ stat: al.get(b)?.[which] ?? null, n: al.get(b)?.acknowledged ?? 0, kind: 'minutes' });
  table({
    id: 'alerts',
    title: '危機アラート',
    rowHeader: '月',
    note: '危険度が高いと判定されたときにスタッフ・当番へ送った通知。確認までの時間は実際の経過分（24時間対応のため）。',
    columns: [
      { key: 'alerts', label: 'アラート', kind: 'count' },
      { key: 'acknowledged', label: '確認済み', kind: 'count' },
      { key: 'unacknowledged', label: '未確認', kind: 'count' },
      { key: 'escalated', label: '上位者へ連絡', kind: 'count' },
      { key: 'ackMedian', label: '確認まで・中央値（分）', kind: 'minutes' },
      { key: 'ackMean', label: '確認まで・平均（分）', kind: 'minutes' },
    ],
    rows: monthRows((b) => ({
      alerts: fig(`alerts:${b}`),
      acknowledged: fig(`alertsAck:${b}`),
      unacknowledged: fig(`alertsUnack:${b}`),
      escalated: fig(`alertsEscalated:${b}`),
      ackMedian: alertStat(b, 'medianAckMinutes'),
      ackMean: alertStat(b, 'meanAckMinutes'),
    })),
  });

  table({
    id: 'nudges',
    title: '人への案内',
    rowHeader: 'きっかけ',
    note: 'AI が専門スタッフと話すことを案内した回数と、その答え（答えは直前の案内のきっかけに計上）。',
    columns: [...NUDGE_EVENTS.map((e) => ({ key: e, label: NUDGE_EVENT_LABELS_JA[e], kind: 'count' as const })), { key: 'acceptance', label: '応じた割合', kind: 'percent' as const }],
    rows: [...triggerKeys, TOTAL].map((t) => ({
      key: t,
      label: t === TOTAL ? '合計' : (NUDGE_TRIGGER_LABELS_JA[t] ?? t),
      ...(t === TOTAL ? { total: true } : {}),
      cells: {
        ...Object.fromEntries(NUDGE_EVENTS.map((e) => [e, fig(`nudge.${e}:${t}`)])),
        // Accepted now or reserved for the next opening, of the offers with this trigger; hidden with any of them.
        acceptance: {
          derived: share(f.get(`nudge.accepted:${t}`) + f.get(`nudge.reserved:${t}`), f.get(`nudge.offered:${t}`)),
          from: [`nudge.accepted:${t}`, `nudge.reserved:${t}`, `nudge.offered:${t}`],
          kind: 'percent',
        },
      },
    })),
  });

  table({
    id: 'referrals',
    title: '紹介（連携団体別・結果別）',
    rowHeader: '連携団体',
    note: '期間中に作成した支援団体への紹介を、紹介先の団体と現在の状況で数えたもの（作成日で計上、状況は集計時点）。同意待ち・情報の入力待ちは相談者の同意や入力を待っている紹介、同意されず・取り下げは団体に送られなかった紹介、同意取り消しは送付後に相談者が同意を取り消した紹介です。支援団体へのつなぎは、団体に送られた紹介（送付済み・受領・受諾・辞退・連絡済み・終了・同意取り消し）の数です。',
    columns: [
      ...statusKeys.map((st) => ({ key: st, label: REFERRAL_STATUS_LABELS_JA[st] ?? st, kind: 'count' as const })),
      { key: ALL_STATUSES, label: '紹介の合計', kind: 'count' },
      { key: SENT, label: '支援団体へのつなぎ', kind: 'count' },
    ],
    rows: [...partnerIds.map((id) => ({ key: id, label: partners.get(id)!, cells: Object.fromEntries([...statusKeys, ALL_STATUSES, SENT].map((st) => [st, fig(refKey(st, id))])) })), {
      key: TOTAL,
      label: '合計',
      total: true,
      cells: Object.fromEntries([...statusKeys, ALL_STATUSES, SENT].map((st) => [st, fig(refKey(st, null))])),
    }],
  });

  table({
    id: 'consents',
    title: '同意',
    rowHeader: '月',
    note: '紹介のために相談者にお願いした情報提供への同意。同意した・同意しなかった・同意を取り消したそれぞれを、その日の月に計上（同意した月と取り消した月が異なることがあります）。',
    columns: [
      { key: 'agreed', label: '同意した', kind: 'count' },
      { key: 'declined', label: '同意しなかった', kind: 'count' },
      { key: 'withdrawn', label: '同意を取り消した', kind: 'count' },
    ],
    rows: monthRows((b) => ({
      agreed: fig(`consentAgreed:${b}`),
      declined: fig(`consentDeclined:${b}`),
      withdrawn: fig(`consentWithdrawn:${b}`),
    })),
  });

  table({
    id: 'satisfaction',
    title: '相談してよかったか（終了時の質問）',
    rowHeader: '月',
    note: '相談の終わりに「相談してよかったですか」と5段階でたずねた答え（たずねた月に計上）。答えるかどうかは自由で、無回答・スキップも数えます。自由記述は報告に含みません。「よかった」の割合は、回答のうち「よかった」「とてもよかった」の割合です。',
    columns: [
      { key: 'asked', label: 'たずねた相談', kind: 'count' },
      { key: 'answered', label: '回答', kind: 'count' },
      { key: 'unanswered', label: '無回答・スキップ', kind: 'count' },
      ...[...SATISFACTION_SCORES].reverse().map((k) => ({ key: `s${k}`, label: SATISFACTION_LABELS_JA[k], kind: 'count' as const })),
      { key: 'goodShare', label: '「よかった」の割合', kind: 'percent' },
    ],
    rows: monthRows((b) => ({
      asked: fig(`satAsked:${b}`),
      answered: fig(`satAnswered:${b}`),
      unanswered: fig(`satUnanswered:${b}`),
      ...Object.fromEntries(SATISFACTION_SCORES.map((k) => [`s${k}`, fig(`sat.${k}:${b}`)])),
      goodShare: { derived: share(f.get(`sat.4:${b}`) + f.get(`sat.5:${b}`), f.get(`satAnswered:${b}`)), from: [`sat.4:${b}`, `sat.5:${b}`, `satAnswered:${b}`], kind: 'percent' },
    })),
  });

  table({
    id: 'checkIns',
    title: 'その後の様子うかがい（見守りメッセージ）',
    rowHeader: '月',
    note: '同意した相談者に、しばらくお話がないときに送った短いメッセージ（送った月に計上）。返信は「スタッフと話したい」「AIと話したい」を選んだもの、人につながったは「スタッフと話したい」を選んだものです。',
    columns: [
      { key: 'sent', label: '送った', kind: 'count' },
      { key: 'answered', label: '返信あり', kind: 'count' },
      { key: 'unanswered', label: '返信なし', kind: 'count' },
      { key: 'person', label: '人につながった', kind: 'count' },
      { key: 'ai', label: 'AIと話した', kind: 'count' },
    ],
    rows: monthRows((b) => ({
      sent: fig(`checkInSent:${b}`),
      answered: fig(`checkInAnswered:${b}`),
      unanswered: fig(`checkInUnanswered:${b}`),
      person: fig(`checkInPerson:${b}`),
      ai: fig(`checkInAi:${b}`),
    })),
  });

  if (raw.scales) {
    table({
      id: 'outcomeScales',
      title: '孤独感・心理的苦痛の変化（UCLA-3・K6）',
      rowHeader: '尺度',
      note: '任意の短い質問票。最初の登録時と、同意した人への2〜4週間後のフォローアップでたずね、すべて答えた回答を回答した日で計上。UCLA-3（孤独感、3〜9点、高いほど孤独）、K6（心理的苦痛、0〜24点、13点以上は重い苦痛）。変化は期間中にフォローアップに答えた人のうち登録時にも答えた人の「フォローアップ−登録時」の平均で、マイナスは改善です。人数が少ない値は表示しません。',
      columns: [
        { key: 'intake', label: '登録時の回答', kind: 'count' },
        { key: 'followUp', label: 'フォローアップの回答', kind: 'count' },
        { key: 'pairs', label: '両方に答えた人', kind: 'count' },
        { key: 'meanChange', label: '平均の変化', kind: 'points' },
      ],
      rows: raw.scales.map((sc) => ({
        key: sc.scale,
        label: sc.scale === 'ucla3' ? 'UCLA-3 孤独感' : 'K6 心理的苦痛',
        cells: {
          intake: fig(`scaleIntake.${sc.scale}:${TOTAL}`),
          followUp: fig(`scaleFollowUp.${sc.scale}:${TOTAL}`),
          pairs: fig(`scalePairs.${sc.scale}:${TOTAL}`),
          meanChange: { stat: mean(sc.changes), n: sc.changes.length, kind: 'points' },
        },
      })),
    });
  }

  for (const q of questions) {
    const keys = [...q.options.map((o) => o.value), NO_ANSWER_KEY];
    const title = `相談者の${INTAKE_TITLES_JA[q.id] ?? q.id}`;
    table({
      id: `intake-${q.id}`,
      title,
      rowHeader: INTAKE_TITLES_JA[q.id] ?? q.text,
      note: `期間中に相談した人の、最初のアンケートの答え（「${q.text}」）。`,
      columns: [
        { key: 'residents', label: '人数', kind: 'count' },
        { key: 'share', label: '割合', kind: 'percent' },
      ],
      rows: [...keys, TOTAL].map((k) => {
        const key = k === TOTAL ? `consulters:${TOTAL}` : `intake.${q.id}.${k}:${TOTAL}`;
        const label = k === TOTAL ? '合計' : k === NO_ANSWER_KEY ? NO_ANSWER_LABEL : q.options.find((o) => o.value === k)!.label;
        return {
          key: k,
          label,
          ...(k === TOTAL ? { total: true } : {}),
          cells: { residents: fig(key), share: { derived: share(f.get(key), f.get(`consulters:${TOTAL}`)), from: [key, `consulters:${TOTAL}`], kind: 'percent' } },
        };
      }),
    });
  }

  /** Rows of a distribution of the messages received (by hour, by weekday) with their share. */
  const patternRows = (items: { key: string; figure: string; label: string }[]) =>
    [...items, { key: TOTAL, figure: `messagesIn:${TOTAL}`, label: '合計' }].map((item) => ({
      key: item.key,
      label: item.label,
      ...(item.key === TOTAL ? { total: true } : {}),
      cells: {
        messages: fig(item.figure),
        share: { derived: share(f.get(item.figure), f.get(`messagesIn:${TOTAL}`)), from: [item.figure, `messagesIn:${TOTAL}`], kind: 'percent' } as CellSpec,
      },
    }));
  const patternColumns: ReportColumn[] = [
    { key: 'messages', label: '受信メッセージ', kind: 'count' },
    { key: 'share', label: '割合', kind: 'percent' },
  ];
  table({
    id: 'hours',
    title: '時間帯別の受信',
    rowHeader: '時間帯',
    note: '住民からメッセージが届いた時刻（日本時間）。',
    columns: patternColumns,
    rows: patternRows(hours.map((_, h) => ({ key: String(h), figure: `hour.${h}:${TOTAL}`, label: `${h}時台` }))),
  });
  table({
    id: 'weekdays',
    title: '曜日別の受信',
    rowHeader: '曜日',
    note: '住民からメッセージが届いた曜日（日本時間）。',
    columns: patternColumns,
    rows: patternRows([1, 2, 3, 4, 5, 6, 7].map((d) => ({ key: String(d), figure: `weekday.${d}:${TOTAL}`, label: WEEKDAY_LABELS_JA[d - 1] }))),
  });
  table({
    id: 'businessHours',
    title: '営業時間内外の受信',
    rowHeader: '月',
    note: `営業時間（${profile.businessHours.open}〜${profile.businessHours.close}、土日祝日と休業日を除く）の内と外に届いたメッセージ。時間外は AI だけが答えられる時間です。`,
    noteValues: { open: profile.businessHours.open, close: profile.businessHours.close },
    columns: [
      { key: 'inHours', label: '営業時間内', kind: 'count' },
      { key: 'outHours', label: '営業時間外', kind: 'count' },
      { key: 'messagesIn', label: '受信メッセージ', kind: 'count' },
      { key: 'outShare', label: '時間外の割合', kind: 'percent' },
    ],
    rows: monthRows((b) => ({
      inHours: fig(`inHours:${b}`),
      outHours: fig(`outHours:${b}`),
      messagesIn: fig(`messagesIn:${b}`),
      outShare: { derived: share(f.get(`outHours:${b}`), f.get(`messagesIn:${b}`)), from: [`outHours:${b}`, `messagesIn:${b}`], kind: 'percent' },
    })),
  });

  // Cost: LINE counts pushes against the plan (replies are free); each month is billed its fee.
  const messageCost = (pushes: number) => linePlan.monthlyFeeYen + Math.max(0, pushes - linePlan.includedMessages) * linePlan.extraMessageYen;
  const costOf = (b: string) => (b === TOTAL ? months.reduce((s, m) => s + messageCost(f.get(`byPush:${m}`)), 0) : messageCost(f.get(`byPush:${b}`)));
  const costSafe = (b: string) => (b === TOTAL ? months : [b]).every((m) => f.get(`byPush:${m}`) <= linePlan.includedMessages);
  const tokens = (b: string, field: 'promptTokens' | 'completionTokens') => (b === TOTAL ? months.reduce((s, m) => s + msgOf(m)[field], 0) : msgOf(b)[field]);
  const staffHours = (b: string) => (f.get(`aiModel:${b}`) * minutesPerReply) / 60;
  table({
    id: 'cost',
    title: '費用の目安',
    rowHeader: '月',
    note:
      `LINE の応答メッセージは無料、プッシュメッセージは通数に数えられます。メッセージ費用は「${linePlan.name}」プラン（月額${grouped(linePlan.monthlyFeeYen)}円、` +
      `${grouped(linePlan.includedMessages)}通まで込み、超過1通${linePlan.extraMessageYen}円）での月ごとの見込み（期間に一部だけ含まれる月も月額で計上）。` +
      `人件費換算は、AI が答えた返信 × ${minutesPerReply}分 × 時給${grouped(staffHourlyCostYen)}円で、スタッフが同じ数に答えた場合の目安です。AI の料金はモデルの単価が設定にないため、トークン数のみ示します。`,
    noteValues: {
      plan: linePlan.name,
      monthlyFee: grouped(linePlan.monthlyFeeYen),
      included: grouped(linePlan.includedMessages),
      extra: String(linePlan.extraMessageYen),
      minutesPerReply: String(minutesPerReply),
      hourlyCost: grouped(staffHourlyCostYen),
    },
    columns: [
      { key: 'byReply', label: '応答で送信（無料）', kind: 'count' },
      { key: 'byPush', label: 'プッシュで送信（通数に計上）', kind: 'count' },
      { key: 'messagesOut', label: '送信の合計', kind: 'count' },
      { key: 'messageCost', label: 'メッセージ費用の見込み（円）', kind: 'yen' },
      { key: 'promptTokens', label: 'AIトークン（入力）', kind: 'tokens' },
      { key: 'completionTokens', label: 'AIトークン（出力）', kind: 'tokens' },
      { key: 'aiModel', label: 'AIが答えた返信', kind: 'count' },
      { key: 'staffHours', label: 'スタッフ時間換算（時間）', kind: 'hours' },
      { key: 'staffCost', label: '人件費換算（円）', kind: 'yen' },
    ],
    rows: monthRows((b) => ({
      byReply: fig(`byReply:${b}`),
      byPush: fig(`byPush:${b}`),
      messagesOut: fig(`messagesOut:${b}`),
      messageCost: { derived: costOf(b), from: (b === TOTAL ? months : [b]).map((m) => `byPush:${m}`), kind: 'yen', safe: costSafe(b) },
      promptTokens: { plain: tokens(b, 'promptTokens'), kind: 'tokens' },
      completionTokens: { plain: tokens(b, 'completionTokens'), kind: 'tokens' },
      aiModel: fig(`aiModel:${b}`),
      staffHours: { derived: staffHours(b), from: [`aiModel:${b}`], kind: 'hours' },
      staffCost: { derived: staffHours(b) * staffHourlyCostYen, from: [`aiModel:${b}`], kind: 'yen' },
    })),
  });

  // --- key figures: the total row's cells, so the cards read exactly as the tables
  const key = (id: string, label: string, tableId: string, column: string): KeyFigure => {
    const t = tables.find((x) => x.id === tableId)!;
    return { id, label, kind: t.columns.find((c) => c.key === column)!.kind, cell: t.rows.find((r) => r.total)!.cells[column] };
  };
  const keyFigures: KeyFigure[] = [
    key('follows', '友だち登録', 'monthly', 'follows'),
    key('consulters', '相談者（人）', 'monthly', 'consulters'),
    key('consultations', '相談件数', 'monthly', 'consultations'),
    key('messagesIn', '受信メッセージ', 'monthly', 'messagesIn'),
    key('aiConsultationShare', '生成AI対応（相談件数）', 'consultationSplit', 'aiOnlyShare'),
    key('staffConsultationShare', 'スタッフ対応（相談件数）', 'consultationSplit', 'staffShare'),
    key('referralsMade', '支援団体へのつなぎ', 'referrals', SENT),
    key('aiShare', 'AI対応率（返信数）', 'replies', 'aiShare'),
    key('staffShare', 'スタッフ対応率（返信数）', 'replies', 'staffShare'),
    key('reached', '人につながった相談', 'humanHelp', 'reached'),
    key('waitMedian', '初回応答まで（営業時間・中央値）', 'humanHelp', 'waitMedian'),
    key('outShare', '営業時間外に届いた割合', 'businessHours', 'outShare'),
    key('alerts', '危機アラート', 'alerts', 'alerts'),
    key('messageCost', 'メッセージ費用の見込み', 'cost', 'messageCost'),
    key('staffCost', 'AI対応の人件費換算', 'cost', 'staffCost'),
  ];

  return {
    title: `${profile.municipality.serviceName} 利用状況報告`,
    municipality: profile.municipality.name,
    period: { from: period.from, to: period.to, months, fiscalYear: fiscalYearLabel(period.from, period.to) },
    generatedAt: generatedAt.toISOString(),
    smallCellThreshold: threshold,
    businessHours: { open: profile.businessHours.open, close: profile.businessHours.close },
    // The admin app says these lines in English by their order (LEGEND_LINES, NOTE_LINES in ReportsPage.tsx).
    legend: [
      `「${smallMark(threshold)}」: ${threshold}未満のため表示していません（個人が特定されないように）。`,
      `「${SECONDARY_MARK}」: 合計から「${smallMark(threshold)}」の値が計算できないよう、あわせて表示していない値です。`,
      `「${NOT_SHOWN_MARK}」: 該当がない、または対象が${threshold}件未満のため表示していません。`,
      '合計は表示していない値も含めた実際の合計です。',
    ],
    notes: [
      `集計期間: ${period.from} 〜 ${period.to}（日本時間）。月は日本時間の暦月です。`,
      'この報告は集計値だけを含み、相談の内容や個人を識別できる情報は含みません。',
    ],
    keyFigures,
    tables,
  };
}
