/**
 * When a person (よりそいスタッフ) can answer: business hours, business days and deadline arithmetic.
 *
 * Pure and deterministic, so it runs inside the Temporal workflow sandbox: no Node built-ins, no
 * clock reads (every function takes the instant it reasons about), no `Intl`, no local-time `Date`
 * getters. It imports nothing, not even the holiday package: national holidays are data that change
 * by law, so the workflow gets them through an activity (`activities/calendar/holidays.ts`) and passes
 * them in with the rest of the calendar (`calendar-from-profile.ts`).
 *
 * Time zone: every wall-clock rule here is Asia/Tokyo. Japan has had no daylight saving time since
 * 1951, so Asia/Tokyo is UTC+9 at every instant we deal with, and a Tokyo wall-clock time is plain
 * arithmetic: shift the epoch milliseconds by +9 h and read the `getUTC*` fields. That keeps the
 * results independent of the TZ of the process (worker, test runner, CI) — the trap a local-time
 * `new Date(y, m, d)` or `getHours()` would fall into.
 */

/** A calendar built from the municipality profile's `businessHours` plus the national holidays. */
export interface BusinessCalendar {
  /** Opening time, Tokyo wall clock, 'HH:MM' (e.g. '09:00'). */
  open: string;
  /** Closing time, 'HH:MM'; the instant of closing is already closed (18:00:00 is closed). */
  close: string;
  /** ISO weekdays with business hours: 1 = Monday … 7 = Sunday. */
  weekdays: readonly number[];
  /** Recurring closures each year, 'MM-DD' inclusive; a range may wrap the year end (12-29 → 01-03). */
  closedDays: readonly { from: string; to: string }[];
  /** One-off closures, 'YYYY-MM-DD' (Tokyo dates). */
  extraClosures: readonly string[];
  /** National holidays (祝日, 振替休日, 国民の休日), 'YYYY-MM-DD'. Only the years given are known. */
  holidays: readonly string[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Asia/Tokyo is UTC+9 all year: Japan observes no daylight saving time. */
export const TOKYO_OFFSET_MS = 9 * HOUR_MS;
/**
 * How far the searches below look before deciding the calendar has no business hours at all
 * (two years covers the longest closure a profile could sensibly describe).
 */
const SEARCH_LIMIT_DAYS = 2 * 366;

const WEEKDAYS_JA = ['月', '火', '水', '木', '金', '土', '日'] as const;

/** Tokyo wall-clock fields of an instant. */
export interface TokyoTime {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  hour: number;
  minute: number;
  /** Milliseconds since Tokyo midnight of that day. */
  msOfDay: number;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function tokyoTime(tMs: number): TokyoTime {
  assertInstant(tMs, 'tMs');
  const shifted = new Date(tMs + TOKYO_OFFSET_MS);
  const utcDay = shifted.getUTCDay(); // 0 = Sunday
  const msOfDay = ((tMs + TOKYO_OFFSET_MS) % DAY_MS + DAY_MS) % DAY_MS;
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    isoWeekday: utcDay === 0 ? 7 : utcDay,
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    msOfDay,
  };
}

/** The Tokyo date of an instant, 'YYYY-MM-DD'. */
export function tokyoDate(tMs: number): string {
  const t = tokyoTime(tMs);
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)}`;
}

/** The instant of Tokyo midnight starting `dateStr` ('YYYY-MM-DD'). */
export function tokyoMidnight(dateStr: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateStr);
  if (!m) throw new RangeError(`expected a date as YYYY-MM-DD, got "${dateStr}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - TOKYO_OFFSET_MS;
}

/** The instant at Tokyo wall-clock `hhmm` ('HH:MM') on `dateStr` ('YYYY-MM-DD'). */
export function tokyoInstant(dateStr: string, hhmm: string): number {
  return tokyoMidnight(dateStr) + parseHhmm(hhmm) * MINUTE_MS;
}

/** Minutes since midnight of an 'HH:MM' time. */
export function parseHhmm(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`expected a time as HH:MM, got "${hhmm}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function assertInstant(tMs: number, name: string): void {
  if (!Number.isFinite(tMs)) throw new RangeError(`${name} must be a finite number of epoch milliseconds, got ${tMs}`);
}

/** The Tokyo date `days` days after `dateStr` (negative goes back). */
function addDays(dateStr: string, days: number): string {
  return tokyoDate(tokyoMidnight(dateStr) + days * DAY_MS + HOUR_MS); // +1 h: well inside the day
}

function isoWeekdayOf(dateStr: string): number {
  return tokyoTime(tokyoMidnight(dateStr)).isoWeekday;
}

function inRecurringClosure(monthDay: string, range: { from: string; to: string }): boolean {
  // 'MM-DD' strings compare in calendar order. A range whose end is before its start wraps the year end.
  return range.from <= range.to ? monthDay >= range.from && monthDay <= range.to : monthDay >= range.from || monthDay <= range.to;
}

/** True when `dateStr` ('YYYY-MM-DD', a Tokyo date) has business hours. */
export function isBusinessDay(dateStr: string, cal: BusinessCalendar): boolean {
  if (!cal.weekdays.includes(isoWeekdayOf(dateStr))) return false;
  if (cal.holidays.includes(dateStr) || cal.extraClosures.includes(dateStr)) return false;
  const monthDay = dateStr.slice(5);
  return !cal.closedDays.some((range) => inRecurringClosure(monthDay, range));
}

interface Period {
  start: number;
  end: number;
}

/** The business hours of `dateStr`, or undefined on a closed day. */
function periodOn(dateStr: string, cal: BusinessCalendar): Period | undefined {
  if (!isBusinessDay(dateStr, cal)) return undefined;
  const midnight = tokyoMidnight(dateStr);
  return { start: midnight + parseHhmm(cal.open) * MINUTE_MS, end: midnight + parseHhmm(cal.close) * MINUTE_MS };
}

/** The first business period that has not ended at `tMs` (the current one when open). */
function currentOrNextPeriod(tMs: number, cal: BusinessCalendar): Period {
  let date = tokyoDate(tMs);
  for (let i = 0; i <= SEARCH_LIMIT_DAYS; i += 1, date = addDays(date, 1)) {
    const period = periodOn(date, cal);
    if (period && tMs < period.end) return period;
  }
  throw new RangeError(`the business calendar has no business hours within ${SEARCH_LIMIT_DAYS} days of ${tokyoDate(tMs)}`);
}

/** True during business hours: on a business day, from opening (inclusive) to closing (exclusive). */
export function isOpen(tMs: number, cal: BusinessCalendar): boolean {
  assertInstant(tMs, 'tMs');
  const period = periodOn(tokyoDate(tMs), cal);
  return period !== undefined && tMs >= period.start && tMs < period.end;
}

export interface NextOpeningOptions {
  /**
   * Treat the last minutes before closing as closed: a request at 17:59 that nobody can pick up before
   * 18:00 is told the next opening instead. Default 0 (open means open). The nudge policy passes the
   * profile's staff pick-up time here.
   */
  minRemainingMinutes?: number;
}

/**
 * When a person can next answer: `tMs` itself while open (with at least `minRemainingMinutes` left
 * before closing), else the start of the next business period.
 */
export function nextOpening(tMs: number, cal: BusinessCalendar, options: NextOpeningOptions = {}): number {
  assertInstant(tMs, 'tMs');
  const marginMs = Math.max(0, options.minRemainingMinutes ?? 0) * MINUTE_MS;
  let period = currentOrNextPeriod(tMs, cal);
  if (Math.max(tMs, period.start) + marginMs > period.end) period = currentOrNextPeriod(period.end, cal);
  return Math.max(tMs, period.start);
}

/** The end of the current business period while open, else the end of the next one. */
export function nextClosing(tMs: number, cal: BusinessCalendar): number {
  assertInstant(tMs, 'tMs');
  return currentOrNextPeriod(tMs, cal).end;
}

/**
 * A deadline `n` business days after `tMs`, at closing time — the way Japanese offices count
 * 「n営業日以内」:
 *
 * - the day of receipt is the business day whose hours have not yet ended at `tMs` (so something
 *   received after closing, or on a holiday, counts as received on the next business day);
 * - the deadline is the close of the n-th business day after the day of receipt;
 * - n = 0 is the close of the day of receipt (「当日中」), i.e. `nextClosing(tMs)`.
 *
 * Examples (9:00–18:00, Mon 2026-11-23 a holiday): Fri 11-20 10:00 + 1 → Tue 11-24 18:00;
 * Fri 11-20 20:00 + 1 → Wed 11-25 18:00. Closing time rather than "the same time n days later" was
 * chosen because a partner organisation is given whole working days, and a deadline at 18:00 never
 * lands at an hour when nobody can act on it.
 */
export function addBusinessDays(tMs: number, n: number, cal: BusinessCalendar): number {
  assertInstant(tMs, 'tMs');
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
  let period = currentOrNextPeriod(tMs, cal);
  for (let i = 0; i < n; i += 1) period = currentOrNextPeriod(period.end, cal);
  return period.end;
}

/**
 * Business-hours minutes from `aMs` to `bMs` (0 when `bMs` ≤ `aMs`): only the time that falls inside
 * business periods counts, so a message at 17:30 answered at 9:30 the next business day took 60
 * minutes. Exact (fractional) minutes; round in the report, not here.
 */
export function businessMinutesBetween(aMs: number, bMs: number, cal: BusinessCalendar): number {
  assertInstant(aMs, 'aMs');
  assertInstant(bMs, 'bMs');
  if (bMs <= aMs) return 0;
  let total = 0;
  const last = tokyoDate(bMs);
  for (let date = tokyoDate(aMs); date <= last; date = addDays(date, 1)) {
    const period = periodOn(date, cal);
    if (!period) continue;
    const from = Math.max(aMs, period.start);
    const to = Math.min(bMs, period.end);
    if (to > from) total += to - from;
  }
  return total / MINUTE_MS;
}

/**
 * A resident-facing Japanese phrase for an instant (Tokyo time), e.g. 「11月24日（火）9時」, or
 * 「11月24日（火）9時30分」 when the minutes are not zero. Full-width parentheses, as in Japanese text.
 */
export function formatOpeningJa(tMs: number): string {
  const t = tokyoTime(tMs);
  const minutes = t.minute === 0 ? '' : `${t.minute}分`;
  return `${t.month}月${t.day}日（${WEEKDAYS_JA[t.isoWeekday - 1]}）${t.hour}時${minutes}`;
}
