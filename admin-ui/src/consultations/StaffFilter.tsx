import { useQuery } from '@tanstack/react-query';
import { SelectInput, type SelectInputProps } from 'react-admin';
import { httpClient } from '../providers/httpClient';

/** A list filter choosing one person who works on cases (GET /api/case-workers). */
export const StaffFilter = (props: SelectInputProps) => {
  const { data } = useQuery({ queryKey: ['case-workers'], queryFn: () => httpClient<{ data: { id: string; name: string }[] }>('/api/case-workers').then((a) => a.data) });
  return <SelectInput {...props} choices={data ?? []} isPending={!data} />;
};
