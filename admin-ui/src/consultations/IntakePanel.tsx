import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Panel } from '../common/Panel';
import type { Consultation } from './types';

/** The language the resident is answered in (and where it came from), then the intake answers in Japanese. */
export const IntakePanel = ({ labels, language }: { labels: Consultation['intakeLabels']; language: Consultation['residentLanguage'] }) => {
  const translate = useTranslate();
  return (
    <Panel title={translate('yorisoi.consultation.intake')}>
      <Box component="dl" sx={{ m: 0, mb: 0.75 }}>
        <Typography component="dt" variant="caption" color="text.secondary">
          {translate('yorisoi.consultation.residentLanguage')}
        </Typography>
        <Typography component="dd" variant="body2" sx={{ m: 0 }} data-testid="resident-language">
          {language
            ? `${translate(`yorisoi.language.${language.code}`, { _: language.code })}（${translate(`yorisoi.consultation.languageSource.${language.source}`)}）`
            : translate('yorisoi.language.ja')}
        </Typography>
      </Box>
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
