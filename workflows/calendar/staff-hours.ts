/**
 * The sentence that tells residents and staff when a person answers, derived from the profile's
 * `businessHours`, so a city that changes its hours changes every text that states them:
 * 「平日9時〜18時（祝日・年末年始を除く）」.
 *
 * Pure and sandbox-safe (imports nothing outside workflows/), so the workflow can call it too.
 * National holidays are always closed (workflows/calendar/business-calendar.ts: isBusinessDay), so
 * they are always named; one-off `extraClosures` are not, being dates rather than hours.
 */
import type { BusinessHoursSettings } from './calendar-from-profile';

export type StaffHoursLanguage = 'ja' | 'en';

const WEEKDAYS_JA = ['月', '火', '水', '木', '金', '土', '日'];
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The closure Japanese offices call 年末年始. */
const YEAR_END = { from: '12-29', to: '01-03' };

const hourMinute = (hhmm: string) => ({ h: Number(hhmm.slice(0, 2)), m: Number(hhmm.slice(3, 5)) });

function timeJa(hhmm: string): string {
  const { h, m } = hourMinute(hhmm);
  return m === 0 ? `${h}時` : `${h}時${m}分`;
}

function timeEn(hhmm: string): string {
  const { h, m } = hourMinute(hhmm);
  return `${h}:${String(m).padStart(2, '0')}`;
}

/** ISO weekdays as one run (Mon–Fri) or a list; `null` when every day is open. */
function weekdayRuns(weekdays: readonly number[]): { kind: 'weekdays' | 'every' | 'run' | 'list'; days: number[] } {
  const days = [...new Set(weekdays)].sort((a, b) => a - b);
  if (days.length === 7) return { kind: 'every', days };
  if (days.join() === '1,2,3,4,5') return { kind: 'weekdays', days };
  const consecutive = days.every((d, i) => i === 0 || d === days[i - 1] + 1);
  return { kind: consecutive && days.length > 2 ? 'run' : 'list', days };
}

const monthDayJa = (md: string) => `${Number(md.slice(0, 2))}月${Number(md.slice(3, 5))}日`;
const monthDayEn = (md: string) => `${Number(md.slice(3, 5))} ${MONTHS_EN[Number(md.slice(0, 2)) - 1]}`;

/**
 * 「平日9時〜18時（祝日・年末年始を除く）」 / "weekdays 9:00–18:00, except public holidays and the
 * New Year holidays (29 Dec – 3 Jan)". Takes the profile (or anything with its `businessHours`).
 */
export function describeStaffHours(profile: { businessHours: BusinessHoursSettings }, lang: StaffHoursLanguage): string {
  const { open, close, weekdays, closedDays } = profile.businessHours;
  const runs = weekdayRuns(weekdays);
  const yearEnd = closedDays.some((c) => c.from === YEAR_END.from && c.to === YEAR_END.to);
  const others = closedDays.filter((c) => !(c.from === YEAR_END.from && c.to === YEAR_END.to));

  if (lang === 'ja') {
    const days =
      runs.kind === 'every' ? '毎日' : runs.kind === 'weekdays' ? '平日' : runs.kind === 'run' ? `${WEEKDAYS_JA[runs.days[0] - 1]}〜${WEEKDAYS_JA[runs.days[runs.days.length - 1] - 1]}曜日` : `${runs.days.map((d) => WEEKDAYS_JA[d - 1]).join('・')}曜日`;
    const except = ['祝日', ...(yearEnd ? ['年末年始'] : []), ...others.map((c) => (c.from === c.to ? monthDayJa(c.from) : `${monthDayJa(c.from)}〜${monthDayJa(c.to)}`))];
    return `${days}${timeJa(open)}〜${timeJa(close)}（${except.join('・')}を除く）`;
  }

  const days =
    runs.kind === 'every'
      ? 'every day'
      : runs.kind === 'weekdays'
        ? 'weekdays'
        : runs.kind === 'run'
          ? `${WEEKDAYS_EN[runs.days[0] - 1]} to ${WEEKDAYS_EN[runs.days[runs.days.length - 1] - 1]}`
          : listEn(runs.days.map((d) => `${WEEKDAYS_EN[d - 1]}s`));
  const except = [
    'public holidays',
    ...(yearEnd ? [`the New Year holidays (${monthDayEn(YEAR_END.from)} – ${monthDayEn(YEAR_END.to)})`] : []),
    ...others.map((c) => (c.from === c.to ? monthDayEn(c.from) : `${monthDayEn(c.from)} – ${monthDayEn(c.to)}`)),
  ];
  return `${days} ${timeEn(open)}–${timeEn(close)}, except ${listEn(except)}`;
}

/** "a", "a and b", "a, b and c". */
function listEn(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
