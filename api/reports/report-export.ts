/**
 * The report as files an official opens in Excel: one CSV with a section per table, and one XLSX
 * workbook with a sheet per table. Both are written from the same `Report` object the admin page
 * shows, so the three carry the same numbers and the same 「<5」/「X」/「－」 marks.
 *
 * CSV: one file rather than one per table, because a download or an e-mail attachment stays one
 * thing an official can open. UTF-8 with a byte-order mark (Excel on Japanese Windows otherwise
 * reads it as Shift_JIS and shows mojibake), CRLF line ends, RFC 4180 quoting. Numbers are written
 * without thousands separators so Excel keeps them numeric; months are written 「2026年4月」, which
 * Excel does not turn into dates as it would "2026-04".
 */
import ExcelJS from 'exceljs';
import { tokyoTime } from '../../workflows/calendar/business-calendar';
import type { CellKind, Report, ReportCell, ReportTable } from './report-model';

export const CSV_BOM = '\uFEFF';
export const SECTION_MARK = '■ ';
export const NOTE_PREFIX = '注: ';
export const KEY_FIGURES_TITLE = '主な数字';
export const SUMMARY_SHEET = '概要';

/** 'YYYY-MM-DD HH:MM' in Tokyo time. */
export function tokyoStamp(iso: string): string {
  const t = tokyoTime(new Date(iso).getTime());
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${p(t.month)}-${p(t.day)} ${p(t.hour)}:${p(t.minute)}`;
}

/** 「令和8年度（2026年度）」: officials file by 年度 in the Japanese era; the Western year beside it. */
export const fiscalYearText = (report: Pick<Report, 'period'>) => `${report.period.fiscalYear.era}（${report.period.fiscalYear.western}）`;

/** What a CSV cell holds: the number as Excel should read it, or the mark when it is hidden. */
export function csvValue(cell: ReportCell, kind: CellKind): string {
  if (cell.value === null) return cell.display;
  return kind === 'percent' ? `${cell.value.toFixed(1)}%` : String(cell.value);
}

/**
 * A cell Excel would read as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe, so a
 * label can never run as one; plain numbers (a negative one included) stay numbers.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?%?$/.test(value) ? `'${value}` : value;
}

function csvField(raw: string): string {
  const value = neutraliseFormula(raw);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const csvLine = (fields: string[]) => fields.map(csvField).join(',');

export function reportToCsv(report: Report): string {
  const lines: string[][] = [
    [report.title],
    ['自治体', report.municipality],
    ['期間', `${report.period.from} 〜 ${report.period.to}`],
    ['年度', fiscalYearText(report)],
    ['作成日時', `${tokyoStamp(report.generatedAt)}（日本時間）`],
    ...report.legend.map((l) => ['凡例', l]),
    ...report.notes.map((n) => ['注記', n]),
    [],
    [`${SECTION_MARK}${KEY_FIGURES_TITLE}`],
    ['項目', '値'],
    ...report.keyFigures.map((k) => [k.label, k.cell.display]),
  ];
  for (const table of report.tables) {
    lines.push([], [`${SECTION_MARK}${table.title}`], [table.rowHeader, ...table.columns.map((c) => c.label)]);
    for (const row of table.rows) lines.push([row.label, ...table.columns.map((c) => csvValue(row.cells[c.key], c.kind))]);
    if (table.note) lines.push([`${NOTE_PREFIX}${table.note}`]);
  }
  return CSV_BOM + lines.map(csvLine).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// XLSX

const NUMBER_FORMATS: Record<CellKind, string> = {
  count: '#,##0',
  tokens: '#,##0',
  yen: '#,##0',
  percent: '0.0%',
  minutes: '0.0',
  hours: '0.0',
  points: '+0.0;-0.0;0.0',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3ECEF' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFB0B8BC' } },
  bottom: { style: 'thin', color: { argb: 'FFB0B8BC' } },
  left: { style: 'thin', color: { argb: 'FFB0B8BC' } },
  right: { style: 'thin', color: { argb: 'FFB0B8BC' } },
};
const FONT = 'Meiryo UI';

/** Rough display width: a full-width character takes two columns. */
const textWidth = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);

/** The row (1-based) of a table sheet's column headers; data rows follow it. */
export const XLSX_HEADER_ROW = 3;

function writeTableSheet(workbook: ExcelJS.Workbook, table: ReportTable, report: Report): void {
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW, xSplit: 1 }] });
  sheet.getCell(1, 1).value = table.title;
  sheet.getCell(1, 1).font = { name: FONT, bold: true, size: 13 };
  sheet.getCell(2, 1).value = `期間: ${report.period.from} 〜 ${report.period.to}`;
  sheet.getCell(2, 1).font = { name: FONT, size: 10 };

  const header = sheet.getRow(XLSX_HEADER_ROW);
  [table.rowHeader, ...table.columns.map((c) => c.label)].forEach((label, i) => {
    const cell = header.getCell(i + 1);
    cell.value = label;
    cell.font = { name: FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.height = 32;

  table.rows.forEach((row, r) => {
    const line = sheet.getRow(XLSX_HEADER_ROW + 1 + r);
    const first = line.getCell(1);
    first.value = row.label;
    first.font = { name: FONT, bold: row.total === true };
    first.border = THIN;
    table.columns.forEach((column, c) => {
      const cell = line.getCell(c + 2);
      const data = row.cells[column.key];
      if (data.value === null) {
        cell.value = data.display;
        cell.alignment = { horizontal: 'right' };
      } else {
        // Percentages are stored as fractions so Excel's own % format (and sums) work on them.
        cell.value = column.kind === 'percent' ? Math.round(data.value * 10) / 1000 : data.value;
        cell.numFmt = NUMBER_FORMATS[column.kind];
      }
      cell.font = { name: FONT, bold: row.total === true };
      cell.border = THIN;
      if (row.total) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F5F2' } };
    });
  });

  const after = XLSX_HEADER_ROW + table.rows.length + 2;
  if (table.note) sheet.getCell(after, 1).value = `${NOTE_PREFIX}${table.note}`;
  sheet.getCell(after + 1, 1).value = report.legend[0];
  sheet.getCell(after + 2, 1).value = report.legend[1];
  for (const r of [after, after + 1, after + 2]) sheet.getCell(r, 1).font = { name: FONT, size: 9, color: { argb: 'FF555555' } };

  sheet.getColumn(1).width = Math.max(12, ...table.rows.map((r) => textWidth(r.label) + 2), textWidth(table.rowHeader) + 2);
  table.columns.forEach((column, c) => {
    sheet.getColumn(c + 2).width = Math.min(24, Math.max(10, Math.ceil(textWidth(column.label) / 2) + 2));
  });
}

function writeSummarySheet(workbook: ExcelJS.Workbook, report: Report): void {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET);
  type SummaryValue = string | { value: number; numFmt: string };
  const rows: ([] | [string] | [string, SummaryValue])[] = [
    [report.title],
    ['自治体', report.municipality],
    ['期間', `${report.period.from} 〜 ${report.period.to}`],
    ['年度', fiscalYearText(report)],
    ['作成日時', `${tokyoStamp(report.generatedAt)}（日本時間）`],
    [],
    [KEY_FIGURES_TITLE],
    ...report.keyFigures.map((k): [string, SummaryValue] => [
      k.label,
      k.cell.value === null ? k.cell.display : { value: k.kind === 'percent' ? Math.round(k.cell.value * 10) / 1000 : k.cell.value, numFmt: NUMBER_FORMATS[k.kind] },
    ]),
    [],
    ['凡例'],
    ...report.legend.map((l): [string] => [l]),
    [],
    ['注記'],
    ...report.notes.map((n): [string] => [n]),
  ];
  rows.forEach(([a, b]: [string?, SummaryValue?], i) => {
    const row = sheet.getRow(i + 1);
    row.getCell(1).value = a ?? null;
    row.getCell(1).font = { name: FONT, bold: i === 0 || a === KEY_FIGURES_TITLE || a === '凡例' || a === '注記', size: i === 0 ? 14 : 11 };
    if (b !== undefined) {
      row.getCell(2).value = typeof b === 'string' ? b : b.value;
      if (typeof b !== 'string') row.getCell(2).numFmt = b.numFmt;
      row.getCell(2).font = { name: FONT };
      row.getCell(2).alignment = { horizontal: 'right' };
    }
  });
  sheet.getColumn(1).width = 34;
  sheet.getColumn(2).width = 20;
}

export async function reportToXlsx(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Yorisoi';
  workbook.title = report.title;
  workbook.created = new Date(report.generatedAt);
  writeSummarySheet(workbook, report);
  for (const table of report.tables) writeTableSheet(workbook, table, report);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `yorisoi-report_2026-04-01_2026-06-30.csv`: ASCII, so every browser and mail client keeps it. */
export function reportFileName(report: Pick<Report, 'period'>, format: 'csv' | 'xlsx'): string {
  return `yorisoi-report_${report.period.from}_${report.period.to}.${format}`;
}
