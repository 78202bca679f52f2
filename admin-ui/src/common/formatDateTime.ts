// The service runs in Japan; times read the same whichever browser opens them.
const ZONE = 'Asia/Tokyo';

/** "11/23 14:05": short enough for chat bubbles and history lines. */
export function formatShortDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: ZONE }).format(new Date(iso));
}

/** Whole minutes from `since` to `now`, never negative (clocks of browser and server differ a little). */
export function minutesBetween(since: string, now: number): number {
  return Math.max(0, Math.floor((now - new Date(since).getTime()) / 60_000));
}
