/**
 * Builds the business calendar from the municipality profile's `businessHours` and a list of national
 * holidays. Pure, for the workflow sandbox: the profile values come from an activity (they are kept in
 * history, so replays agree) and the holidays from `listJapaneseHolidays` (activities/calendar/holidays.ts).
 *
 * The input type is spelled out here rather than imported from platform/config/profile.ts: files under
 * workflows/ are bundled into the sandbox and import nothing outside workflows/. It is the same shape,
 * so a profile's `businessHours` can be passed as it is.
 */
import { type BusinessCalendar, parseHhmm, tokyoTime } from './business-calendar';

/** `profile.businessHours` (see platform/config/profile.ts and profiles/example.yaml). */
export interface BusinessHoursSettings {
  /** Only Asia/Tokyo is supported: the calendar's arithmetic is UTC+9 (Japan has no daylight saving). */
  timeZone?: string;
  open: string;
  close: string;
  weekdays: readonly number[];
  closedDays: readonly { from: string; to: string }[];
  extraClosures: readonly string[];
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The calendar the policies use. Validates what the profile schema also checks, because a calendar can
 * be built from other sources (tests, a future admin screen) and a malformed value would otherwise
 * silently open or close the service.
 */
export function calendarFromProfile(businessHours: BusinessHoursSettings, holidays: readonly string[]): BusinessCalendar {
  if (businessHours.timeZone !== undefined && businessHours.timeZone !== 'Asia/Tokyo') {
    throw new RangeError(`businessHours.timeZone: only Asia/Tokyo is supported, got "${businessHours.timeZone}"`);
  }
  if (parseHhmm(businessHours.open) >= parseHhmm(businessHours.close)) {
    throw new RangeError(`businessHours: open (${businessHours.open}) must be before close (${businessHours.close})`);
  }
  const weekdays = [...new Set(businessHours.weekdays)].sort((a, b) => a - b);
  if (weekdays.length === 0 || weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new RangeError(`businessHours.weekdays: expected ISO weekdays 1 (Monday) … 7 (Sunday), got [${businessHours.weekdays.join(', ')}]`);
  }
  for (const { from, to } of businessHours.closedDays) {
    if (!MONTH_DAY.test(from) || !MONTH_DAY.test(to)) throw new RangeError(`businessHours.closedDays: expected MM-DD, got ${from} → ${to}`);
  }
  for (const date of [...businessHours.extraClosures, ...holidays]) {
    if (!ISO_DATE.test(date)) throw new RangeError(`expected a date as YYYY-MM-DD, got "${date}"`);
  }
  return {
    open: businessHours.open,
    close: businessHours.close,
    weekdays,
    closedDays: businessHours.closedDays.map(({ from, to }) => ({ from, to })),
    extraClosures: [...new Set(businessHours.extraClosures)].sort(),
    holidays: [...new Set(holidays)].sort(),
  };
}

/**
 * Which years of holidays a workflow should ask for at `nowMs`: last year (reports and response times
 * look back), this year and the next two (deadlines and openings look ahead, across the year end).
 * A workflow running for longer reloads them when it continues as new.
 */
export function holidayYearsAround(nowMs: number): { fromYear: number; toYear: number } {
  const year = tokyoTime(nowMs).year;
  return { fromYear: year - 1, toYear: year + 2 };
}
