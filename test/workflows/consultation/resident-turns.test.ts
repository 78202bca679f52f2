import { japaneseHolidays } from '../../../activities/calendar/holidays';
import { calendarFromProfile } from '../../../workflows/calendar/calendar-from-profile';
import { CHECK_IN_POSTBACK } from '../../../workflows/check-ins/check-in-policy';
import { CONSENT_POSTBACK, startConsent } from '../../../workflows/consent/consent-flow';
import { JAPANESE_CONSENT_SAY } from '../../../workflows/consent/consent-texts';
import { ConsultationState, rebuiltDeadlines, stateFromCarried } from '../../../workflows/consultation/consultation-state';
import { POSTBACK } from '../../../workflows/consultation/line-messages';
import type { ResidentEvent } from '../../../workflows/consultation/messages';
import {
  alertToRaise,
  answered,
  asRecorded,
  consentWithdrawnText,
  nudgeDeclined,
  nudgeFor,
  NudgeContext,
  nudgeOffered,
  phaseAfterOnboarding,
  placeholderOf,
  routePostback,
  routeResidentEvent,
} from '../../../workflows/consultation/resident-turns';
import { NUDGE_POSTBACK, type NudgeSettings } from '../../../workflows/nudges/nudge-policy';
import { planRiskResponse } from '../../../workflows/safety/risk-response';

/** Tokyo wall-clock time → epoch ms (Tokyo = UTC+9, no DST). */
const jst = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 9, mi);
const calendar = calendarFromProfile({ open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [{ from: '12-29', to: '01-03' }], extraClosures: [] }, japaneseHolidays(2026, 2027));

const listening = (over: Partial<ConsultationState> = {}): ConsultationState => ({ ...stateFromCarried({ step: { name: 'done' }, phase: 'listening' }), ...over });
const say = (body: string): ResidentEvent => ({ kind: 'text', text: body, eventId: 'e1', timestamp: 0 });
const tap = (data: string): ResidentEvent => ({ kind: 'postback', data, eventId: 'e2', timestamp: 0 });
const request = { referralId: 'r1', consentId: 'c1', recipientId: 'p1', recipientName: '居場所ネット', purpose: '見守りのため', textVersion: 'v1', fields: ['name' as const] };

describe('which turn answers a resident event', () => {
  it('sends a listening resident’s text to the AI, and a typed 「言語」 to the language choice', () => {
    expect(routeResidentEvent(listening(), say('眠れない日が続いています'))).toEqual({ kind: 'ai' });
    expect(routeResidentEvent(listening(), say('言語'))).toEqual({ kind: 'language-menu' });
    expect(routeResidentEvent(listening(), { kind: 'media', mediaType: 'image', eventId: 'e3', timestamp: 0 })).toEqual({ kind: 'media' });
    expect(routeResidentEvent(listening(), { kind: 'follow', eventId: 'e4', timestamp: 0 })).toEqual({ kind: 'follow' });
  });

  it('keeps the AI silent while staff have the case: texts go to safety only, images are not answered', () => {
    const withStaff = listening({ phase: 'with_staff', staff: { staffId: 's1', staffName: '佐藤' } });
    expect(routeResidentEvent(withStaff, say('つらいです'))).toEqual({ kind: 'staff-text' });
    expect(routeResidentEvent(withStaff, tap('menu=lines'))).toEqual({ kind: 'postback' });
    expect(routeResidentEvent(withStaff, { kind: 'media', mediaType: 'image', eventId: 'e3', timestamp: 0 })).toEqual({ kind: 'ignore' });
  });

  it('answers everything before the terms with the onboarding step, a withdrawal included', () => {
    const onboarding = stateFromCarried({});
    expect(routeResidentEvent(onboarding, say('同意を取り消します'))).toEqual({ kind: 'onboarding' });
    expect(routeResidentEvent(onboarding, tap(POSTBACK.termsAgree))).toEqual({ kind: 'onboarding' });
  });

  it('ends on unfollow, whatever the phase', () => {
    expect(routeResidentEvent(listening({ phase: 'with_staff' }), { kind: 'unfollow', eventId: 'e5', timestamp: 0 })).toEqual({ kind: 'unfollow' });
  });

  it('takes a withdrawal in any onboarded phase, even with staff', () => {
    expect(routeResidentEvent(listening({ phase: 'with_staff' }), say('同意を取り消します'))).toEqual({ kind: 'consent', turn: { kind: 'withdraw' } });
  });

  it('records details given for consent as a placeholder, never the value', () => {
    const asking = listening({ consent: startConsent(request).state });
    const agreed = routeResidentEvent(asking, tap(CONSENT_POSTBACK.agree('r1')));
    expect(agreed).toMatchObject({ kind: 'consent', turn: { kind: 'flow' } });
    const collecting = listening({ consent: { name: 'collecting', request, index: 0, given: [] } });
    const name = say('山田花子');
    const route = routeResidentEvent(collecting, name);
    expect(placeholderOf(route)).toBe('［個人情報: 氏名］');
    expect(asRecorded(name, route)).toMatchObject({ kind: 'text', text: '［個人情報: 氏名］' });
    expect(JSON.stringify(asRecorded(name, route))).not.toContain('山田');
    // Ordinary conversation is recorded as it is.
    expect(asRecorded(say('こんばんは'), routeResidentEvent(listening(), say('こんばんは')))).toMatchObject({ text: 'こんばんは' });
  });
});

describe('what a tapped button asks for', () => {
  it('reads the rich menu, the language choice, nudges and check-ins', () => {
    expect(routePostback('menu=staff')).toEqual({ kind: 'menu', item: 'staff' });
    expect(routePostback('menu=lines')).toEqual({ kind: 'menu', item: 'lines' });
    expect(routePostback(POSTBACK.language('en'))).toEqual({ kind: 'language-changed' });
    expect(routePostback(NUDGE_POSTBACK.accept)).toEqual({ kind: 'nudge-accept' });
    expect(routePostback(NUDGE_POSTBACK.decline)).toEqual({ kind: 'nudge-decline' });
    expect(routePostback(NUDGE_POSTBACK.reserve(1234))).toEqual({ kind: 'nudge-reserve', atMs: 1234 });
    expect(routePostback(CHECK_IN_POSTBACK.person)).toEqual({ kind: 'check-in', answer: 'person' });
    expect(routePostback('something=else')).toEqual({ kind: 'none' });
  });

  it('reads a check-in button as nothing in runs from before check-in answers', () => {
    expect(routePostback(CHECK_IN_POSTBACK.person, { checkIns: false })).toEqual({ kind: 'none' });
  });
});

describe('the phase after an onboarding turn', () => {
  it('moves to listening when the intake is done, to declined when the terms are refused', () => {
    expect(phaseAfterOnboarding(stateFromCarried({ step: { name: 'done' } }))).toEqual({ phase: 'listening', announce: true });
    expect(phaseAfterOnboarding(stateFromCarried({ step: { name: 'declined' } }))).toEqual({ phase: 'declined', announce: true });
    expect(phaseAfterOnboarding(stateFromCarried({ step: { name: 'terms' }, phase: 'declined' }))).toEqual({ phase: 'onboarding', announce: false });
    expect(phaseAfterOnboarding(stateFromCarried({ step: { name: 'intake', index: 0 } }))).toBeUndefined();
  });

  it('leaves a resident who reached staff in a crisis before the terms in the queue', () => {
    expect(phaseAfterOnboarding(stateFromCarried({ step: { name: 'done' }, phase: 'waiting_for_staff' }))).toBeUndefined();
  });
});

describe('alerts from a risk assessment', () => {
  it('raises a crisis alert at every medium-or-higher message, and flags a low one for review once', () => {
    expect(alertToRaise(listening(), planRiskResponse('high'))).toBe('crisis');
    expect(alertToRaise(listening({ reviewFlagged: true }), planRiskResponse('medium'))).toBe('crisis');
    expect(alertToRaise(listening(), planRiskResponse('low'))).toBe('review');
    expect(alertToRaise(listening({ reviewFlagged: true }), planRiskResponse('low'))).toBeUndefined();
    expect(alertToRaise(listening(), planRiskResponse('none'))).toBeUndefined();
  });
});

describe('nudges toward a person with an AI answer', () => {
  const settings: NudgeSettings = {
    afterTurns: 3,
    minRiskLevel: 'medium',
    refusalCooldownHours: 24,
    maxPerDay: 2,
    maxPerConsultation: 4,
    quietHours: { from: '21:00', to: '08:00' },
    silenceCheckInHours: 24,
    partners: [{ id: 'npo-ibasho', topics: ['loneliness'] }],
    staffPickupMinutes: 10,
  };
  const wed = jst(2026, 11, 25, 10);
  const ctx = (over: Partial<NudgeContext> = {}): NudgeContext => ({ earlier: { offersMs: [] }, settings, now: wed, calendar, ...over });
  const afterTurns = (n: number, over: Partial<ConsultationState> = {}) => {
    let s = listening(over);
    for (let i = 0; i < n; i += 1) s = answered(s);
    return s;
  };

  it('offers a person after the profile’s number of turns, and counts again from the offer', () => {
    expect(nudgeFor(afterTurns(2), 'none', ctx())).toMatchObject({ kind: 'none' });
    const offer = nudgeFor(afterTurns(3), 'none', ctx());
    expect(offer).toMatchObject({ kind: 'offer', trigger: 'turn', openNow: true });
    const offered = nudgeOffered(afterTurns(3), offer as Extract<typeof offer, { kind: 'offer' }>, wed);
    expect(offered.nudges).toMatchObject({ offersMs: [wed], turnsSinceLastOffer: 0 });
    expect(nudgeFor(answered(offered), 'none', ctx())).toMatchObject({ kind: 'none' });
  });

  it('mentions a partner’s topic only after three turns, and only once', () => {
    const topic = ctx({ topic: 'loneliness', settings: { ...settings, afterTurns: 50 } });
    expect(nudgeFor(afterTurns(2), 'none', topic)).toMatchObject({ kind: 'none' });
    const offer = nudgeFor(afterTurns(3), 'none', topic);
    expect(offer).toMatchObject({ kind: 'offer', trigger: 'topic', matchedTopics: ['loneliness'] });
    const offered = nudgeOffered(afterTurns(3), offer as Extract<typeof offer, { kind: 'offer' }>, wed);
    expect(offered.nudges.offeredTopics).toEqual(['loneliness']);
    expect(nudgeFor(afterTurns(3, { nudges: offered.nudges }), 'none', topic)).toMatchObject({ kind: 'none' });
  });

  it('offers at a heavy turn before the count, but not while a person is already involved', () => {
    expect(nudgeFor(afterTurns(1), 'medium', ctx())).toMatchObject({ kind: 'offer', trigger: 'risk' });
    expect(nudgeFor(afterTurns(5, { phase: 'waiting_for_staff' }), 'medium', ctx())).toMatchObject({ kind: 'none' });
  });

  it('respects a refusal, in this consultation or an earlier one, for the cooldown', () => {
    expect(nudgeFor(afterTurns(5), 'none', ctx())).toMatchObject({ kind: 'offer' });
    expect(nudgeFor(afterTurns(5, nudgeDeclined(listening(), wed - 3_600_000)), 'none', ctx())).toMatchObject({ kind: 'none' });
    expect(nudgeFor(afterTurns(5), 'none', ctx({ earlier: { offersMs: [], lastRefusalMs: wed - 3_600_000 } }))).toMatchObject({ kind: 'none' });
    expect(nudgeFor(afterTurns(5), 'none', ctx({ earlier: { offersMs: [], lastRefusalMs: wed - 25 * 3_600_000 } }))).toMatchObject({ kind: 'offer' });
  });

  it('offers the next opening when nobody can answer now', () => {
    expect(nudgeFor(afterTurns(5), 'none', ctx({ now: jst(2026, 11, 27, 20) }))).toMatchObject({ kind: 'offer', openNow: false, nextOpeningMs: jst(2026, 11, 30, 9) });
  });
});

describe('state carried across continue-as-new', () => {
  it('starts a new consultation at the terms, and a continued one where it was', () => {
    expect(stateFromCarried({})).toMatchObject({ phase: 'onboarding', step: { name: 'terms' }, deadlines: [], turns: 0, closeRequested: false });
    const reservation = { at: jst(2026, 12, 7, 9), requestedAt: jst(2026, 12, 4, 17, 59), reason: 'menu' as const };
    const carried = { phase: 'listening' as const, step: { name: 'done' as const }, turns: 7, reservation, deadlines: [{ kind: 'opening' as const, at: reservation.at }] };
    expect(stateFromCarried(carried)).toMatchObject({ ...carried, reviewFlagged: false });
  });

  it('rebuilds the timers of runs from before deadlines were data', () => {
    const reservation = { at: 5_000, requestedAt: 1_000, reason: 'menu' as const };
    const old = { phase: 'listening' as const, step: { name: 'done' as const }, reservation };
    expect(rebuiltDeadlines(stateFromCarried(old), old, { now: 2_000, staffPickupMs: 600 })).toEqual([{ kind: 'opening', at: 5_000 }]);
    const waiting = { phase: 'waiting_for_staff' as const, step: { name: 'done' as const } };
    expect(rebuiltDeadlines(stateFromCarried(waiting), waiting, { now: 2_000, staffPickupMs: 600 })).toEqual([{ kind: 'pickup', at: 2_600 }]);
    // Runs that carry their deadlines keep them as they are.
    const current = { ...old, deadlines: [] };
    expect(rebuiltDeadlines(stateFromCarried(current), current, { now: 2_000, staffPickupMs: 600 })).toEqual([]);
  });
});

describe('withdrawing consent', () => {
  it('says whether there was anything to withdraw, in the resident’s language', () => {
    expect(consentWithdrawnText(2)).toContain('取り消しました');
    expect(consentWithdrawnText(0)).toContain('取り消す同意はありません');
    const english = { consentWithdrawn: 'Your consent is withdrawn.', consentNothingToWithdraw: 'There is no consent to withdraw.' };
    expect(consentWithdrawnText(1, english)).toBe('Your consent is withdrawn.');
    expect(consentWithdrawnText(0, english)).toBe('There is no consent to withdraw.');
  });

  it('routes a withdrawal typed in the resident’s language only when its words are given', () => {
    const english = { ...JAPANESE_CONSENT_SAY, language: 'en', words: { consentWithdrawal: ['withdraw consent'], checkInStop: ['stop'] } };
    expect(routeResidentEvent(listening(), say('Please WITHDRAW CONSENT'), english)).toEqual({ kind: 'consent', turn: { kind: 'withdraw' } });
    expect(routeResidentEvent(listening(), say('Please withdraw consent'))).toEqual({ kind: 'ai' });
    expect(routeResidentEvent(listening(), say('同意を取り消します'), english)).toEqual({ kind: 'consent', turn: { kind: 'withdraw' } });
  });
});
