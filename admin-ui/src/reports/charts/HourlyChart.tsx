import { useTranslate } from 'react-admin';
import { findTable, type Report } from '../types';
import { BarChart } from './BarChart';

/** Messages received by hour of day, with business hours shaded: most arrive when only the AI is there. */
export const HourlyChart = ({ report, open, close }: { report: Report; open: number; close: number }) => {
  const translate = useTranslate();
  const table = findTable(report, 'hours');
  if (!table) return null;
  const hours = table.rows.filter((r) => !r.total);
  return (
    <BarChart
      label={translate('reports.charts.hourlyLabel')}
      width={940}
      height={240}
      categories={hours.map((r) => `${r.key}時`)}
      labelEvery={3}
      shaded={{ from: open, to: close, label: translate('reports.charts.businessHours') }}
      series={[
        {
          name: translate('reports.charts.messagesIn'),
          color: '#3d6b7d',
          values: hours.map((r) => r.cells.messages.value),
          marks: hours.map((r) => r.cells.messages.display),
        },
      ]}
    />
  );
};
