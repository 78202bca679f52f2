import { DateField, useLocaleState, type DateFieldProps } from 'react-admin';

// The service runs in Japan; times read the same whichever browser opens them.
const FORMAT: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tokyo' };

/** A date and time in the chosen UI language, or a dash when empty. */
export const DateTimeField = (props: DateFieldProps) => {
  const [locale] = useLocaleState();
  // No wrapping: a date split over two lines in a narrow column is hard to scan.
  return <DateField showTime locales={locale} options={FORMAT} emptyText="—" sx={{ whiteSpace: 'nowrap' }} {...props} />;
};
