/**
 * Japanese era (和暦) labels for the fiscal years a report covers: city documents are filed by
 * 年度 (1 April – 31 March) and name it in the era, 「令和8年度」.
 *
 * Pure: dates are 'YYYY-MM-DD' strings (Tokyo dates, as the report's period).
 */
import type { FiscalYearLabel } from '../../contracts/report';

/** Eras from the newest; `from` is the Gregorian year whose 年度 is the era's first (元年度). */
const ERAS: readonly { name: string; from: number }[] = [
  // A fiscal year takes the era in force at its end: FY2019 (April 2019 was still 平成31年) is 令和元年度,
  // as the government and the cities write it.
  { name: '令和', from: 2019 },
  { name: '平成', from: 1989 },
  { name: '昭和', from: 1926 },
];

/** The fiscal year (its starting Gregorian year) of a date: 2027-03-31 → 2026. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** 2026 → 「令和8年度」, 2019 → 「令和元年度」, 2018 → 「平成30年度」. */
export function japaneseFiscalYear(fiscalYear: number): string {
  const era = ERAS.find((e) => fiscalYear >= e.from);
  if (!era) throw new RangeError(`no era for fiscal year ${fiscalYear}`);
  const n = fiscalYear - era.from + 1;
  return `${era.name}${n === 1 ? '元' : n}年度`;
}

/** The fiscal year(s) a period from `from` to `to` (both included) falls in. */
export function fiscalYearLabel(from: string, to: string): FiscalYearLabel {
  const first = fiscalYearOf(from);
  const last = fiscalYearOf(to);
  if (first === last) return { era: japaneseFiscalYear(first), western: `${first}年度`, years: [first, last] };
  return { era: `${japaneseFiscalYear(first)}〜${japaneseFiscalYear(last)}`, western: `${first}〜${last}年度`, years: [first, last] };
}
