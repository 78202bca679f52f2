import { Card, CardContent, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { ReportTable } from './types';

/** One table of the report, as in the CSV and the Excel sheet of the same name. */
export const ReportTableView = ({ table }: { table: ReportTable }) => (
  <Card variant="outlined" component="section" aria-labelledby={`report-table-${table.id}`} data-table={table.id}>
    <CardContent>
      <Typography id={`report-table-${table.id}`} variant="h6" component="h3" gutterBottom>
        {table.title}
      </Typography>
      <TableContainer>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell component="th">{table.rowHeader}</TableCell>
              {table.columns.map((c) => (
                <TableCell key={c.key} component="th" align="right">
                  {c.label}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {table.rows.map((row) => (
              <TableRow key={row.key} data-row={row.key} sx={row.total ? { '& td, & th': { fontWeight: 700, bgcolor: '#f3f5f2' } } : undefined}>
                <TableCell component="th" scope="row">
                  {row.label}
                </TableCell>
                {table.columns.map((c) => (
                  <TableCell key={c.key} align="right" data-column={c.key} sx={{ fontVariantNumeric: 'tabular-nums', color: row.cells[c.key].value === null ? 'text.secondary' : undefined }}>
                    {row.cells[c.key].display}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {table.note && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {table.note}
        </Typography>
      )}
    </CardContent>
  </Card>
);
