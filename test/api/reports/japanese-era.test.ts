import { fiscalYearLabel, fiscalYearOf, japaneseFiscalYear } from '../../../api/reports/japanese-era';

describe('fiscal year in the Japanese era (和暦)', () => {
  it('counts the fiscal year from 1 April', () => {
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2027-03-31')).toBe(2026);
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
  });

  it('names 令和8年度 for 2026, 令和元年度 for 2019 and the 平成 years before it', () => {
    expect(japaneseFiscalYear(2026)).toBe('令和8年度');
    expect(japaneseFiscalYear(2024)).toBe('令和6年度');
    expect(japaneseFiscalYear(2019)).toBe('令和元年度');
    expect(japaneseFiscalYear(2018)).toBe('平成30年度');
    expect(japaneseFiscalYear(1989)).toBe('平成元年度');
  });

  it('labels a period within one fiscal year with that year, and one across 1 April with both', () => {
    expect(fiscalYearLabel('2026-04-01', '2027-03-31')).toEqual({ era: '令和8年度', western: '2026年度', years: [2026, 2026] });
    expect(fiscalYearLabel('2027-01-01', '2027-01-31')).toEqual({ era: '令和8年度', western: '2026年度', years: [2026, 2026] });
    expect(fiscalYearLabel('2026-01-01', '2026-12-31')).toEqual({ era: '令和7年度〜令和8年度', western: '2025〜2026年度', years: [2025, 2026] });
  });
});
