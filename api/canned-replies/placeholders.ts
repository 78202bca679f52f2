import { formatOpeningJa, tokyoTime } from '../../workflows/calendar/business-calendar';

/** The placeholders a canned reply may contain; anything else in braces is refused on save. */
export const PLACEHOLDERS = ['residentCode', 'nextOpening'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PATTERN = /\{([A-Za-z]+)\}/g;

/** Names in braces that are not placeholders we can fill (a typo would reach the resident as-is). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PATTERN)].map((m) => m[1]).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PATTERN, (whole, name: string) => ((PLACEHOLDERS as readonly string[]).includes(name) ? values[name as Placeholder] : whole));
}

const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The next opening as a reply in `language` would say it: Japanese wording for Japanese, a plain English date otherwise. */
export function formatOpening(tMs: number, language: string): string {
  if (language === 'ja') return formatOpeningJa(tMs);
  const t = tokyoTime(tMs);
  return `${WEEKDAYS_EN[t.isoWeekday - 1]} ${t.month}/${t.day} ${t.hour}:${String(t.minute).padStart(2, '0')} (Japan time)`;
}
