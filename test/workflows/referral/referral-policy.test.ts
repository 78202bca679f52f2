import { tokyoInstant } from '../../../workflows/calendar/business-calendar';
import { calendarFromProfile } from '../../../workflows/calendar/calendar-from-profile';
import { nextReferralStatus, referralDeadlines } from '../../../workflows/referral/referral-policy';

const hours = { open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [{ from: '12-29', to: '01-03' }], extraClosures: [] };
// Monday 2026-11-23 is 勤労感謝の日.
const cal = calendarFromProfile(hours, ['2026-11-23']);

describe('referral deadlines in business days', () => {
  it('skips the weekend and a holiday', () => {
    const sentFriday = tokyoInstant('2026-11-20', '10:00');
    const due = referralDeadlines(sentFriday, { acknowledgeWithinBusinessDays: 1, firstContactWithinBusinessDays: 3 }, cal);
    expect(due.acknowledgeDueAt).toBe(tokyoInstant('2026-11-24', '18:00'));
    expect(due.contactDueAt).toBe(tokyoInstant('2026-11-26', '18:00'));
  });

  it('counts from the next opening when sent outside hours, and across the year end', () => {
    const sentSaturday = tokyoInstant('2026-12-26', '12:00');
    const due = referralDeadlines(sentSaturday, { acknowledgeWithinBusinessDays: 1, firstContactWithinBusinessDays: 3 }, cal);
    // Monday 12-28 counts as the day it is sent in; 12-29 … 01-03 are closed.
    expect(due.acknowledgeDueAt).toBe(tokyoInstant('2027-01-04', '18:00'));
    expect(due.contactDueAt).toBe(tokyoInstant('2027-01-06', '18:00'));
  });
});

describe('referral states', () => {
  it('follows sent → acknowledged → accepted → contacted → closed, and refuses skipping', () => {
    expect(nextReferralStatus('sent', 'acknowledge')).toBe('acknowledged');
    expect(nextReferralStatus('acknowledged', 'accept')).toBe('accepted');
    expect(nextReferralStatus('accepted', 'contact')).toBe('contacted');
    expect(nextReferralStatus('contacted', 'close')).toBe('closed');
    expect(nextReferralStatus('sent', 'decline')).toBe('declined');
    expect(() => nextReferralStatus('sent', 'contact')).toThrow();
    expect(() => nextReferralStatus('declined', 'accept')).toThrow();
    expect(() => nextReferralStatus('withdrawn', 'acknowledge')).toThrow();
  });
});
