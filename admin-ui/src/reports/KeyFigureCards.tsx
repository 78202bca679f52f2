import { Box, Card, CardContent, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { KeyFigure } from './types';

/** The figures a city publishes, as cards (the totals of the tables below, hidden the same way); labels in the app's language (reports.figures.<id>), the server's Japanese where there are none. */
export const KeyFigureCards = ({ figures }: { figures: KeyFigure[] }) => {
  const translate = useTranslate();
  return (
    <Box
      component="ul"
      sx={{
        listStyle: 'none',
        p: 0,
        m: 0,
        display: 'grid',
        gap: 1.5,
        gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
      }}
    >
      {figures.map((f) => (
        <Card key={f.id} component="li" variant="outlined" data-figure={f.id}>
          <CardContent sx={{ py: 1.5, '&:last-child': { pb: 1.5 } }}>
            <Typography variant="body2" color="text.secondary" className="figure-label">
              {translate(`reports.figures.${f.id}`, { _: f.label })}
            </Typography>
            <Typography variant="h5" component="p" className="figure-value" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
              {f.cell.display}
            </Typography>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
};
