import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { findTable, type Report } from '../types';

const AI = '#3d6b7d';
const STAFF = '#c07a3a';

/** AI and staff shares of the replies: one 100 % bar per month and one for the whole period. */
export const ReplyShareChart = ({ report }: { report: Report }) => {
  const translate = useTranslate();
  const table = findTable(report, 'replies');
  if (!table) return null;
  return (
    <Box role="img" aria-label={translate('reports.charts.shareLabel')}>
      {table.rows.map((row) => {
        const ai = row.cells.aiShare;
        const staff = row.cells.staffShare;
        const known = ai.value !== null && staff.value !== null;
        return (
          <Box key={row.key} sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 0.75 }}>
            <Typography variant="body2" sx={{ width: 88, flexShrink: 0, fontWeight: row.total ? 700 : 400 }}>
              {row.label}
            </Typography>
            <Box sx={{ flexGrow: 1, display: 'flex', height: row.total ? 22 : 16, bgcolor: '#eceff0', borderRadius: 0.5, overflow: 'hidden' }}>
              {known && <Box title={`AI ${ai.display}`} sx={{ width: `${ai.value}%`, bgcolor: AI }} />}
              {known && <Box title={`${translate('reports.charts.staff')} ${staff.display}`} sx={{ width: `${staff.value}%`, bgcolor: STAFF }} />}
            </Box>
            <Typography variant="body2" sx={{ width: 120, flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
              {ai.display} / {staff.display}
            </Typography>
          </Box>
        );
      })}
      <Box sx={{ display: 'flex', gap: 2, justifyContent: 'center', fontSize: 12, color: 'text.secondary', mt: 1 }}>
        {[
          ['AI', AI],
          [translate('reports.charts.staff'), STAFF],
        ].map(([name, color]) => (
          <Box key={name} component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
            <Box component="span" sx={{ width: 10, height: 10, bgcolor: color, display: 'inline-block' }} />
            {name}
          </Box>
        ))}
      </Box>
    </Box>
  );
};
