/**
 * The officials' report as `GET /api/reports` answers it: built by api/reports/report-model.ts,
 * exported to CSV/Excel/PDF there, shown by admin-ui/src/reports/.
 */

/** The 年度 a period falls in: 「令和8年度」 and 「2026年度」 (api/reports/japanese-era.ts). */
export interface FiscalYearLabel {
  /** 「令和8年度」, or 「令和7年度〜令和8年度」 for a period across the 1 April boundary. */
  era: string;
  /** 「2026年度」 or 「2025〜2026年度」. */
  western: string;
  /** The first and last fiscal years (the year each starts in), for other languages. */
  years: [number, number];
}


export type CellKind = 'count' | 'percent' | 'yen' | 'minutes' | 'hours' | 'tokens' | 'points';

/** Why a value is not shown: below the threshold, hidden so a small cell cannot be recovered, too few items for a median, or nothing to compute. */
export type HiddenReason = 'small' | 'secondary' | 'few' | 'none';

export interface ReportCell {
  /** The number shown (rounded as displayed); null whenever it is hidden, so the raw value never leaves the server. */
  value: number | null;
  /** What a person reads: 「1,234」「85.5%」「<5」「X」「－」. */
  display: string;
  hidden?: HiddenReason;
}

export interface ReportColumn {
  key: string;
  label: string;
  kind: CellKind;
}

export interface ReportRow {
  key: string;
  label: string;
  /** The total row of the table. */
  total?: boolean;
  cells: Record<string, ReportCell>;
}

export interface ReportTable {
  id: string;
  title: string;
  /** Excel sheet name: at most 31 characters, none of []:*?/\ . */
  sheetName: string;
  /** Header of the first column (月, 時間帯, …). */
  rowHeader: string;
  note?: string;
  /** The figures the note names (hours, plan, rates), so the admin app can say the note in its own language. */
  noteValues?: Record<string, string>;
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
  /** `fiscalYear`: the 年度 the period falls in, in the Japanese era and in Western years. */
  period: { from: string; to: string; months: string[]; fiscalYear: FiscalYearLabel };
  generatedAt: string;
  smallCellThreshold: number;
  /** The profile's business hours, 'HH:MM' (the page shades them on the hour-of-day chart). */
  businessHours: { open: string; close: string };
  /** How to read 「<5」, 「X」 and 「－」. */
  legend: string[];
  /** Definitions and what the report does not contain yet. */
  notes: string[];
  keyFigures: KeyFigure[];
  tables: ReportTable[];
}
