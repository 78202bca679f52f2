import { FigureSet, median, parsePeriod, PeriodError, sheetNameFor } from '../../../api/reports/report-model';

describe('small-cell suppression', () => {
  const figures = (values: Record<string, number>) => {
    const f = new FigureSet();
    for (const [k, v] of Object.entries(values)) f.set(k, v);
    return f;
  };

  it('hides 1 to threshold − 1 and shows the threshold itself and zero', () => {
    const f = figures({ four: 4, five: 5, zero: 0, one: 1 });
    const hidden = f.suppress(5);
    expect(hidden.get('four')).toBe('small');
    expect(hidden.get('one')).toBe('small');
    expect(hidden.has('five')).toBe(false);
    expect(hidden.has('zero')).toBe(false);
  });

  it('hides the next smallest member when one hidden cell could be recovered from the total', () => {
    const f = figures({ a: 4, b: 9, c: 20, total: 33 });
    f.group(['a', 'b', 'c'], 'total');
    const hidden = f.suppress(5);
    expect(Object.fromEntries(hidden)).toEqual({ a: 'small', b: 'secondary' });
  });

  it('needs nothing more when two cells of a group are already hidden', () => {
    const f = figures({ a: 3, b: 2, c: 30, total: 35 });
    f.group(['a', 'b', 'c'], 'total');
    expect(Object.fromEntries(f.suppress(5))).toEqual({ a: 'small', b: 'small' });
  });

  it('hides the total when the only other member is zero', () => {
    const f = figures({ a: 3, b: 0, total: 3 });
    f.group(['a', 'b'], 'total');
    // The total is itself below the threshold here; with a larger total the zero member leaves only the total.
    expect(Object.fromEntries(f.suppress(5))).toEqual({ a: 'small', total: 'small' });
    const g = figures({ a: 3, b: 0, c: 0, total: 3, other: 7, sum: 10 });
    g.group(['a', 'b', 'c'], 'total');
    g.group(['total', 'other'], 'sum');
    // total is small; in the second group that leaves one hidden member, so `other` goes too.
    expect(Object.fromEntries(g.suppress(5))).toEqual({ a: 'small', total: 'small', other: 'secondary' });
  });

  it('follows a hidden cell into every group it belongs to', () => {
    // April: ai 3 (small) → staff hidden in the row; staff is also in the staff column → another month's staff hidden.
    const f = figures({ 'ai:4': 3, 'staff:4': 40, 'replies:4': 43, 'ai:5': 50, 'staff:5': 60, 'replies:5': 110, 'staff:t': 100, 'ai:t': 53, 'replies:t': 153 });
    f.group(['ai:4', 'staff:4'], 'replies:4');
    f.group(['ai:5', 'staff:5'], 'replies:5');
    f.group(['ai:t', 'staff:t'], 'replies:t');
    f.group(['ai:4', 'ai:5'], 'ai:t');
    f.group(['staff:4', 'staff:5'], 'staff:t');
    f.group(['replies:4', 'replies:5'], 'replies:t');
    const hidden = f.suppress(5);
    for (const group of [
      ['ai:4', 'staff:4', 'replies:4'],
      ['ai:5', 'staff:5', 'replies:5'],
      ['ai:4', 'ai:5', 'ai:t'],
      ['staff:4', 'staff:5', 'staff:t'],
      ['replies:4', 'replies:5', 'replies:t'],
    ]) {
      expect(group.filter((k) => hidden.has(k)).length).not.toBe(1);
    }
    expect(hidden.get('ai:4')).toBe('small');
  });

  it('refuses a group whose members do not add up to its total', () => {
    const f = figures({ a: 1, b: 2, total: 4 });
    expect(() => f.group(['a', 'b'], 'total')).toThrow(/add up/);
  });
});

describe('report period', () => {
  it('spans Tokyo dates, both ends included, and lists the months it touches', () => {
    const p = parsePeriod('2026-04-15', '2026-06-01');
    expect(p.startMs).toBe(Date.parse('2026-04-15T00:00:00+09:00'));
    expect(p.endMs).toBe(Date.parse('2026-06-02T00:00:00+09:00'));
    expect(p.months).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(parsePeriod('2026-12-01', '2027-01-31').months).toEqual(['2026-12', '2027-01']);
  });

  it('refuses malformed, reversed and overlong periods in Japanese', () => {
    expect(() => parsePeriod('2026-02-30', '2026-03-01')).toThrow(PeriodError);
    expect(() => parsePeriod('2026-05-01', '2026-04-01')).toThrow('開始日');
    expect(() => parsePeriod('2020-01-01', '2026-01-01')).toThrow('3年以内');
  });
});

describe('helpers', () => {
  it('takes the middle of an even list as the mean of the two middle values', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNull();
  });

  it('makes sheet names Excel accepts', () => {
    expect(sheetNameFor('a/b:c?[d]')).toBe('a・b・c・・d・');
    expect(sheetNameFor('あ'.repeat(40))).toHaveLength(31);
  });
});
