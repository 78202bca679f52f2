/**
 * The period presets of the reports page, in Tokyo dates whatever the browser's time zone is
 * (Japan has no daylight saving time, so Tokyo is always UTC+9).
 */
export interface Period {
  from: string;
  to: string;
}

export type PresetId = 'thisMonth' | 'lastMonth' | 'thisFiscalYear';
export const PRESETS: readonly PresetId[] = ['thisMonth', 'lastMonth', 'thisFiscalYear'];

const pad = (n: number) => String(n).padStart(2, '0');
const date = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Day count of month `m` (1–12) of year `y`. */
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Tokyo year, month (1–12) of an instant. */
function tokyoYearMonth(nowMs: number): { y: number; m: number } {
  const t = new Date(nowMs + 9 * 3_600_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1 };
}

/**
 * 今月 and 先月 are whole calendar months; 今年度 is the Japanese fiscal year (1 April – 31 March)
 * that contains today.
 */
export function presetPeriod(preset: PresetId, nowMs: number): Period {
  const { y, m } = tokyoYearMonth(nowMs);
  switch (preset) {
    case 'thisMonth':
      return { from: date(y, m, 1), to: date(y, m, daysIn(y, m)) };
    case 'lastMonth': {
      const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: date(ly, lm, 1), to: date(ly, lm, daysIn(ly, lm)) };
    }
    case 'thisFiscalYear': {
      const start = m >= 4 ? y : y - 1;
      return { from: date(start, 4, 1), to: date(start + 1, 3, 31) };
    }
  }
}

export const isValidPeriod = (p: Period) => /^\d{4}-\d{2}-\d{2}$/.test(p.from) && /^\d{4}-\d{2}-\d{2}$/.test(p.to) && p.from <= p.to;

/** The query string of the report endpoints. */
export const periodQuery = (p: Period) => new URLSearchParams({ from: p.from, to: p.to }).toString();
