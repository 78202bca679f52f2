import type { MouseEvent } from 'react';
import { Link, useRecordContext } from 'react-admin';

/**
 * The resident code as a link to the consultation: rows also open on click, but only a link
 * can be reached with the Tab key.
 */
export const ConsultationLinkField = () => {
  const record = useRecordContext<{ id: string; residentCode: string }>();
  if (!record) return null;
  return (
    <Link to={`/consultations/${encodeURIComponent(record.id)}/show`} onClick={(event: MouseEvent) => event.stopPropagation()} sx={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
      {record.residentCode}
    </Link>
  );
};
