import { Box, Button, Chip, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { Panel } from '../common/Panel';
import { errorMessage } from '../consultations/useConsultationAction';
import { httpClient } from '../providers/httpClient';
import { tokyoDayFromNow, type FollowUpTask } from './types';

/** Under the consultation's own key, so its live events refetch it. */
const tasksKey = (consultationId: string) => ['consultations', consultationId, 'follow-ups'];
const QUICK_DAYS = [1, 3, 7] as const;

/** 予定: follow-up tasks on the case with a due day (「3日後に様子を聞く」), completed here or from 今日の予定. */
export const FollowUpPanel = ({ consultationId }: { consultationId: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState(() => tokyoDayFromNow(3));
  const id = encodeURIComponent(consultationId);
  const { data: tasks } = useQuery({ queryKey: tasksKey(consultationId), queryFn: () => httpClient<{ data: FollowUpTask[] }>(`/api/consultations/${id}/follow-ups`).then((a) => a.data) });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: tasksKey(consultationId) }), queryClient.invalidateQueries({ queryKey: ['follow-ups'] })]);
  const add = useMutation({
    mutationFn: () => httpClient(`/api/consultations/${id}/follow-ups`, { method: 'POST', body: { title: title.trim(), dueOn } }),
    onSuccess: async () => {
      setTitle('');
      notify('workbench.followUps.added', { type: 'success' });
      await refresh();
    },
    onError: (error) => notify(errorMessage(error), { type: 'error' }),
  });
  const complete = useMutation({
    mutationFn: (taskId: string) => httpClient(`/api/follow-ups/${encodeURIComponent(taskId)}/complete`, { method: 'POST', body: {} }),
    onSuccess: refresh,
    onError: (error) => notify(errorMessage(error), { type: 'error' }),
  });

  return (
    <Panel title={translate('workbench.followUps.title')}>
      {tasks && tasks.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('workbench.followUps.none')}
        </Typography>
      )}
      <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 1 }}>
        {tasks?.map((task) => (
          <Box component="li" key={task.id} data-completed={task.completedAt !== null} sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <Box sx={{ flexGrow: 1, opacity: task.completedAt ? 0.6 : 1 }}>
              <Typography variant="body2" sx={{ textDecoration: task.completedAt ? 'line-through' : 'none' }}>
                {task.title}
              </Typography>
              <Typography variant="caption" color={task.overdue ? 'error' : 'text.secondary'}>
                {task.completedAt
                  ? translate('workbench.followUps.completedBy', { name: task.completedByName ?? '—' })
                  : translate(task.overdue ? 'workbench.followUps.overdue' : 'workbench.followUps.due', { day: task.dueOn })}
              </Typography>
            </Box>
            {!task.completedAt && (
              <Button size="small" variant="outlined" onClick={() => complete.mutate(task.id)} disabled={complete.isPending} aria-label={translate('workbench.followUps.completeNamed', { title: task.title })}>
                {translate('workbench.followUps.complete')}
              </Button>
            )}
          </Box>
        ))}
      </Box>
      <Box component="form" sx={{ mt: 1.5, display: 'flex', flexDirection: 'column', gap: 1 }} onSubmit={(event) => (event.preventDefault(), add.mutate())}>
        <TextField label={translate('workbench.followUps.newTitle')} placeholder={translate('workbench.followUps.example')} value={title} onChange={(event) => setTitle(event.target.value)} size="small" fullWidth />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <TextField type="date" label={translate('workbench.followUps.dueOn')} value={dueOn} onChange={(event) => setDueOn(event.target.value)} size="small" slotProps={{ inputLabel: { shrink: true } }} />
          {QUICK_DAYS.map((days) => (
            <Chip key={days} size="small" label={translate(`workbench.followUps.in${days}`)} onClick={() => setDueOn(tokyoDayFromNow(days))} variant={dueOn === tokyoDayFromNow(days) ? 'filled' : 'outlined'} />
          ))}
          <Button type="submit" size="small" variant="outlined" sx={{ ml: 'auto' }} disabled={add.isPending || title.trim() === '' || !dueOn}>
            {translate('workbench.followUps.add')}
          </Button>
        </Stack>
      </Box>
    </Panel>
  );
};
