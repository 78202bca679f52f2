import { describeStaffHours } from '../../../workflows/calendar/staff-hours';

const hours = (overrides: Partial<{ open: string; close: string; weekdays: number[]; closedDays: { from: string; to: string }[] }> = {}) => ({
  businessHours: { open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [{ from: '12-29', to: '01-03' }], extraClosures: [], ...overrides },
});

describe('staff hours text from the business calendar', () => {
  it('says 平日9時〜18時 with holidays and 年末年始 for the default hours, in Japanese and English', () => {
    expect(describeStaffHours(hours(), 'ja')).toBe('平日9時〜18時（祝日・年末年始を除く）');
    expect(describeStaffHours(hours(), 'en')).toBe('weekdays 9:00–18:00, except public holidays and the New Year holidays (29 Dec – 3 Jan)');
  });

  it('follows other hours and days: minutes, Saturday openings, every day, a list of days', () => {
    expect(describeStaffHours(hours({ open: '08:30', close: '17:15' }), 'ja')).toBe('平日8時30分〜17時15分（祝日・年末年始を除く）');
    expect(describeStaffHours(hours({ weekdays: [1, 2, 3, 4, 5, 6] }), 'ja')).toBe('月〜土曜日9時〜18時（祝日・年末年始を除く）');
    expect(describeStaffHours(hours({ weekdays: [7, 1, 2, 3, 4, 5, 6], closedDays: [] }), 'ja')).toBe('毎日9時〜18時（祝日を除く）');
    expect(describeStaffHours(hours({ weekdays: [1, 3, 5] }), 'ja')).toBe('月・水・金曜日9時〜18時（祝日・年末年始を除く）');
    expect(describeStaffHours(hours({ weekdays: [1, 3, 5], open: '10:00', close: '16:00' }), 'en')).toBe(
      'Mondays, Wednesdays and Fridays 10:00–16:00, except public holidays and the New Year holidays (29 Dec – 3 Jan)',
    );
  });

  it('names the city’s own closed days beyond the year end', () => {
    const summer = hours({ closedDays: [{ from: '12-29', to: '01-03' }, { from: '08-13', to: '08-15' }] });
    expect(describeStaffHours(summer, 'ja')).toBe('平日9時〜18時（祝日・年末年始・8月13日〜8月15日を除く）');
    expect(describeStaffHours(summer, 'en')).toBe('weekdays 9:00–18:00, except public holidays, the New Year holidays (29 Dec – 3 Jan) and 13 Aug – 15 Aug');
  });
});
