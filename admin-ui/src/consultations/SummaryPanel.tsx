import { Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Panel } from '../common/Panel';

/** What the AI wrote for the staff member taking over. */
export const SummaryPanel = ({ summary }: { summary: string | null }) => {
  const translate = useTranslate();
  return (
    <Panel title={translate('yorisoi.consultation.summary')}>
      <Typography variant="body2" color={summary ? 'text.primary' : 'text.secondary'} sx={{ whiteSpace: 'pre-wrap' }}>
        {summary || translate('yorisoi.consultation.noSummary')}
      </Typography>
    </Panel>
  );
};
