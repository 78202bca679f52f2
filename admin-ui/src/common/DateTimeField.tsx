import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

// The service runs in Japan; times read the same whichever browser opens them.
const FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' };

/** A date and time in the chosen UI language, or a dash when empty. */
export const DateTimeField = (props: DateFieldProps) => {
  const [locale] = useLocaleState();
  return <DateField showTime locales={locale} options={FORMAT} emptyText="—" {...props} />;
};
