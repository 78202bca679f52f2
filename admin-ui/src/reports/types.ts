/**
 * The report as `GET /api/reports` answers it; the same shape as `Report` in
 * api/reports/report-model.ts (kept here because the admin app does not compile server code).
 */
export type CellKind = 'count' | 'percent' | 'yen' | 'minutes' | 'hours' | 'tokens';

export interface ReportCell {
  /** Null whenever the value is hidden (「<5」「X」「－」): the page never gets the raw number. */
  value: number | null;
  display: string;
  hidden?: 'small' | 'secondary' | 'few' | 'none';
}

export interface ReportColumn {
  key: string;
  label: string;
  kind: CellKind;
}

export interface ReportRow {
  key: string;
  label: string;
  total?: boolean;
  cells: Record<string, ReportCell>;
}

export interface ReportTable {
  id: string;
  title: string;
  sheetName: string;
  rowHeader: string;
  note?: string;
  columns: ReportColumn[];
  rows: ReportRow[];
}

export interface KeyFigure {
  id: string;
  label: string;
  kind: CellKind;
  cell: ReportCell;
}

export interface Report {
  title: string;
  municipality: string;
  /** `fiscalYear`: 「令和8年度」 and 「2026年度」 (api/reports/japanese-era.ts). */
  period: { from: string; to: string; months: string[]; fiscalYear: { era: string; western: string } };
  generatedAt: string;
  smallCellThreshold: number;
  businessHours: { open: string; close: string };
  legend: string[];
  notes: string[];
  keyFigures: KeyFigure[];
  tables: ReportTable[];
}

export const findTable = (report: Report, id: string): ReportTable | undefined => report.tables.find((t) => t.id === id);
