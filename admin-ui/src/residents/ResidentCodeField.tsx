import type { MouseEvent } from 'react';
import { Link, useRecordContext } from 'react-admin';
import type { Resident } from './types';

/** The code as a link, so the Tab key reaches each resident (rows also open on click). */
export const ResidentCodeField = () => {
  const record = useRecordContext<Resident>();
  if (!record) return null;
  return (
    <Link to={`/residents/${encodeURIComponent(record.id)}/show`} onClick={(event: MouseEvent) => event.stopPropagation()} sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
      {record.code}
    </Link>
  );
};
