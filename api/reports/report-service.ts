/**
 * Producing a report: the period, the calendar it is measured against, the queries and the tables.
 * Shared by the API routes, `npm run report` and the benchmark, so all three give the same numbers.
 */
import { holidayDataYears, japaneseHolidays } from '../../activities/calendar/holidays';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { directoryReady } from '../partners/partner-directory';
import type { BusinessCalendar } from '../../workflows/calendar/business-calendar';
import { calendarFromProfile } from '../../workflows/calendar/calendar-from-profile';
import { buildReport, parsePeriod, type Report } from './report-model';
import { queryReport, type ReportPeriod } from './report-queries';
import { ensureReportRollups } from './report-rollups';

/**
 * The business calendar for a period: the holidays of its years and the next one (a request made on
 * 31 December is answered in January), within the years the holiday data covers.
 */
export function reportCalendar(profile: MunicipalityProfile, period: ReportPeriod): BusinessCalendar {
  const fromYear = Math.max(holidayDataYears.fromYear, Number(period.from.slice(0, 4)));
  const toYear = Math.min(holidayDataYears.toYear, Number(period.to.slice(0, 4)) + 1);
  return calendarFromProfile(profile.businessHours, fromYear <= toYear ? japaneseHolidays(fromYear, toYear) : []);
}

export interface ProduceOptions {
  now?: Date;
  /** false: scan every message of the period instead of reading the daily rollups (to check them, and to compare). */
  rollups?: boolean;
}

/** Throws PeriodError (report-model.ts) for a malformed or too long period. */
export async function produceReport(db: Db, profile: MunicipalityProfile, from: string, to: string, options: ProduceOptions = {}): Promise<Report> {
  const { now = new Date(), rollups = true } = options;
  const parsed = parsePeriod(from, to);
  // The referral table lists the profile's partners even before anyone opened the directory.
  await directoryReady(db, profile);
  // Closed days come from the daily rollups (rolled up now if the nightly run has not yet).
  const { rolledThrough } = rollups ? await ensureReportRollups(db, parsed.from, parsed.to) : { rolledThrough: null };
  const period = { ...parsed, rolledThrough };
  const raw = await queryReport(db, period, {
    open: profile.businessHours.open,
    close: profile.businessHours.close,
    intakeQuestionIds: profile.intake.questions.map((q) => q.id),
  });
  return buildReport(raw, period, { profile, calendar: reportCalendar(profile, period) }, now);
}
