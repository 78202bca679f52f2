import { useTranslate } from 'react-admin';
import { findTable, type Report } from '../types';
import { BarChart } from './BarChart';

/** Consultations and residents who consulted, month by month (from the 月別 table). */
export const MonthlyVolumeChart = ({ report }: { report: Report }) => {
  const translate = useTranslate();
  const table = findTable(report, 'monthly');
  if (!table) return null;
  const months = table.rows.filter((r) => !r.total);
  const series = (key: string, name: string, color: string) => ({
    name,
    color,
    values: months.map((r) => r.cells[key].value),
    marks: months.map((r) => r.cells[key].display),
  });
  return (
    <BarChart
      label={translate('reports.charts.monthlyLabel')}
      width={440}
      height={200}
      categories={months.map((r) => r.label.replace(/^\d+年/, ''))}
      series={[series('consultations', translate('reports.charts.consultations'), '#3d6b7d'), series('consulters', translate('reports.charts.consulters'), '#9cb8c2')]}
    />
  );
};
