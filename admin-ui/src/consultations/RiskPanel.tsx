import { Alert, Box, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatShortDateTime } from '../common/formatDateTime';
import { Panel } from '../common/Panel';
import { RiskLevelChip } from '../common/RiskLevelChip';
import type { Consultation } from './types';

const listSx = { m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 0.75 } as const;

/** Current and highest risk, every assessment, and the reviews staff recorded. */
export const RiskPanel = ({ consultation }: { consultation: Consultation }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { riskLevel, highestRiskLevel, riskHistory, reviews, needsReview } = consultation;

  return (
    <Panel title={translate('yorisoi.consultation.risk')}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ mb: 1.5, flexWrap: 'wrap', alignItems: 'center' }}>
        <span>
          {translate('yorisoi.consultation.riskCurrent')} <RiskLevelChip level={riskLevel} />
        </span>
        <span>
          {translate('yorisoi.consultation.riskHighest')} <RiskLevelChip level={highestRiskLevel} />
        </span>
      </Stack>
      {needsReview && (
        <Alert severity="warning" sx={{ mb: 1.5 }}>
          {translate('yorisoi.consultation.needsReview')}
        </Alert>
      )}
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
        {translate('yorisoi.consultation.riskHistory')}
      </Typography>
      {riskHistory.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('yorisoi.consultation.noRiskHistory')}
        </Typography>
      ) : (
        <Box component="ul" sx={listSx}>
          {riskHistory.map((entry, index) => (
            <Box component="li" key={`${entry.at}-${index}`} sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography variant="caption" color="text.secondary" component="time" dateTime={entry.at}>
                {formatShortDateTime(entry.at, locale)}
              </Typography>
              <RiskLevelChip level={entry.level} />
              <Typography variant="body2">{entry.categories.map((c) => translate(`yorisoi.riskCategory.${c}`, { _: c })).join('、')}</Typography>
              <Typography variant="caption" color="text.secondary">
                {translate(`yorisoi.consultation.decidedBy.${entry.decidedBy}`, { _: entry.decidedBy })}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
      {reviews.length > 0 && (
        <>
          <Typography variant="body2" sx={{ fontWeight: 600, mt: 1.5, mb: 0.5 }}>
            {translate('yorisoi.consultation.reviews')}
          </Typography>
          <Box component="ul" sx={listSx}>
            {reviews.map((review) => (
              <Box component="li" key={review.id}>
                <Typography variant="caption" color="text.secondary">
                  {formatShortDateTime(review.at, locale)}・{review.staffName ?? '—'}
                </Typography>
                <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                  {review.note}
                </Typography>
              </Box>
            ))}
          </Box>
        </>
      )}
    </Panel>
  );
};
