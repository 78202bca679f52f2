import { FormControlLabel, Switch, Tooltip } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { YorisoiDataProvider } from '../providers/dataProvider';

export const AVAILABILITY_KEY = ['me', 'availability'];

/** 対応可能: while on, the service may offer new cases to the signed-in staff member. */
export const AvailabilitySwitch = () => {
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const translate = useTranslate();
  const { data } = useQuery({ queryKey: AVAILABILITY_KEY, queryFn: () => dataProvider.getAvailability() });
  const { mutate, isPending, variables } = useMutation({
    mutationFn: (available: boolean) => dataProvider.setAvailability(available),
    onSuccess: (answer, available) => {
      queryClient.setQueryData(AVAILABILITY_KEY, answer ?? { data: { available } });
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
      notify(available ? 'yorisoi.availability.nowOn' : 'yorisoi.availability.nowOff', { type: 'info' });
    },
    onError: (error) => notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' }),
  });
  // Shows the new position at once; it springs back if the API refuses.
  const available = isPending && variables !== undefined ? variables : (data?.data.available ?? false);

  return (
    <Tooltip title={translate('yorisoi.availability.help')} describeChild>
      <FormControlLabel
        sx={{ mr: 1, '& .MuiFormControlLabel-label': { fontSize: '0.875rem', whiteSpace: 'nowrap' } }}
        control={
          <Switch
            checked={available}
            disabled={data === undefined || isPending}
            onChange={(event) => mutate(event.target.checked)}
            color="default"
            sx={{ '& .Mui-checked + .MuiSwitch-track': { bgcolor: '#b9e4c9', opacity: 1 } }}
          />
        }
        label={translate('yorisoi.availability.label')}
      />
    </Tooltip>
  );
};
