import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { httpClient } from '../providers/httpClient';
import { HourlyChart } from './charts/HourlyChart';
import { MonthlyVolumeChart } from './charts/MonthlyVolumeChart';
import { ReplyShareChart } from './charts/ReplyShareChart';
import { KeyFigureCards } from './KeyFigureCards';
import { PeriodPicker } from './PeriodPicker';
import { NOT_PRINTED, ReportPrintStyles } from './ReportPrintStyles';
import { isValidPeriod, type Period, periodQuery, presetPeriod } from './periods';
import { ReportTableView } from './ReportTableView';
import type { Report } from './types';

/** The generation time in Tokyo, 'YYYY-MM-DD HH:MM', as on the exported files. */
const generatedAt = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The server's legend and notes lines, in the order api/reports/report-model.ts writes them. */
const LEGEND_LINES = ['small', 'secondary', 'notShown', 'totals'];
const NOTE_LINES = ['period', 'aggregateOnly'];

/** The lines under the charts in the app's language; a line without words of its own is shown as the server wrote it. */
function useLegendLines(report: Report | undefined): string[] {
  const translate = useTranslate();
  if (!report) return [];
  const values = { threshold: report.smallCellThreshold, from: report.period.from, to: report.period.to };
  const own = (group: string, keys: string[]) => (line: string, i: number) => (keys[i] ? translate(`reports.${group}.${keys[i]}`, { _: line, ...values }) : line);
  return [...report.legend.map(own('legend', LEGEND_LINES)), ...report.notes.map(own('notes', NOTE_LINES))];
}

/** 2026, or 2025–2026 for a period across 1 April. */
const fiscalYears = ([first, last]: [number, number]) => (first === last ? `${first}` : `${first}–${last}`);

const hourOf = (hhmm: string) => Number(hhmm.slice(0, 2)) + Number(hhmm.slice(3, 5)) / 60;

/** `inRow`: one of the cards side by side (they share the row, wrapping below 360 px). */
const ChartCard = ({ title, inRow = false, children }: { title: string; inRow?: boolean; children: React.ReactNode }) => (
  <Card variant="outlined" component="section" sx={inRow ? { flex: '1 1 360px', minWidth: 0 } : undefined}>
    <CardContent>
      <Typography variant="h6" component="h3" gutterBottom>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/**
 * The officials' page: a period, the key figures, charts, every table, and the same report as CSV
 * and Excel files. Only aggregates reach the browser; hidden cells come as 「<5」「X」「－」.
 */
export const ReportsPage = () => {
  const translate = useTranslate();
  const [period, setPeriod] = useState<Period>(() => presetPeriod('thisFiscalYear', Date.now()));
  const valid = isValidPeriod(period);
  const { data: report, error, isFetching } = useQuery({
    queryKey: ['reports', period.from, period.to],
    queryFn: () => httpClient<{ data: Report }>(`/api/reports?${periodQuery(period)}`).then((r) => r.data),
    enabled: valid,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const shown = report && report.period.from === period.from && report.period.to === period.to ? report : undefined;
  const legendLines = useLegendLines(shown);

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-report>
      <Title title={translate('reports.title')} />
      <ReportPrintStyles />
      <Card {...NOT_PRINTED}>
        <CardContent>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between', alignItems: { md: 'center' } }}>
            <PeriodPicker value={period} onChange={setPeriod} />
            <Stack direction="row" spacing={1}>
              <Button variant="outlined" sx={{ textTransform: 'none' }} startIcon={<PrintIcon />} onClick={() => window.print()} disabled={!shown}>
                {translate('reports.print')}
              </Button>
              <Button variant="contained" sx={{ textTransform: 'none' }} startIcon={<DownloadIcon />} href={`/api/reports/export.xlsx?${periodQuery(period)}`} download disabled={!shown}>
                {translate('reports.download.xlsx')}
              </Button>
              <Button variant="outlined" sx={{ textTransform: 'none' }} startIcon={<DownloadIcon />} href={`/api/reports/export.csv?${periodQuery(period)}`} download disabled={!shown}>
                {translate('reports.download.csv')}
              </Button>
            </Stack>
          </Stack>
          {!valid && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {translate('reports.period.invalid')}
            </Alert>
          )}
        </CardContent>
        {isFetching && <LinearProgress aria-label={translate('reports.loading')} />}
      </Card>

      {error && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {error instanceof Error ? translate(error.message, { _: error.message }) : translate('reports.error')}
        </Alert>
      )}

      {shown && (
        <Stack spacing={2} sx={{ mt: 2 }} aria-busy={isFetching}>
          <Box>
            <Typography variant="h5" component="h2">
              {shown.title}
            </Typography>
            <Typography color="text.secondary" data-testid="report-period">
              {translate('reports.fiscalYearLine', { ...shown.period.fiscalYear, years: fiscalYears(shown.period.fiscalYear.years) })}
              {'　'}
              {translate('reports.periodLine', { from: shown.period.from, to: shown.period.to })}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="p">
              {translate('reports.generatedLine', { municipality: shown.municipality, at: generatedAt(shown.generatedAt) })}
            </Typography>
          </Box>
          <KeyFigureCards figures={shown.keyFigures} />
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
            <ChartCard inRow title={translate('reports.charts.monthly')}>
              <MonthlyVolumeChart report={shown} />
            </ChartCard>
            <ChartCard inRow title={translate('reports.charts.share')}>
              <ReplyShareChart report={shown} />
            </ChartCard>
          </Box>
          <ChartCard title={translate('reports.charts.hourly')}>
            <HourlyChart report={shown} open={hourOf(shown.businessHours.open)} close={hourOf(shown.businessHours.close)} />
          </ChartCard>
          <Box component="ul" data-report-legend sx={{ m: 0, pl: 2.5, color: 'text.secondary', fontSize: 13 }}>
            {legendLines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </Box>
          {shown.tables.map((table) => (
            <ReportTableView key={table.id} table={table} />
          ))}
        </Stack>
      )}
    </Box>
  );
};
