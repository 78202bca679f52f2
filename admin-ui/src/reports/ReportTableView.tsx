import { Card, CardContent, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ReportCell, ReportColumn, ReportTable } from './types';

const MONTH_ROW = /^(\d{4})-(\d{2})$/;
/** The unit the server appends to a shown number, by column kind (api/reports/report-model.ts). */
const UNIT_SUFFIX: Partial<Record<ReportColumn['kind'], RegExp>> = { points: /点$/, yen: /円$/, minutes: /分$/, hours: /時間$/ };

/** The table's words in the app's language (reports.tables.<id> in i18n.ts), the server's Japanese where there are none. */
function useTableWords(table: ReportTable) {
  const translate = useTranslate();
  const own = (path: string, fallback: string) => translate(`reports.tables.${table.id}.${path}`, { _: fallback });
  return {
    title: own('title', table.title),
    rowHeader: own('rowHeader', table.rowHeader),
    note: table.note && translate(`reports.tables.${table.id}.note`, { _: table.note, ...table.noteValues }),
    column: (key: string, fallback: string) => own(`columns.${key}`, fallback),
    row: (key: string, fallback: string) => {
      const month = MONTH_ROW.exec(key);
      if (month) return translate('reports.tableRows.month', { _: fallback, year: month[1], month: Number(month[2]), mm: month[2] });
      if (key === 'total') return translate('reports.tableRows.total', { _: fallback });
      return own(`rows.${key}`, fallback);
    },
    /** A cell as shown: a number with a unit (points, yen, minutes, hours) takes the app's unit; every other cell as the server wrote it. */
    cell: (column: ReportColumn, cell: ReportCell) => {
      const unit = UNIT_SUFFIX[column.kind];
      return unit && cell.value !== null ? translate(`reports.tableCells.${column.kind}`, { _: cell.display, value: cell.display.replace(unit, '') }) : cell.display;
    },
  };
}

/** One table of the report, as in the CSV and the Excel sheet of the same name. */
export const ReportTableView = ({ table }: { table: ReportTable }) => {
  const words = useTableWords(table);
  return (
    <Card variant="outlined" component="section" aria-labelledby={`report-table-${table.id}`} data-table={table.id}>
      <CardContent>
        <Typography id={`report-table-${table.id}`} variant="h6" component="h3" gutterBottom>
          {words.title}
        </Typography>
        <TableContainer>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell component="th">{words.rowHeader}</TableCell>
                {table.columns.map((c) => (
                  <TableCell key={c.key} component="th" align="right">
                    {words.column(c.key, c.label)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {table.rows.map((row) => (
                <TableRow key={row.key} data-row={row.key} sx={row.total ? { '& td, & th': { fontWeight: 700, bgcolor: '#f3f5f2' } } : undefined}>
                  <TableCell component="th" scope="row">
                    {words.row(row.key, row.label)}
                  </TableCell>
                  {table.columns.map((c) => (
                    <TableCell key={c.key} align="right" data-column={c.key} sx={{ fontVariantNumeric: 'tabular-nums', color: row.cells[c.key].value === null ? 'text.secondary' : undefined }}>
                      {words.cell(c, row.cells[c.key])}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {words.note && (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            {words.note}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};
