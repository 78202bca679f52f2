import { useRecordContext, useTranslate } from 'react-admin';
import type { QueueItem } from './types';

/** The language the latest message seems to be in (a hint from its script, not a setting). */
export const LanguageField = () => {
  const record = useRecordContext<QueueItem>();
  const translate = useTranslate();
  if (!record?.language) return null;
  return <span>{translate(`yorisoi.language.${record.language}`, { _: record.language })}</span>;
};
