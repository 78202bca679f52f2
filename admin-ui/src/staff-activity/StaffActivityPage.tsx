import { Alert, Box, Card, CardContent, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import type { ReportCell } from '../../../contracts/report';
import { httpClient } from '../providers/httpClient';
import { PeriodPicker } from '../reports/PeriodPicker';
import { isValidPeriod, type Period, periodQuery, presetPeriod } from '../reports/periods';

/** As api/reports/staff-activity.ts answers: each cell already hidden by the reports' small-cell rules. */
interface StaffActivityReport {
  period: { from: string; to: string };
  smallCellThreshold: number;
  rows: { staffId: string; name: string; casesHandled: ReportCell; firstReplyMedianMinutes: ReportCell; alertsAcknowledged: ReportCell }[];
}

const COLUMNS = ['casesHandled', 'firstReplyMedianMinutes', 'alertsAcknowledged'] as const;

/**
 * 対応実績（スタッフ別）, for supervisors and admins: per staff member over a period, cases handled, the
 * median first-reply time and alerts acknowledged. The server hides small counts (「<5」「X」) and
 * medians over few cases (「－」), so nothing here can show more than the API decided.
 */
export const StaffActivityPage = () => {
  const translate = useTranslate();
  const [period, setPeriod] = useState<Period>(() => presetPeriod('thisMonth', Date.now()));
  const valid = isValidPeriod(period);
  const { data, error, isFetching } = useQuery({
    queryKey: ['staff-activity', period.from, period.to],
    queryFn: () => httpClient<{ data: StaffActivityReport }>(`/api/reports/staff-activity?${periodQuery(period)}`).then((r) => r.data),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  const shown = data && data.period.from === period.from && data.period.to === period.to ? data : undefined;

  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title={translate('yorisoi.staffActivity.title')} />
      <Card>
        <CardContent>
          <PeriodPicker value={period} onChange={setPeriod} />
          {!valid && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {translate('reports.period.invalid')}
            </Alert>
          )}
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            {translate('yorisoi.staffActivity.explain', { threshold: shown?.smallCellThreshold ?? 5 })}
          </Typography>
        </CardContent>
        {isFetching && <LinearProgress aria-label={translate('reports.loading')} />}
      </Card>
      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error instanceof Error ? error.message : translate('reports.error')}
        </Alert>
      )}
      {shown && (
        <Card sx={{ mt: 2 }}>
          <Table size="small" aria-label={translate('yorisoi.staffActivity.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('yorisoi.staffActivity.staff')}</TableCell>
                {COLUMNS.map((c) => (
                  <TableCell key={c} align="right">
                    {translate(`yorisoi.staffActivity.${c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={4}>{translate('yorisoi.staffActivity.none')}</TableCell>
                </TableRow>
              )}
              {shown.rows.map((row) => (
                <TableRow key={row.staffId}>
                  <TableCell component="th" scope="row">
                    {row.name}
                  </TableCell>
                  {COLUMNS.map((c) => (
                    <TableCell key={c} align="right" data-hidden={row[c].hidden ?? undefined}>
                      {row[c].display}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </Box>
  );
};
