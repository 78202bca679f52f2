/**
 * 対応実績（スタッフ別）: for supervisors, per staff member over a period — cases handled (a staff
 * message in a case opened in the period), the first-reply time of the cases where they answered
 * first (business minutes from the request, as in the main report), and alerts they acknowledged.
 * The main report's rules apply: a count of 1 to threshold − 1 shows as 「<5」, a median over fewer
 * cases than the threshold as 「－」. There is no total row, so no cell can be recovered by subtraction.
 */
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { type BusinessCalendar, businessMinutesBetween } from '../../workflows/calendar/business-calendar';
import { CellResolver, FigureSet, median, parsePeriod, type ReportCell } from './report-model';
import type { ReportPeriod } from './report-queries';
import { reportCalendar } from './report-service';

export interface StaffActivityRow {
  staffId: string;
  name: string;
  casesHandled: number;
  /** When the resident asked for a person, and when this staff member's first reply went out. */
  firstReplies: { requestedAtMs: number; repliedAtMs: number }[];
  alertsAcknowledged: number;
}

export interface StaffActivityReport {
  period: { from: string; to: string };
  smallCellThreshold: number;
  rows: { staffId: string; name: string; casesHandled: ReportCell; firstReplyMedianMinutes: ReportCell; alertsAcknowledged: ReportCell }[];
}

/** Pure: the cells of each row, hidden as the report's rules say. */
export function buildStaffActivity(raw: StaffActivityRow[], period: ReportPeriod, threshold: number, calendar: BusinessCalendar): StaffActivityReport {
  const figures = new FigureSet();
  for (const r of raw) {
    figures.set(`cases:${r.staffId}`, r.casesHandled);
    figures.set(`alerts:${r.staffId}`, r.alertsAcknowledged);
  }
  const cells = new CellResolver(figures, figures.suppress(threshold), threshold);
  return {
    period: { from: period.from, to: period.to },
    smallCellThreshold: threshold,
    rows: raw.map((r) => {
      const minutes = r.firstReplies.map((f) => businessMinutesBetween(f.requestedAtMs, f.repliedAtMs, calendar));
      return {
        staffId: r.staffId,
        name: r.name,
        casesHandled: cells.resolve({ figure: `cases:${r.staffId}` }),
        firstReplyMedianMinutes: cells.resolve({ stat: median(minutes), n: minutes.length, kind: 'minutes' }),
        alertsAcknowledged: cells.resolve({ figure: `alerts:${r.staffId}` }),
      };
    }),
  };
}

async function queryStaffActivity(db: Db, p: ReportPeriod): Promise<StaffActivityRow[]> {
  const [start, end] = [new Date(p.startMs), new Date(p.endMs)];
  const { rows } = await db.raw(
    `WITH handled AS (
       SELECT m.staff_id, count(DISTINCT c.id)::int AS cases
         FROM messages m JOIN consultations c ON c.id = m.consultation_id
        WHERE m.sender = 'staff' AND m.staff_id IS NOT NULL AND c.opened_at >= ? AND c.opened_at < ?
        GROUP BY m.staff_id),
     first_reply AS (
       SELECT DISTINCT ON (c.id) c.id, m.staff_id, c.waiting_since, m.created_at
         FROM consultations c JOIN messages m ON m.consultation_id = c.id AND m.sender = 'staff'
        WHERE c.opened_at >= ? AND c.opened_at < ? AND c.waiting_since IS NOT NULL
        ORDER BY c.id, m.created_at, m.id),
     acknowledged AS (
       SELECT acknowledged_by AS staff_id, count(*)::int AS alerts
         FROM alerts WHERE acknowledged_by IS NOT NULL AND acknowledged_at >= ? AND acknowledged_at < ?
        GROUP BY acknowledged_by)
     SELECT u.id, u.display_name, coalesce(h.cases, 0) AS cases, coalesce(a.alerts, 0) AS alerts,
            coalesce((SELECT json_agg(json_build_array(f.waiting_since, f.created_at)) FROM first_reply f WHERE f.staff_id = u.id), '[]') AS first_replies
       FROM staff_users u
       LEFT JOIN handled h ON h.staff_id = u.id
       LEFT JOIN acknowledged a ON a.staff_id = u.id
      WHERE u.role IN ('admin','supervisor','staff') AND (NOT u.disabled OR h.cases > 0 OR a.alerts > 0)
      ORDER BY u.display_name, u.id`,
    [start, end, start, end, start, end],
  );
  return rows.map((r: Record<string, any>) => ({
    staffId: r.id,
    name: r.display_name,
    casesHandled: r.cases,
    alertsAcknowledged: r.alerts,
    firstReplies: (r.first_replies as [string, string][]).map(([requested, replied]) => ({ requestedAtMs: Date.parse(requested), repliedAtMs: Date.parse(replied) })),
  }));
}

/** Throws PeriodError (report-model.ts) for a malformed or too long period. */
export async function produceStaffActivity(db: Db, profile: MunicipalityProfile, from: string, to: string): Promise<StaffActivityReport> {
  const period = parsePeriod(from, to);
  return buildStaffActivity(await queryStaffActivity(db, period), period, profile.reports.smallCellThreshold, reportCalendar(profile, period));
}
