import { useEffect, useState } from 'react';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatShortDateTime, minutesBetween } from '../common/formatDateTime';

const TICK_MS = 30_000;

/** How long the resident has waited, kept current while the queue is open. */
export const WaitingTimeField = () => {
  const record = useRecordContext<{ waitingSince: string | null }>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  if (!record?.waitingSince) return null;

  const minutes = minutesBetween(record.waitingSince, now);
  const text =
    minutes < 1
      ? translate('yorisoi.duration.lessThanMinute')
      : minutes < 60
        ? translate('yorisoi.duration.minutes', { m: minutes })
        : translate('yorisoi.duration.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
  return (
    <time dateTime={record.waitingSince} title={formatShortDateTime(record.waitingSince, locale)}>
      {text}
    </time>
  );
};
