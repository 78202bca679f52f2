/** The report as `GET /api/reports` answers it: contracts/report.ts, shared with the server. */
import type { Report, ReportTable } from '../../../contracts/report';

export type { CellKind, KeyFigure, Report, ReportCell, ReportColumn, ReportRow, ReportTable } from '../../../contracts/report';

export const findTable = (report: Report, id: string): ReportTable | undefined => report.tables.find((t) => t.id === id);
