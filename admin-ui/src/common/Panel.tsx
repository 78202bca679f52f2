import type { ReactNode } from 'react';
import { Card, CardContent, Typography } from '@mui/material';

/** A titled card on the consultation screen. */
export const Panel = ({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) => (
  <Card component="section" variant="outlined" aria-label={title}>
    <CardContent sx={{ '&:last-child': { pb: 2 } }}>
      <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600, mb: 1, display: 'flex', alignItems: 'center', gap: 1 }}>
        {title}
        {action}
      </Typography>
      {children}
    </CardContent>
  </Card>
);
