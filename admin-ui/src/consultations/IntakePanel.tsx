import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Panel } from '../common/Panel';
import type { Consultation } from './types';

/** The intake answers, in the Japanese wording the resident saw. */
export const IntakePanel = ({ labels }: { labels: Consultation['intakeLabels'] }) => {
  const translate = useTranslate();
  return (
    <Panel title={translate('yorisoi.consultation.intake')}>
      {labels.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('yorisoi.consultation.noIntake')}
        </Typography>
      ) : (
        <Box component="dl" sx={{ m: 0, display: 'grid', gap: 0.75 }}>
          {labels.map(({ question, answer }) => (
            <Box key={question}>
              <Typography component="dt" variant="caption" color="text.secondary">
                {question}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                {answer}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </Panel>
  );
};
