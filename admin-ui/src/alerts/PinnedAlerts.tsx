import { Box, Button, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { formatShortDateTime } from '../common/formatDateTime';
import { RiskLevelChip } from '../common/RiskLevelChip';
import { errorMessage } from '../consultations/useConsultationAction';
import type { YorisoiDataProvider } from '../providers/dataProvider';
import { invalidateCases } from '../providers/liveUpdates';
import { useAlertSignals } from './useAlertSignals';
import { useOpenAlerts } from './useOpenAlerts';

/**
 * Unacknowledged crisis alerts, pinned at the top of every screen (it stays in view while the
 * page scrolls) until someone acknowledges them; new ones also sound and notify.
 */
export const PinnedAlerts = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const { data: alerts } = useOpenAlerts(true);
  useAlertSignals(alerts);
  const { mutate, isPending, variables } = useMutation({
    mutationFn: (alertId: string) => dataProvider.acknowledgeAlert(alertId),
    onSuccess: () => notify('alerts.pinned.acknowledged', { type: 'success' }),
    onError: (error) => notify(errorMessage(error), { type: 'error' }),
    onSettled: () => invalidateCases(queryClient),
  });
  if (!alerts || alerts.length === 0) return null;

  const title = translate('alerts.pinned.title');
  return (
    <Box
      component="section"
      aria-label={title}
      sx={{ position: 'sticky', top: { xs: 56, sm: 48 }, zIndex: 3, mx: { xs: 0, sm: 1 }, mt: 1, p: 1.5, bgcolor: '#fdecea', border: '1px solid #f5c2c0', borderLeft: '6px solid #c62828', borderRadius: 1 }}
    >
      <Typography variant="subtitle2" component="h2" sx={{ color: '#8e1b1b', fontWeight: 700, mb: 0.5 }}>
        {title}
      </Typography>
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 0.75 }}>
        {alerts.map((alert) => (
          <Stack component="li" key={alert.id} data-alert-id={alert.id} direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            {alert.level && <RiskLevelChip level={alert.level} prefix />}
            <Typography variant="body2">{translate('alerts.pinned.line', { code: alert.residentCode, at: formatShortDateTime(alert.createdAt, locale) })}</Typography>
            <Button size="small" component={Link} to={`/consultations/${encodeURIComponent(alert.consultationId)}/show`}>
              {translate('alerts.pinned.open')}
            </Button>
            <Button size="small" variant="contained" color="error" disabled={isPending && variables === alert.id} onClick={() => mutate(alert.id)}>
              {translate('alerts.pinned.acknowledge')}
            </Button>
          </Stack>
        ))}
      </Box>
    </Box>
  );
};
