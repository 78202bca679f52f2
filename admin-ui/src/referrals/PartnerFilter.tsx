import { useQuery } from '@tanstack/react-query';
import { SelectInput, type SelectInputProps } from 'react-admin';
import { httpClient } from '../providers/httpClient';
import type { PartnerSummary } from './types';

/** A list filter choosing one partner organisation of the directory (GET /api/partners). */
export const PartnerFilter = (props: SelectInputProps) => {
  const { data } = useQuery({ queryKey: ['partners', 'choices'], queryFn: () => httpClient<{ data: PartnerSummary[] }>('/api/partners').then((a) => a.data) });
  return <SelectInput {...props} choices={data ?? []} isPending={!data} />;
};
