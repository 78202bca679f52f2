/**
 * Japanese national holidays, from the `@holiday-jp/holiday_jp` package (data of the holiday-jp project,
 * which follows the Cabinet Office's 「国民の祝日」 list, including 振替休日 and 国民の休日).
 *
 * An activity, not workflow code, because holidays are data that change by law (the 2020–21 Olympic
 * moves, the 2019 enthronement days): a worker updated with newer data must not change what a running
 * workflow already decided. The workflow gets the list once through this activity, Temporal records it
 * in the history, and replays read it from there.
 *
 * Only the package's `holidays` table is read, by its 'YYYY-MM-DD' keys: its `between()` and
 * `isHoliday()` helpers build `Date`s in the process's local time zone, which would shift the dates on
 * a worker whose TZ is not Asia/Tokyo.
 *
 * Equinox days (春分の日, 秋分の日) are officially fixed only each February for the following year; the
 * package computes later years astronomically, which has matched every announcement so far.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { ApplicationFailure } from '@temporalio/activity';

const ALL_DATES: readonly string[] = Object.keys(holidayJp.holidays).sort();
const FIRST_YEAR = Number(ALL_DATES[0].slice(0, 4));
const LAST_YEAR = Number(ALL_DATES[ALL_DATES.length - 1].slice(0, 4));

export interface HolidayYears {
  fromYear: number;
  toYear: number;
}

/** The years the installed holiday data covers. */
export const holidayDataYears: HolidayYears = { fromYear: FIRST_YEAR, toYear: LAST_YEAR };

/**
 * Holiday dates ('YYYY-MM-DD', sorted) from 1 January `fromYear` to 31 December `toYear`.
 * Throws a RangeError for years the data does not cover: silently missing holidays would put staff
 * hours on a day nobody is at work.
 */
export function japaneseHolidays(fromYear: number, toYear: number): string[] {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`expected whole years with fromYear ≤ toYear, got ${fromYear}…${toYear}`);
  }
  if (fromYear < FIRST_YEAR || toYear > LAST_YEAR) {
    throw new RangeError(
      `holiday data covers ${FIRST_YEAR}–${LAST_YEAR} (@holiday-jp/holiday_jp ${holidayJp.VERSION}); asked for ${fromYear}–${toYear}: update the package`,
    );
  }
  const from = `${fromYear}-01-01`;
  const to = `${toYear}-12-31`;
  return ALL_DATES.filter((date) => date >= from && date <= to);
}

/** Calendar activities; composed into the worker's activities beside the other groups. */
export function createCalendarActivities() {
  return {
    /** The national holidays of the given years, for `calendarFromProfile` in the workflow. */
    async listJapaneseHolidays(years: HolidayYears): Promise<string[]> {
      try {
        return japaneseHolidays(years.fromYear, years.toYear);
      } catch (err) {
        // Retrying cannot make missing data appear: fail the activity for good, naming the cause.
        if (err instanceof RangeError) throw ApplicationFailure.nonRetryable(err.message, 'HolidayDataOutOfRange');
        throw err;
      }
    },
  };
}
