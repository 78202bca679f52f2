import { Box, Button, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { formatShortDateTime } from '../common/formatDateTime';
import { Panel } from '../common/Panel';
import { RiskLevelChip } from '../common/RiskLevelChip';
import { invalidateCases } from '../providers/liveUpdates';
import type { YorisoiDataProvider } from '../providers/dataProvider';
import type { ConsultationAlert } from './types';
import { errorMessage } from './useConsultationAction';

/** On-call alerts raised for this case; staff acknowledge each one. Hidden when there are none. */
export const AlertsPanel = ({ alerts }: { alerts: ConsultationAlert[] }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { mutate, isPending, variables } = useMutation({
    mutationFn: (alertId: string) => dataProvider.acknowledgeAlert(alertId),
    onSuccess: () => notify('yorisoi.consultation.alertAcknowledged', { type: 'success' }),
    onError: (error) => notify(errorMessage(error), { type: 'error' }),
    onSettled: () => invalidateCases(queryClient),
  });
  if (alerts.length === 0) return null;

  return (
    <Panel title={translate('yorisoi.consultation.alerts')}>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 1 }}>
        {alerts.map((alert) => (
          <Stack component="li" key={alert.id} direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            {alert.level && <RiskLevelChip level={alert.level} />}
            <Typography variant="body2">
              {translate(`yorisoi.alertKind.${alert.kind}`, { _: alert.kind })}・{translate(`yorisoi.alertChannel.${alert.channel}`, { _: alert.channel })}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {formatShortDateTime(alert.createdAt, locale)}
            </Typography>
            {alert.acknowledgedAt ? (
              <Typography variant="caption" color="text.secondary">
                {translate('yorisoi.consultation.acknowledgedAt', { at: formatShortDateTime(alert.acknowledgedAt, locale) })}
              </Typography>
            ) : (
              <Button size="small" variant="outlined" disabled={isPending && variables === alert.id} onClick={() => mutate(alert.id)}>
                {translate('yorisoi.consultation.acknowledge')}
              </Button>
            )}
          </Stack>
        ))}
      </Box>
    </Panel>
  );
};
