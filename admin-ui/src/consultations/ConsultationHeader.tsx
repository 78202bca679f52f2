import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useGetIdentity, useTranslate } from 'react-admin';
import { RiskLevelChip } from '../common/RiskLevelChip';
import { ConsultationActions } from './ConsultationActions';
import { ConsultationStatusChip } from './ConsultationStatusField';
import type { Consultation } from './types';

/** Who, in which state, at which risk, with whom, and the actions. */
export const ConsultationHeader = ({ consultation }: { consultation: Consultation }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const assigned = !consultation.assignedStaffId
    ? translate('yorisoi.consultation.unassigned')
    : consultation.assignedStaffId === identity?.id
      ? translate('yorisoi.consultation.assignedToYou')
      : translate('yorisoi.consultation.assignedTo', { name: consultation.assignedStaffName ?? '' });

  return (
    <Card variant="outlined" sx={{ mb: 2, borderLeft: consultation.urgent ? '4px solid #c62828' : undefined }}>
      <CardContent sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', '&:last-child': { pb: 2 } }}>
        <Stack spacing={1}>
          <Typography component="h1" variant="h6">
            {translate('yorisoi.consultation.title', { code: consultation.residentCode })}
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            {consultation.urgent && <Chip size="small" color="error" label={translate('yorisoi.queue.urgent')} />}
            <ConsultationStatusChip status={consultation.status} />
            <RiskLevelChip level={consultation.highestRiskLevel} prefix />
            <Typography variant="body2" color="text.secondary">
              {assigned}
            </Typography>
          </Stack>
        </Stack>
        <ConsultationActions consultation={consultation} />
      </CardContent>
    </Card>
  );
};
