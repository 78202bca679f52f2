import { isBusinessDay, tokyoDate, tokyoMidnight, tokyoTime, type BusinessCalendar } from '../../../workflows/calendar/business-calendar';

const DAY_MS = 24 * 3600_000;
const addDays = (date: string, n: number) => tokyoDate(tokyoMidnight(date) + n * DAY_MS + 12 * 3600_000);

/**
 * The first business Friday after `fromMs` (Tokyo dates) whose next business day is the one named:
 * 'monday' for an ordinary weekend, 'tuesday' when the Monday is a holiday. Found from the calendar,
 * not hard-coded, so the tests keep working as the years pass.
 */
export function nextFriday(fromMs: number, cal: BusinessCalendar, reopens: 'monday' | 'tuesday'): { friday: string; reopening: string } {
  for (let date = addDays(tokyoDate(fromMs), 1), i = 0; i < 800; date = addDays(date, 1), i += 1) {
    if (tokyoTime(tokyoMidnight(date) + 12 * 3600_000).isoWeekday !== 5 || !isBusinessDay(date, cal)) continue;
    const monday = addDays(date, 3);
    const tuesday = addDays(date, 4);
    if (reopens === 'monday' && isBusinessDay(monday, cal)) return { friday: date, reopening: monday };
    if (reopens === 'tuesday' && !isBusinessDay(monday, cal) && isBusinessDay(tuesday, cal)) return { friday: date, reopening: tuesday };
  }
  throw new Error(`no such Friday in the calendar after ${tokyoDate(fromMs)}`);
}
