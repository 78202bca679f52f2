import { useState } from 'react';
import { Box, Button, Chip, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useTranslate, type Identifier } from 'react-admin';
import { formatShortDateTime } from '../common/formatDateTime';
import { Panel } from '../common/Panel';
import { httpClient } from '../providers/httpClient';
import { CreateReferralDialog } from './CreateReferralDialog';
import { RerouteReferralDialog } from './RerouteReferralDialog';
import type { CaseReferral, PartnerSuggestion } from './types';

type ChipColor = 'default' | 'warning' | 'success' | 'error' | 'info';
const STATUS_COLORS: Record<string, ChipColor> = {
  awaiting_consent: 'warning',
  collecting: 'warning',
  sent: 'info',
  acknowledged: 'info',
  accepted: 'success',
  contacted: 'success',
  declined: 'error',
};

/**
 * Keyed under ['consultations', id]: the live updates (providers/liveUpdates.ts) invalidate every
 * 'consultations' query on a `consultation` event, which the API publishes on each referral change.
 */
export const caseReferralsKey = (consultationId: Identifier) => ['consultations', String(consultationId), 'referrals'];

/** 紹介: the case's referrals to partner organisations, the partners suggested for its topics, and a new draft. */
export const CaseReferralsPanel = ({ consultationId, closed = false }: { consultationId: Identifier; closed?: boolean }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);
  const [rerouting, setRerouting] = useState<CaseReferral | null>(null);
  const id = encodeURIComponent(String(consultationId));
  const { data: referrals, isPending, error } = useQuery({
    queryKey: caseReferralsKey(consultationId),
    queryFn: () => httpClient<{ data: CaseReferral[] }>(`/api/consultations/${id}/referrals`).then((a) => a.data),
  });
  const { data: suggestions } = useQuery({
    queryKey: ['partner-suggestions', String(consultationId)],
    queryFn: () => httpClient<{ data: PartnerSuggestion[] }>(`/api/consultations/${id}/partner-suggestions`).then((a) => a.data),
  });

  return (
    <Panel
      title={translate('yorisoi.referral.title')}
      action={
        closed ? undefined : (
          <Button size="small" variant="outlined" sx={{ ml: 'auto' }} onClick={() => setOpen(true)}>
            {translate('yorisoi.referral.create')}
          </Button>
        )
      }
    >
      {error ? (
        <Typography variant="body2" color="error">
          {translate((error as Error).message || 'ra.notification.http_error', { _: (error as Error).message })}
        </Typography>
      ) : isPending ? null : referrals && referrals.length > 0 ? (
        <Box component="ul" data-testid="case-referrals" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 1 }}>
          {referrals.map((r) => (
            <Box component="li" key={r.id} data-referral-id={r.id} data-status={r.status}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {r.partnerName ?? r.partnerId}
                </Typography>
                <Chip size="small" color={STATUS_COLORS[r.status] ?? 'default'} label={translate(`yorisoi.referral.status.${r.status}`, { _: r.status })} />
                {r.overdue.length > 0 && ['sent', 'acknowledged', 'accepted'].includes(r.status) && <Chip size="small" color="error" variant="outlined" label={translate('yorisoi.referral.overdue')} />}
              </Box>
              <Typography variant="caption" color="text.secondary" component="div">
                {formatShortDateTime(r.sentAt ?? r.createdAt ?? '', locale)}・{translate('yorisoi.referral.shared')}: {r.shareLabels.join('、') || '—'}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {r.reason}
              </Typography>
              {r.declineReason && (
                <Typography variant="body2" color="text.secondary">
                  {translate('yorisoi.referral.declineReason')}: {r.declineReason}
                </Typography>
              )}
              {/* The API re-routes a declined referral once (api/referrals/referral-routes.ts). */}
              {r.status === 'declined' && r.reroutedTo && <Chip size="small" variant="outlined" label={translate('yorisoi.referral.reroutedTo')} />}
              {r.status === 'declined' && !r.reroutedTo && !closed && (
                <Button size="small" variant="outlined" sx={{ mt: 0.5 }} onClick={() => setRerouting(r)}>
                  {translate('yorisoi.referral.reroute')}
                </Button>
              )}
              {r.outcome && (
                <Typography variant="body2" color="text.secondary">
                  {translate('yorisoi.referral.outcome')}: {r.outcome}
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('yorisoi.referral.none')}
        </Typography>
      )}
      {suggestions && suggestions.length > 0 && (
        <Box sx={{ mt: 1.5 }}>
          <Typography variant="caption" color="text.secondary" component="div">
            {translate('yorisoi.referral.suggestions')}
          </Typography>
          <Box component="ul" data-testid="partner-suggestions" sx={{ m: 0, pl: 2 }}>
            {suggestions.map((s) => (
              <Typography component="li" variant="body2" key={s.id}>
                {s.name}
                {s.matchedTopics.length > 0 && (
                  <Typography component="span" variant="caption" color="text.secondary">
                    {'（'}
                    {s.matchedTopics.join('、')}
                    {'）'}
                  </Typography>
                )}
              </Typography>
            ))}
          </Box>
        </Box>
      )}
      <CreateReferralDialog consultationId={consultationId} suggestions={suggestions ?? []} open={open} onClose={() => setOpen(false)} />
      {rerouting && <RerouteReferralDialog referral={rerouting} open onClose={() => setRerouting(null)} />}
    </Panel>
  );
};
