import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { japaneseHolidays } from '../../../activities/calendar/holidays';
import {
  addBusinessDays,
  type BusinessCalendar,
  businessMinutesBetween,
  formatOpeningJa,
  isBusinessDay,
  isOpen,
  nextClosing,
  nextOpening,
} from '../../../workflows/calendar/business-calendar';
import { calendarFromProfile, holidayYearsAround } from '../../../workflows/calendar/calendar-from-profile';

/**
 * Every instant is written as Tokyo wall-clock time and converted with explicit UTC arithmetic
 * (Tokyo = UTC+9, no daylight saving), so the test itself does not depend on the process's TZ.
 */
function jst(wallClock: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?$/.exec(wallClock);
  if (!m) throw new Error(`bad test time ${wallClock}`);
  const [, y, mo, d, h, mi, s = '0', ms = '0'] = m;
  return Date.UTC(+y, +mo - 1, +d, +h - 9, +mi, +s, +ms);
}

/** Inverse of jst(), for readable failure messages. */
function wall(tMs: number): string {
  return new Date(tMs + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

// The real holiday data, through the same function the activity uses.
const holidays = japaneseHolidays(2025, 2028);

/** The example profile's business hours (profiles/example.yaml). */
const exampleHours = {
  timeZone: 'Asia/Tokyo',
  open: '09:00',
  close: '18:00',
  weekdays: [1, 2, 3, 4, 5],
  closedDays: [{ from: '12-29', to: '01-03' }],
  extraClosures: ['2027-08-13'],
};
const cal: BusinessCalendar = calendarFromProfile(exampleHours, holidays);

describe('holiday data (activities/calendar/holidays.ts)', () => {
  it('has the 2026–2027 holidays, substitute holidays and the 国民の休日 included', () => {
    expect(holidays).toEqual(expect.arrayContaining(['2026-05-06', '2026-09-22', '2026-11-23', '2027-03-22', '2027-11-23']));
    expect(holidays.filter((d) => d.startsWith('2027-'))).toHaveLength(17);
  });

  it('refuses years the installed data does not cover instead of returning no holidays', () => {
    expect(() => japaneseHolidays(2026, 2200)).toThrow(/holiday data covers/);
  });

  it('asks for last year through the year after next', () => {
    expect(holidayYearsAround(jst('2026-12-31 23:30'))).toEqual({ fromYear: 2025, toYear: 2028 });
    // 2026-12-31 15:00 UTC is already 2027 in Tokyo.
    expect(holidayYearsAround(Date.UTC(2026, 11, 31, 15, 0))).toEqual({ fromYear: 2026, toYear: 2029 });
  });
});

describe('isOpen', () => {
  it('opens at 9:00 exactly and closes at 18:00 exactly', () => {
    expect(isOpen(jst('2026-11-25 08:59:59.999'), cal)).toBe(false);
    expect(isOpen(jst('2026-11-25 09:00'), cal)).toBe(true);
    expect(isOpen(jst('2026-11-25 17:59:59.999'), cal)).toBe(true);
    expect(isOpen(jst('2026-11-25 18:00'), cal)).toBe(false);
  });

  it('is closed on weekends, national holidays and the year-end closure', () => {
    expect(isOpen(jst('2026-11-21 10:00'), cal)).toBe(false); // Saturday
    expect(isOpen(jst('2026-11-22 10:00'), cal)).toBe(false); // Sunday
    expect(isOpen(jst('2026-11-23 10:00'), cal)).toBe(false); // 勤労感謝の日 (Monday)
    expect(isOpen(jst('2026-12-29 10:00'), cal)).toBe(false); // 年末年始 (Tuesday)
    expect(isOpen(jst('2027-01-04 10:00'), cal)).toBe(true);
  });
});

describe('isBusinessDay', () => {
  it.each([
    ['2026-05-06', false, '振替休日: 憲法記念日 fell on Sunday 5/3, and 5/4–5/5 are holidays too'],
    ['2026-05-07', true, 'the Thursday after golden week'],
    ['2026-09-22', false, '国民の休日 between 敬老の日 and 秋分の日 (silver week)'],
    ['2027-03-22', false, '振替休日 for 春分の日 on Sunday 3/21'],
    ['2026-12-28', true, 'the last day before the year-end closure'],
    ['2026-12-29', false, 'year-end closure start'],
    ['2027-01-01', false, 'closure across the year end (and 元日)'],
    ['2027-01-03', false, 'year-end closure end'],
    ['2027-08-13', false, 'an extra closure from the profile'],
    ['2027-08-12', true, 'the day before the extra closure'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isBusinessDay(date, cal)).toBe(expected);
  });

  it('follows the profile weekdays (e.g. a service that also opens on Saturdays)', () => {
    const withSaturday = calendarFromProfile({ ...exampleHours, weekdays: [1, 2, 3, 4, 5, 6] }, holidays);
    expect(isBusinessDay('2026-11-21', withSaturday)).toBe(true);
    expect(isBusinessDay('2026-11-22', withSaturday)).toBe(false);
  });

  it('handles closed-day ranges that do not wrap the year end', () => {
    const obon = calendarFromProfile({ ...exampleHours, closedDays: [{ from: '08-13', to: '08-15' }] }, holidays);
    expect(isBusinessDay('2026-08-12', obon)).toBe(true);
    expect(isBusinessDay('2026-08-13', obon)).toBe(false);
    expect(isBusinessDay('2026-08-14', obon)).toBe(false);
    expect(isBusinessDay('2026-12-30', obon)).toBe(true);
  });
});

describe('nextOpening', () => {
  const cases: [string, string, string][] = [
    ['Friday 18:00 exactly', '2026-11-20 18:00', '2026-11-24 09:00'],
    ['Saturday', '2026-11-21 14:00', '2026-11-24 09:00'],
    ['a plain Saturday', '2026-06-13 10:00', '2026-06-15 09:00'],
    ['Sunday night', '2026-06-14 23:59', '2026-06-15 09:00'],
    ['early morning of a business day', '2026-11-25 03:00', '2026-11-25 09:00'],
    ['12/30/2026 → Monday 1/4/2027', '2026-12-30 10:00', '2027-01-04 09:00'],
    ['12/30/2027 → Tuesday 1/4/2028 (1/1 is a Saturday)', '2027-12-30 10:00', '2028-01-04 09:00'],
    ['12/30/2025 → Monday 1/5/2026 (1/4 is a Sunday)', '2025-12-30 10:00', '2026-01-05 09:00'],
    ['golden week 2026 (5/6 is a 振替休日)', '2026-05-01 18:00', '2026-05-07 09:00'],
    ['silver week 2026 (9/21 敬老, 9/22 国民の休日, 9/23 秋分)', '2026-09-18 18:30', '2026-09-24 09:00'],
    ['an extra closure on a Friday', '2027-08-12 18:00', '2027-08-16 09:00'],
    ['the evening before a 振替休日 (春分の日 on Sunday)', '2027-03-19 20:00', '2027-03-23 09:00'],
  ];
  it.each(cases)('%s: %s → %s', (_what, at, expected) => {
    expect(wall(nextOpening(jst(at), cal))).toBe(expected);
  });

  it('a request at 17:59 on a Friday before a Monday holiday: still open for a minute, then Tuesday 9:00', () => {
    const at = jst('2026-11-20 17:59');
    expect(nextOpening(at, cal)).toBe(at); // open means open…
    expect(wall(nextOpening(nextClosing(at, cal), cal))).toBe('2026-11-24 09:00'); // …and the period after it
    // With a last call (nobody can pick it up in the minute left), the answer is Tuesday 9:00.
    expect(wall(nextOpening(at, cal, { minRemainingMinutes: 10 }))).toBe('2026-11-24 09:00');
    expect(wall(nextOpening(jst('2026-11-20 17:50'), cal, { minRemainingMinutes: 10 }))).toBe('2026-11-20 17:50');
    expect(wall(nextOpening(jst('2026-11-20 07:00'), cal, { minRemainingMinutes: 10 }))).toBe('2026-11-20 09:00');
  });

  it('returns the instant itself while open (9:00 exactly included)', () => {
    expect(nextOpening(jst('2026-11-25 09:00'), cal)).toBe(jst('2026-11-25 09:00'));
    expect(nextOpening(jst('2026-11-25 13:27:31.250'), cal)).toBe(jst('2026-11-25 13:27:31.250'));
  });

  it('opens at the profile times, not fixed ones', () => {
    const late = calendarFromProfile({ ...exampleHours, open: '10:30', close: '19:00' }, holidays);
    expect(wall(nextOpening(jst('2026-11-25 10:00'), late))).toBe('2026-11-25 10:30');
    expect(isOpen(jst('2026-11-25 18:30'), late)).toBe(true);
  });

  it('says so instead of looping when the calendar never opens', () => {
    const never = calendarFromProfile({ ...exampleHours, closedDays: [{ from: '01-01', to: '12-31' }] }, holidays);
    expect(() => nextOpening(jst('2026-11-25 10:00'), never)).toThrow(/no business hours/);
  });
});

describe('nextClosing', () => {
  it('is the end of the current period while open, else of the next one', () => {
    expect(wall(nextClosing(jst('2026-11-25 10:00'), cal))).toBe('2026-11-25 18:00');
    expect(wall(nextClosing(jst('2026-11-25 18:00'), cal))).toBe('2026-11-26 18:00');
    expect(wall(nextClosing(jst('2026-11-20 17:59'), cal))).toBe('2026-11-20 18:00');
    expect(wall(nextClosing(jst('2026-11-21 10:00'), cal))).toBe('2026-11-24 18:00');
  });
});

describe('addBusinessDays (deadline at closing time of the n-th business day after receipt)', () => {
  it('skips a weekend and a Monday holiday', () => {
    expect(wall(addBusinessDays(jst('2026-11-20 10:00'), 1, cal))).toBe('2026-11-24 18:00');
    expect(wall(addBusinessDays(jst('2026-11-20 10:00'), 2, cal))).toBe('2026-11-25 18:00');
  });

  it('counts something received after closing as received on the next business day', () => {
    expect(wall(addBusinessDays(jst('2026-11-20 20:00'), 1, cal))).toBe('2026-11-25 18:00');
    expect(wall(addBusinessDays(jst('2026-11-21 12:00'), 1, cal))).toBe('2026-11-25 18:00');
  });

  it('n = 0 is the close of the day of receipt', () => {
    expect(wall(addBusinessDays(jst('2026-11-20 10:00'), 0, cal))).toBe('2026-11-20 18:00');
    expect(wall(addBusinessDays(jst('2026-11-20 20:00'), 0, cal))).toBe('2026-11-24 18:00');
  });

  it('crosses golden week and the year end', () => {
    expect(wall(addBusinessDays(jst('2026-04-30 11:00'), 3, cal))).toBe('2026-05-08 18:00'); // 4/30 → 5/1, 5/7, 5/8
    expect(wall(addBusinessDays(jst('2026-12-25 11:00'), 2, cal))).toBe('2027-01-04 18:00'); // 12/25 → 12/28, 1/4
  });

  it('rejects negative or fractional counts', () => {
    expect(() => addBusinessDays(jst('2026-11-20 10:00'), -1, cal)).toThrow(RangeError);
    expect(() => addBusinessDays(jst('2026-11-20 10:00'), 1.5, cal)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only business hours across a night', () => {
    // Thursday 17:30 → Friday 9:30: 30 minutes before closing + 30 after opening.
    expect(businessMinutesBetween(jst('2026-11-26 17:30'), jst('2026-11-27 09:30'), cal)).toBe(60);
  });

  it('counts only business hours across a weekend and a holiday', () => {
    // Friday 17:00 → Tuesday 10:00 (Monday 11/23 is a holiday): 60 + 60.
    expect(businessMinutesBetween(jst('2026-11-20 17:00'), jst('2026-11-24 10:00'), cal)).toBe(120);
    // Friday 17:00 → Monday 10:00 on an ordinary weekend.
    expect(businessMinutesBetween(jst('2026-11-13 17:00'), jst('2026-11-16 10:00'), cal)).toBe(120);
  });

  it('is the plain difference inside one period, and 0 outside hours or backwards', () => {
    expect(businessMinutesBetween(jst('2026-11-25 10:00'), jst('2026-11-25 10:07:30'), cal)).toBe(7.5);
    expect(businessMinutesBetween(jst('2026-11-21 10:00'), jst('2026-11-22 20:00'), cal)).toBe(0);
    expect(businessMinutesBetween(jst('2026-11-25 11:00'), jst('2026-11-25 10:00'), cal)).toBe(0);
  });

  it('adds up whole business days (one week = 5 × 540 minutes)', () => {
    expect(businessMinutesBetween(jst('2026-06-08 00:00'), jst('2026-06-15 00:00'), cal)).toBe(5 * 540);
  });
});

describe('formatOpeningJa', () => {
  it('gives month, day, Japanese weekday and hour, in Tokyo time', () => {
    expect(formatOpeningJa(jst('2026-11-24 09:00'))).toBe('11月24日（火）9時');
    expect(formatOpeningJa(jst('2027-01-04 09:00'))).toBe('1月4日（月）9時');
    expect(formatOpeningJa(jst('2026-11-29 10:30'))).toBe('11月29日（日）10時30分');
  });
});

describe('independence from the process time zone', () => {
  // jest gives each test file a copy of process.env, so setting TZ here would not reach the clock:
  // the check runs the module in child Node processes started with different TZ values instead.
  const probe = `
    const c = require('./workflows/calendar/business-calendar.ts');
    const { calendarFromProfile } = require('./workflows/calendar/calendar-from-profile.ts');
    const cal = calendarFromProfile(${JSON.stringify(exampleHours)}, ${JSON.stringify(holidays)});
    const t = ${JSON.stringify({
      friday1759: jst('2026-11-20 17:59'),
      tuesday0900: jst('2026-11-24 09:00'),
      tuesday1800: jst('2026-11-24 18:00'),
      friday2000: jst('2026-11-20 20:00'),
      friday1700: jst('2026-11-20 17:00'),
      tuesday1000: jst('2026-11-24 10:00'),
      utc1530: Date.UTC(2026, 10, 23, 15, 30),
    })};
    process.stdout.write(JSON.stringify({
      localHour: new Date(t.tuesday0900).getHours(),
      opening: c.nextOpening(t.friday1759, cal, { minRemainingMinutes: 10 }),
      openAtNine: c.isOpen(t.tuesday0900, cal),
      closedAtEighteen: c.isOpen(t.tuesday1800, cal),
      deadline: c.addBusinessDays(t.friday2000, 1, cal),
      minutes: c.businessMinutesBetween(t.friday1700, t.tuesday1000, cal),
      text: c.formatOpeningJa(t.tuesday0900),
      date: c.tokyoDate(t.utc1530),
    }));
  `;

  it.each([
    ['UTC', 0],
    ['America/Los_Angeles', 16],
    ['Pacific/Kiritimati', 14],
    ['Asia/Tokyo', 9],
  ])('gives the same answers with TZ=%s', (tz, localHour) => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', probe], {
      cwd: path.resolve(__dirname, '../../..'),
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({
      localHour, // the zone really took effect in the child
      opening: jst('2026-11-24 09:00'),
      openAtNine: true,
      closedAtEighteen: false,
      deadline: jst('2026-11-25 18:00'),
      minutes: 120,
      text: '11月24日（火）9時',
      date: '2026-11-24', // 15:30 UTC on 11/23 is 00:30 on 11/24 in Tokyo
    });
  });
});

describe('calendarFromProfile', () => {
  it('rejects a time zone other than Asia/Tokyo and open after close', () => {
    expect(() => calendarFromProfile({ ...exampleHours, timeZone: 'Asia/Seoul' }, holidays)).toThrow(/Asia\/Tokyo/);
    expect(() => calendarFromProfile({ ...exampleHours, open: '18:00', close: '09:00' }, holidays)).toThrow(/before close/);
    expect(() => calendarFromProfile(exampleHours, ['2026/11/23'])).toThrow(/YYYY-MM-DD/);
  });
});
