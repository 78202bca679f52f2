import { japaneseHolidays } from '../../../activities/calendar/holidays';
import { calendarFromProfile } from '../../../workflows/calendar/calendar-from-profile';
import { ConsultationState, Context, refuseStaffAction, transition } from '../../../workflows/consultation/consultation-state';

/** Tokyo wall-clock time → epoch ms (Tokyo = UTC+9, no DST). */
const jst = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 9, mi);
const calendar = calendarFromProfile({ open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [{ from: '12-29', to: '01-03' }], extraClosures: [] }, japaneseHolidays(2026, 2027));
const PICKUP = 10 * 60_000;
const at = (now: number): Context => ({ now, calendar, staffPickupMs: PICKUP });
const staffA = { staffId: 'a', staffName: '佐藤' };

const listening = (over: Partial<ConsultationState> = {}): ConsultationState => ({
  phase: 'listening',
  step: { name: 'done' },
  deadlines: [],
  highestRisk: 'none',
  reviewFlagged: false,
  turns: 0,
  nudges: { offersMs: [], turnsSinceLastOffer: 0, offeredTopics: [] },
  closeRequested: false,
  ...over,
});

describe('the consultation entity: reaching a person', () => {
  it('queues a request during business hours, with a pickup deadline', () => {
    const now = jst(2026, 12, 1, 10); // Tuesday 10:00
    const out = transition(listening(), { kind: 'person-requested', reason: 'menu' }, at(now));
    expect(out.state).toMatchObject({ phase: 'waiting_for_staff', deadlines: [{ kind: 'pickup', at: now + PICKUP }] });
    expect(out.effects).toEqual([{ kind: 'enter-queue', waitingSince: now, reason: 'menu' }]);
    expect(out.say[0].text).toContain('おつなぎします');
  });

  it('reserves Friday 17:59 for Monday 9:00, and joins the queue first in line when the opening comes', () => {
    const friday = jst(2026, 12, 4, 17, 59);
    const monday = jst(2026, 12, 7, 9);
    const reserved = transition(listening(), { kind: 'person-requested', reason: 'menu' }, at(friday));
    expect(reserved.state.reservation).toEqual({ at: monday, requestedAt: friday, reason: 'menu' });
    expect(reserved.state.deadlines).toEqual([{ kind: 'opening', at: monday }]);
    expect(reserved.effects).toEqual([{ kind: 'reserve', at: monday, reason: 'menu' }]);
    const opened = transition({ ...reserved.state, deadlines: [] }, { kind: 'opening-reached', at: monday }, at(monday));
    expect(opened.state).toMatchObject({ phase: 'waiting_for_staff', reservation: undefined });
    // The wait counts from the request, so the case ranks before those who asked this morning.
    expect(opened.effects[0]).toEqual({ kind: 'enter-queue', waitingSince: friday, reason: 'menu' });
    expect(opened.effects[1]).toMatchObject({ kind: 'tell' });
  });

  it('answers a second request politely and a risk request silently', () => {
    const waiting = listening({ phase: 'waiting_for_staff' });
    expect(transition(waiting, { kind: 'person-requested', reason: 'menu' }, at(0)).say[0].text).toContain('受け付けています');
    expect(transition(waiting, { kind: 'person-requested', reason: 'risk' }, at(0))).toEqual({ state: waiting, effects: [], say: [] });
  });

  it('claims: staff assigned, timers of the wait dropped, escalations kept', () => {
    const escalate = { kind: 'escalate' as const, at: 5, alertId: 'x' };
    const out = transition(listening({ phase: 'waiting_for_staff', deadlines: [{ kind: 'pickup', at: 9 }, escalate] }), { kind: 'claimed', by: staffA }, at(0));
    expect(out.state).toMatchObject({ phase: 'with_staff', staff: staffA, deadlines: [escalate] });
    expect(out.effects.map((e) => e.kind)).toEqual(['assign-staff', 'tell', 'summarize']);
  });

  it('alerts when nobody picked up, but not once the case was claimed', () => {
    expect(transition(listening({ phase: 'waiting_for_staff' }), { kind: 'pickup-overdue' }, at(0)).effects).toEqual([{ kind: 'alert-unclaimed' }]);
    expect(transition(listening({ phase: 'with_staff', staff: staffA }), { kind: 'pickup-overdue' }, at(0)).effects).toEqual([]);
  });

  it('hands a resident who came in a crisis before the terms back to the terms, not to the AI', () => {
    const out = transition(listening({ phase: 'with_staff', staff: staffA, step: { name: 'terms' } }), { kind: 'released' }, at(0));
    expect(out.state.phase).toBe('onboarding');
    expect(out.effects[0]).toEqual({ kind: 'release-to-ai', status: 'onboarding' });
    expect(transition(listening({ phase: 'with_staff', staff: staffA }), { kind: 'released' }, at(0)).state.phase).toBe('listening');
  });

  it('refuses staff actions that do not fit the state', () => {
    expect(refuseStaffAction(listening({ phase: 'onboarding', step: { name: 'terms' } }), { kind: 'claim', staffId: 'a' })).toMatch(/cannot claim/);
    expect(refuseStaffAction(listening({ phase: 'waiting_for_staff', step: { name: 'terms' } }), { kind: 'claim', staffId: 'a' })).toBeUndefined();
    expect(refuseStaffAction(listening({ phase: 'with_staff', staff: staffA }), { kind: 'claim', staffId: 'b' })).toMatch(/another staff/);
    expect(refuseStaffAction(listening({ phase: 'with_staff', staff: staffA }), { kind: 'act', staffId: 'b' })).toMatch(/only the staff/);
    expect(refuseStaffAction(transition(listening(), { kind: 'close-requested' }, at(0)).state, { kind: 'close' })).toBe('already closed');
    expect(refuseStaffAction(listening({ phase: 'waiting_for_staff', step: { name: 'intake', index: 0 } }), { kind: 'consent' })).toMatch(/cannot ask for consent/);
  });
});
