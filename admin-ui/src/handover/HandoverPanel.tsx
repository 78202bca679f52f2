import { Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { formatShortDateTime } from '../common/formatDateTime';
import { Panel } from '../common/Panel';
import { RiskLevelChip } from '../common/RiskLevelChip';
import { errorMessage } from '../consultations/useConsultationAction';
import type { YorisoiDataProvider } from '../providers/dataProvider';
import { handoverText } from './handoverText';
import type { Handover } from './types';

/** Under the consultation's own key, so its live events refetch it. */
const handoverKey = (consultationId: string) => ['consultations', consultationId, 'handover'];

const Section = ({ title, lines }: { title: string; lines: React.ReactNode[] }) =>
  lines.length === 0 ? null : (
    <Box>
      <Typography variant="caption" color="text.secondary" component="h3">
        {title}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {lines.map((line, i) => (
          <Typography component="li" variant="body2" key={i}>
            {line}
          </Typography>
        ))}
      </Box>
    </Box>
  );

/**
 * 引き継ぎの要約: what the resident has told (topics, risk over time, intake, requests for a person,
 * their own words), never the AI's sentences. Staff may edit it; the saved text then shows instead.
 */
export const HandoverPanel = ({ consultationId }: { consultationId: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [draft, setDraft] = useState<string | null>(null);
  const { data } = useQuery({ queryKey: handoverKey(consultationId), queryFn: () => dataProvider.getHandover(consultationId), select: (a) => a.data });
  const save = useMutation({
    mutationFn: (text: string) => dataProvider.saveHandover(consultationId, text),
    onSuccess: (answer) => {
      queryClient.setQueryData(handoverKey(consultationId), answer);
      setDraft(null);
      notify('handover.saved', { type: 'success' });
    },
    onError: (error) => notify(errorMessage(error), { type: 'error' }),
  });
  const at = (iso: string) => formatShortDateTime(iso, locale);
  if (!data) return <Panel title={translate('handover.title')}>{null}</Panel>;
  const g: Handover['generated'] = data.generated;

  const editButton =
    draft === null ? (
      <Button size="small" sx={{ ml: 'auto' }} onClick={() => setDraft(data.edited?.text ?? handoverText(g, translate, at))}>
        {translate('handover.edit')}
      </Button>
    ) : undefined;

  return (
    <Panel title={translate('handover.title')} action={editButton}>
      {draft !== null ? (
        <Stack spacing={1}>
          <TextField label={translate('handover.textLabel')} multiline minRows={6} value={draft} onChange={(e) => setDraft(e.target.value)} fullWidth />
          <Stack direction="row" spacing={1}>
            <Button variant="contained" size="small" disabled={save.isPending || !draft.trim()} onClick={() => save.mutate(draft)}>
              {translate('handover.save')}
            </Button>
            <Button size="small" onClick={() => setDraft(null)}>
              {translate('handover.cancel')}
            </Button>
            {data.edited && (
              <Button size="small" color="inherit" disabled={save.isPending} onClick={() => save.mutate('')}>
                {translate('handover.reset')}
              </Button>
            )}
          </Stack>
        </Stack>
      ) : data.edited ? (
        <>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="handover-edited">
            {data.edited.text}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {translate('handover.editedBy', { name: data.edited.staffName ?? '—', at: at(data.edited.at) })}
          </Typography>
        </>
      ) : (
        <Stack spacing={1}>
          <Typography variant="caption" color="text.secondary">
            {translate('handover.explain')}
          </Typography>
          <Section title={translate('handover.topics')} lines={g.topics.map((t) => translate(`yorisoi.riskCategory.${t}`, { _: t }))} />
          <Section
            title={translate('handover.riskHistory')}
            lines={g.riskHistory.map((r) => (
              <span key={r.at}>
                {at(r.at)} <RiskLevelChip level={r.level} />
              </span>
            ))}
          />
          <Section title={translate('handover.intake')} lines={g.intake.map((q) => `${q.question} ${q.answer}`)} />
          <Section title={translate('handover.requests')} lines={g.requests.map((r) => `${at(r.at)} ${translate(`handover.via.${r.via}`)}`)} />
          <Section title={translate('handover.residentWords')} lines={g.residentWords} />
          {g.residentWords.length === 0 && g.intake.length === 0 && (
            <Typography variant="body2" color="text.secondary">
              {translate('handover.nothing')}
            </Typography>
          )}
        </Stack>
      )}
    </Panel>
  );
};
