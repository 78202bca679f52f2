import { Alert } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate } from 'react-admin';
import { AVAILABILITY_KEY } from '../layout/AvailabilitySwitch';
import type { YorisoiDataProvider } from '../providers/dataProvider';

/** A reminder above the queue while the switch in the app bar is off. */
export const AvailabilityHint = () => {
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  const translate = useTranslate();
  const { data } = useQuery({ queryKey: AVAILABILITY_KEY, queryFn: () => dataProvider.getAvailability() });
  if (!data || data.data.available) return null;
  return (
    <Alert severity="info" sx={{ m: 1 }}>
      {translate('yorisoi.queue.unavailableHint')}
    </Alert>
  );
};
