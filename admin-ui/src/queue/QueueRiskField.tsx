import { Chip, Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { RiskLevelChip } from '../common/RiskLevelChip';
import type { QueueItem } from './types';

/** The highest risk reached, with a 緊急 badge for urgent cases. */
export const QueueRiskField = () => {
  const record = useRecordContext<QueueItem>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {record.urgent && <Chip size="small" color="error" label={translate('yorisoi.queue.urgent')} />}
      <RiskLevelChip level={record.highestRiskLevel} />
    </Stack>
  );
};
