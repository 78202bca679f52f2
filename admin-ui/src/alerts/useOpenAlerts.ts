import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { YorisoiDataProvider } from '../providers/dataProvider';

/** Under the `alerts` prefix, which live events and every case action refetch (providers/liveUpdates.ts). */
export const OPEN_ALERTS_KEY = ['alerts', 'open'];

export function useOpenAlerts(enabled: boolean) {
  const dataProvider = useDataProvider<YorisoiDataProvider>();
  return useQuery({ queryKey: OPEN_ALERTS_KEY, queryFn: () => dataProvider.getOpenAlerts(), enabled, select: (answer) => answer.data });
}
