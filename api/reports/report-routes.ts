import type { Request } from 'express';
import { z } from 'zod';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { recordAudit } from '../audit/audit-log';
import { OVERSIGHT, type Role } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { RouteSpec, signedInUser } from '../http/route';
import { reportFileName, reportToCsv, reportToXlsx } from './report-export';
import { isWholeMonths, PeriodError, type Report } from './report-model';
import { produceReport } from './report-service';
import { produceStaffActivity } from './staff-activity';

/** Officials see the reports and nothing else; supervisors and admins see them too. */
export const REPORT_READERS: readonly Role[] = ['official', 'admin', 'supervisor'];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const periodQuery = z.object({ from: z.string(), to: z.string() });

export function reportRoutes(deps: { db: Db; profile: MunicipalityProfile }): RouteSpec[] {
  const { db, profile } = deps;

  const reportFor = async (req: Request): Promise<Report> => {
    const q = periodQuery.safeParse(req.query);
    if (!q.success) throw new AppError(FailureCode.BadInput, '期間（from と to、YYYY-MM-DD）を指定してください。', [{ field: 'from', message: 'required' }]);
    if (signedInUser(req).role === 'official' && !isWholeMonths(q.data.from, q.data.to)) {
      throw new AppError(FailureCode.BadInput, '期間は月の初日から月末まで（月単位・年度単位）で指定してください。', [{ field: 'from', message: '月単位で指定してください' }]);
    }
    try {
      return await produceReport(db, profile, q.data.from, q.data.to);
    } catch (err) {
      if (err instanceof PeriodError) throw new AppError(FailureCode.BadInput, err.message);
      throw err;
    }
  };

  /** Every file that leaves the system is on record: who, which format, which period. */
  const audited = async (req: Request, report: Report, format: 'csv' | 'xlsx') => {
    await recordAudit(db, signedInUser(req), { action: 'report.export', details: { format, from: report.period.from, to: report.period.to } });
  };

  const attachment = (name: string) => `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`;

  return [
    {
      // Per staff member: for supervisors only (officials see the service, never individual staff).
      method: 'get',
      path: '/api/reports/staff-activity',
      access: OVERSIGHT,
      handler: async (req, res) => {
        const q = periodQuery.safeParse(req.query);
        if (!q.success) throw new AppError(FailureCode.BadInput, '期間（from と to、YYYY-MM-DD）を指定してください。', [{ field: 'from', message: 'required' }]);
        try {
          res.set('Cache-Control', 'no-store').json({ data: await produceStaffActivity(db, profile, q.data.from, q.data.to) });
        } catch (err) {
          if (err instanceof PeriodError) throw new AppError(FailureCode.BadInput, err.message);
          throw err;
        }
      },
    },
    {
      method: 'get',
      path: '/api/reports',
      access: REPORT_READERS,
      handler: async (req, res) => {
        const report = await reportFor(req);
        res.set('Cache-Control', 'no-store').json({ data: report });
      },
    },
    {
      method: 'get',
      path: '/api/reports/export.csv',
      access: REPORT_READERS,
      handler: async (req, res) => {
        const report = await reportFor(req);
        const body = reportToCsv(report);
        await audited(req, report, 'csv');
        res
          .status(200)
          .set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachment(reportFileName(report, 'csv')), 'Cache-Control': 'no-store' })
          .send(Buffer.from(body, 'utf8'));
      },
    },
    {
      method: 'get',
      path: '/api/reports/export.xlsx',
      access: REPORT_READERS,
      handler: async (req, res) => {
        const report = await reportFor(req);
        const body = await reportToXlsx(report);
        await audited(req, report, 'xlsx');
        res
          .status(200)
          .set({ 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment(reportFileName(report, 'xlsx')), 'Cache-Control': 'no-store' })
          .send(body);
      },
    },
  ];
}
