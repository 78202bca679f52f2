import fs from 'node:fs';
import path from 'node:path';
import { japaneseHolidays } from '../../../activities/calendar/holidays';
import { loadProfile } from '../../../platform/config/profile';
import { NUDGE_TEXTS_JA } from '../../../workflows/nudges/nudge-texts';
import { calendarFromProfile } from '../../../workflows/calendar/calendar-from-profile';
import {
  decideNudge,
  inQuietHours,
  MAX_LABEL_CHARS,
  NUDGE_POSTBACK,
  nudgeDeclinedMessage,
  type NudgeDecision,
  nudgeOfferMessage,
  nudgeReservedMessage,
  type NudgeSettings,
  type NudgeState,
  type NudgeTrigger,
  parseNudgePostback,
  quietHoursEnd,
  reserveLabel,
} from '../../../workflows/nudges/nudge-policy';

/** Tokyo wall-clock time → epoch ms, with explicit UTC arithmetic (Tokyo = UTC+9, no DST). */
function jst(wallClock: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(wallClock);
  if (!m) throw new Error(`bad test time ${wallClock}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 9, +m[5]);
}
const HOUR = 3_600_000;

const calendar = calendarFromProfile(
  { open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [{ from: '12-29', to: '01-03' }], extraClosures: [] },
  japaneseHolidays(2026, 2027),
);

/** profiles/example.yaml's nudges and partners. */
const settings: NudgeSettings = {
  afterTurns: 8,
  minRiskLevel: 'medium',
  refusalCooldownHours: 24,
  maxPerDay: 2,
  maxPerConsultation: 4,
  quietHours: { from: '21:00', to: '08:00' },
  silenceCheckInHours: 24,
  partners: [
    { id: 'npo-ibasho', topics: ['loneliness', 'hikikomori'] },
    { id: 'jiritsu-shien', topics: ['money', 'work', 'living'] },
  ],
  staffPickupMinutes: 10,
};

const fresh: NudgeState = {
  consultationOffersMs: [],
  turnsSinceLastOffer: 8,
  personRequested: false,
  contactConsent: false,
  peakRiskLevel: 'none',
};
const TURN: NudgeTrigger = { kind: 'turn' };

// Wednesday 2026-11-25, an ordinary business day.
const WED_1000 = jst('2026-11-25 10:00');

type Offer = Extract<NudgeDecision, { kind: 'offer' }>;
function expectOffer(decision: NudgeDecision): Offer {
  if (decision.kind !== 'offer') throw new Error(`expected an offer, got none (${decision.reason})`);
  return decision;
}

describe('decideNudge: triggers', () => {
  it('offers after afterTurns resident turns since the last offer, not before', () => {
    expect(decideNudge({ ...fresh, turnsSinceLastOffer: 7 }, TURN, settings, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'not-enough-turns' });
    expect(decideNudge(fresh, TURN, settings, WED_1000, calendar)).toEqual({ kind: 'offer', trigger: 'turn', openNow: true });
  });

  it('offers at medium risk (minRiskLevel) but not below', () => {
    expect(decideNudge(fresh, { kind: 'risk', level: 'low' }, settings, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'below-threshold' });
    expect(expectOffer(decideNudge(fresh, { kind: 'risk', level: 'medium' }, settings, WED_1000, calendar)).trigger).toBe('risk');
  });

  it('leaves high and imminent risk to the safety escalation, whatever the caps or hours', () => {
    for (const level of ['high', 'imminent'] as const) {
      expect(decideNudge(fresh, { kind: 'risk', level }, settings, jst('2026-11-25 03:00'), calendar)).toEqual({ kind: 'none', reason: 'safety-escalation' });
    }
  });

  it('offers when the resident’s topic matches a partner organisation, naming the partners', () => {
    const offer = expectOffer(decideNudge(fresh, { kind: 'topic', topics: ['loneliness'] }, settings, WED_1000, calendar));
    expect(offer).toMatchObject({ trigger: 'topic', matchedPartnerIds: ['npo-ibasho'], matchedTopics: ['loneliness'] });
    const both = expectOffer(decideNudge(fresh, { kind: 'topic', topics: ['work', 'hikikomori', 'family'] }, settings, WED_1000, calendar));
    expect(both.matchedPartnerIds).toEqual(['npo-ibasho', 'jiritsu-shien']);
    expect(both.matchedTopics).toEqual(['work', 'hikikomori']);
  });

  it('does not offer for a topic no partner covers, or one already offered for', () => {
    expect(decideNudge(fresh, { kind: 'topic', topics: ['family', 'health'] }, settings, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'no-topic-match' });
    expect(decideNudge({ ...fresh, offeredTopics: ['money'] }, { kind: 'topic', topics: ['money'] }, settings, WED_1000, calendar)).toEqual({
      kind: 'none',
      reason: 'topic-already-offered',
    });
    expect(decideNudge({ ...fresh, offeredTopics: ['money'] }, { kind: 'topic', topics: ['money', 'work'] }, settings, WED_1000, calendar).kind).toBe('offer');
  });

  it('offers nothing to a resident who already asked for, reserved or has a person', () => {
    expect(decideNudge({ ...fresh, personRequested: true }, TURN, settings, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'person-already-involved' });
  });
});

describe('decideNudge: caps', () => {
  it('holds the cap per Tokyo day, across consultations, and starts again the next day', () => {
    const twoThisMorning = { ...fresh, consultationOffersMs: [], residentOffersMs: [jst('2026-11-25 00:30'), jst('2026-11-25 08:15')] };
    expect(decideNudge(twoThisMorning, TURN, settings, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'daily-cap' });
    // 23:50 the day before is another Tokyo day (though the same UTC day as 00:30 JST).
    const oneYesterday = { ...fresh, residentOffersMs: [jst('2026-11-24 23:50'), jst('2026-11-25 08:15')] };
    expect(decideNudge(oneYesterday, TURN, settings, WED_1000, calendar).kind).toBe('offer');
    expect(decideNudge(twoThisMorning, TURN, settings, jst('2026-11-26 10:00'), calendar).kind).toBe('offer');
  });

  it('counts this consultation’s offers for the day when no resident-wide list is given', () => {
    const state = { ...fresh, consultationOffersMs: [jst('2026-11-25 09:10'), jst('2026-11-25 09:40')] };
    expect(decideNudge(state, TURN, settings, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'daily-cap' });
  });

  it('holds the cap per consultation, over several days', () => {
    const four = { ...fresh, consultationOffersMs: [jst('2026-11-20 10:00'), jst('2026-11-21 10:00'), jst('2026-11-22 10:00'), jst('2026-11-23 10:00')] };
    expect(decideNudge(four, TURN, settings, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'consultation-cap' });
    expect(decideNudge({ ...four, consultationOffersMs: four.consultationOffersMs.slice(1) }, TURN, settings, WED_1000, calendar).kind).toBe('offer');
  });

  it('holds the weekly cap over the resident’s offers of the last 7 days, whatever consultation they were in', () => {
    const weekly = { ...settings, maxPerWeek: 3 };
    // Three offers in earlier consultations since last Thursday 10:00: a fourth waits.
    const three = { ...fresh, consultationOffersMs: [], residentOffersMs: [jst('2026-11-19 10:30'), jst('2026-11-21 15:00'), jst('2026-11-23 11:00')] };
    expect(decideNudge(three, TURN, weekly, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'weekly-cap' });
    // The oldest leaves the window 7 days after it was made.
    expect(decideNudge(three, TURN, weekly, jst('2026-11-26 10:31'), calendar).kind).toBe('offer');
    // Offers older than 7 days do not count, nor is there a weekly cap when the profile sets none.
    expect(decideNudge({ ...three, residentOffersMs: three.residentOffersMs.slice(1) }, TURN, weekly, WED_1000, calendar).kind).toBe('offer');
    expect(decideNudge(three, TURN, settings, WED_1000, calendar).kind).toBe('offer');
  });

  it('never offers when a cap is 0', () => {
    expect(decideNudge(fresh, TURN, { ...settings, maxPerDay: 0 }, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'daily-cap' });
    expect(decideNudge(fresh, TURN, { ...settings, maxPerConsultation: 0 }, WED_1000, calendar)).toEqual({ kind: 'none', reason: 'consultation-cap' });
  });
});

describe('decideNudge: a refusal is respected', () => {
  const refused = { ...fresh, lastRefusalMs: jst('2026-11-24 10:30') };

  it('for refusalCooldownHours, for every kind of nudge', () => {
    for (const trigger of [TURN, { kind: 'risk', level: 'medium' }, { kind: 'topic', topics: ['money'] }] as NudgeTrigger[]) {
      expect(decideNudge(refused, trigger, settings, jst('2026-11-25 10:29'), calendar)).toEqual({ kind: 'none', reason: 'refusal-cooldown' });
    }
  });

  it('and offers again once the cooldown is over', () => {
    expect(decideNudge(refused, TURN, settings, jst('2026-11-25 10:30'), calendar).kind).toBe('offer');
  });

  it('but never holds back the safety escalation (high risk is not a nudge at all)', () => {
    expect(decideNudge(refused, { kind: 'risk', level: 'high' }, settings, jst('2026-11-25 10:29'), calendar)).toEqual({ kind: 'none', reason: 'safety-escalation' });
  });
});

describe('decideNudge: quiet hours (no push 21:00–8:00)', () => {
  it('knows the quiet hours across midnight', () => {
    const q = settings.quietHours;
    expect(inQuietHours(jst('2026-11-25 20:59'), q)).toBe(false);
    expect(inQuietHours(jst('2026-11-25 21:00'), q)).toBe(true);
    expect(inQuietHours(jst('2026-11-26 07:59'), q)).toBe(true);
    expect(inQuietHours(jst('2026-11-26 08:00'), q)).toBe(false);
    expect(quietHoursEnd(jst('2026-11-25 23:00'), q)).toBe(jst('2026-11-26 08:00'));
    expect(quietHoursEnd(jst('2026-11-26 02:00'), q)).toBe(jst('2026-11-26 08:00'));
    expect(quietHoursEnd(jst('2026-11-26 12:00'), q)).toBe(jst('2026-11-26 12:00'));
  });

  it('lets an offer go as the reply to a message the resident sent at night', () => {
    expect(decideNudge(fresh, TURN, settings, jst('2026-11-25 23:30'), calendar).kind).toBe('offer');
  });

  it('drops an offer that could only be pushed during the quiet hours', () => {
    expect(decideNudge(fresh, { kind: 'turn', replyable: false }, settings, jst('2026-11-25 23:30'), calendar)).toEqual({ kind: 'none', reason: 'quiet-hours' });
    expect(decideNudge(fresh, { kind: 'turn', replyable: false }, settings, jst('2026-11-25 20:30'), calendar).kind).toBe('offer');
  });
});

describe('decideNudge: silence check-in', () => {
  const heavy: NudgeState = { ...fresh, contactConsent: true, peakRiskLevel: 'medium' };
  const lastMessage = jst('2026-11-24 14:00');
  const checkIn: NudgeTrigger = { kind: 'silence-check-in', lastResidentMessageMs: lastMessage };

  it('only for residents who agreed to be contacted, after a heavy conversation', () => {
    const at = lastMessage + 24 * HOUR;
    expect(decideNudge({ ...heavy, contactConsent: false }, checkIn, settings, at, calendar)).toEqual({ kind: 'none', reason: 'no-contact-consent' });
    expect(decideNudge({ ...heavy, peakRiskLevel: 'low' }, checkIn, settings, at, calendar)).toEqual({ kind: 'none', reason: 'not-heavy' });
    expect(decideNudge(heavy, checkIn, settings, at, calendar)).toEqual({ kind: 'offer', trigger: 'silence-check-in', openNow: true });
  });

  it('waits for the silence to last silenceCheckInHours', () => {
    const offer = expectOffer(decideNudge(heavy, checkIn, settings, lastMessage + 3 * HOUR, calendar));
    expect(offer.deliverAt).toBe(jst('2026-11-25 14:00'));
  });

  it('is a push, so it waits for the end of the quiet hours and says when staff can answer then', () => {
    const lateTalk: NudgeTrigger = { kind: 'silence-check-in', lastResidentMessageMs: jst('2026-11-24 23:00') };
    const offer = expectOffer(decideNudge(heavy, lateTalk, settings, jst('2026-11-25 23:00'), calendar));
    expect(offer.deliverAt).toBe(jst('2026-11-26 08:00'));
    // 8:00 is before opening: the text names 9:00 the same morning.
    expect(offer).toMatchObject({ openNow: false, nextOpeningText: '11月26日（木）9時', nextOpeningMs: jst('2026-11-26 09:00') });
  });

  it('counts the day cap on the day it will be sent', () => {
    const lateTalk: NudgeTrigger = { kind: 'silence-check-in', lastResidentMessageMs: jst('2026-11-24 23:00') };
    const twoOnThursday = { ...heavy, residentOffersMs: [jst('2026-11-26 00:10'), jst('2026-11-26 00:20')] };
    expect(decideNudge(twoOnThursday, lateTalk, settings, jst('2026-11-25 23:00'), calendar)).toEqual({ kind: 'none', reason: 'daily-cap' });
  });
});

describe('decideNudge: outside business hours', () => {
  it('names the next opening when closed (Friday evening before a Monday holiday → Tuesday)', () => {
    const offer = expectOffer(decideNudge(fresh, TURN, settings, jst('2026-11-20 19:00'), calendar));
    expect(offer).toEqual({ kind: 'offer', trigger: 'turn', openNow: false, nextOpeningText: '11月24日（火）9時', nextOpeningMs: jst('2026-11-24 09:00') });
  });

  it('treats the last minutes before closing as closed (nobody could pick it up)', () => {
    expect(expectOffer(decideNudge(fresh, TURN, settings, jst('2026-11-20 17:55'), calendar)).nextOpeningText).toBe('11月24日（火）9時');
    expect(expectOffer(decideNudge(fresh, TURN, settings, jst('2026-11-20 17:45'), calendar)).openNow).toBe(true);
  });

  it('at the year end, names the first business day of January', () => {
    expect(expectOffer(decideNudge(fresh, TURN, settings, jst('2026-12-30 10:00'), calendar)).nextOpeningText).toBe('1月4日（月）9時');
  });
});

describe('offer messages', () => {
  const labels = (m: ReturnType<typeof nudgeOfferMessage>) => m.quickReply?.items.map((i) => i.action.label);
  const datas = (m: ReturnType<typeof nudgeOfferMessage>) => m.quickReply?.items.map((i) => i.action.data);

  it('while open: a warm question, staff or go on with the AI', () => {
    const message = nudgeOfferMessage(expectOffer(decideNudge(fresh, TURN, settings, WED_1000, calendar)));
    expect(message.text).toContain('よかったら、よりそいスタッフ（専門の相談員）とお話ししてみませんか？');
    expect(message.text).toContain('このままAIとお話を続けても大丈夫です');
    expect(labels(message)).toEqual(['スタッフと話したい', 'AIと話を続ける']);
    expect(datas(message)).toEqual(['nudge=accept', 'nudge=decline']);
  });

  it('while closed: names the next opening and offers to reserve it', () => {
    const message = nudgeOfferMessage(expectOffer(decideNudge(fresh, TURN, settings, jst('2026-11-20 19:00'), calendar)));
    expect(message.text).toContain('スタッフがお返事できるのは11月24日（火）9時からです');
    expect(message.text).toContain('予約');
    expect(labels(message)).toEqual(['11月24日（火）9時に予約する', 'AIと話を続ける']);
    expect(datas(message)).toEqual([NUDGE_POSTBACK.reserve(jst('2026-11-24 09:00')), 'nudge=decline']);
    expect(datas(message)?.[0]).toBe(`nudge=reserve&at=${jst('2026-11-24 09:00')}`);
  });

  it('never pushes: no imperative, no urgency words', () => {
    for (const at of [WED_1000, jst('2026-11-20 19:00')]) {
      const { text } = nudgeOfferMessage(expectOffer(decideNudge(fresh, TURN, settings, at, calendar)));
      expect(text).not.toMatch(/してください|すぐに|必ず|今すぐ/);
    }
  });

  it('keeps every label within LINE’s 20 characters and sends it as the resident’s words', () => {
    for (const at of [WED_1000, jst('2026-11-20 19:00'), jst('2026-12-30 10:00')]) {
      for (const trigger of [TURN, { kind: 'topic', topics: ['money'] }] as NudgeTrigger[]) {
        const message = nudgeOfferMessage(expectOffer(decideNudge(fresh, trigger, settings, at, calendar)));
        for (const item of message.quickReply?.items ?? []) {
          expect(item.action.label.length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
          expect(item.action.displayText).toBe(item.action.label);
        }
      }
    }
    // The longest date (two-digit month, day, hour and minutes) still fits, weekday included…
    expect(reserveLabel(jst('2026-12-28 10:30'))).toBe('12月28日（月）10時30分に予約する');
    expect(reserveLabel(jst('2026-12-28 10:30')).length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
  });

  it('reads the postbacks back, refusing a malformed reservation time', () => {
    expect(parseNudgePostback('nudge=accept')).toEqual({ action: 'accept' });
    expect(parseNudgePostback('nudge=decline')).toEqual({ action: 'decline' });
    expect(parseNudgePostback(NUDGE_POSTBACK.reserve(1795478400000))).toEqual({ action: 'reserve', atMs: 1795478400000 });
    expect(parseNudgePostback('nudge=reserve&at=tomorrow')).toBeUndefined();
    expect(parseNudgePostback('terms=agree')).toBeUndefined();
  });

  it('answers a decline and a reservation gently', () => {
    expect(nudgeDeclinedMessage().text).toContain('よりそいスタッフに話しかける');
    expect(nudgeReservedMessage(jst('2026-11-24 09:00')).text).toContain('11月24日（火）9時にスタッフからお返事できるよう');
  });

  it('speaks the resident’s language, every shipped label within LINE’s 20 characters, the time readable in any language', () => {
    const profiles = fs.readdirSync('profiles').filter((f) => f.endsWith('.yaml'));
    for (const file of profiles) {
      const profile = loadProfile(path.join('profiles', file));
      for (const [language, catalogue] of Object.entries(profile.languages)) {
        const say = { texts: { ...NUDGE_TEXTS_JA, ...catalogue.texts }, language };
        const label = reserveLabel(jst('2026-12-28 10:30'), say);
        expect(label.length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
        expect(label).toContain('12/28 10:30');
        expect(nudgeReservedMessage(jst('2026-12-28 10:30'), say).text).toContain('12/28 10:30 (JST)');
      }
    }
    const vi = loadProfile(path.join('profiles', 'example.yaml')).languages.vi.texts;
    const offer = nudgeOfferMessage(expectOffer(decideNudge(fresh, TURN, settings, jst('2026-11-20 19:00'), calendar)), { texts: { ...NUDGE_TEXTS_JA, ...vi }, language: 'vi' });
    expect(offer.text).toContain('Bạn có muốn nói chuyện với nhân viên tư vấn');
    expect(offer.text).toContain('11/24 9:00 (JST)');
    expect(offer.quickReply?.items.map((i) => i.action.label)).toEqual(['Hẹn 11/24 9:00 (JST)', 'Tiếp tục với AI']);
  });
});
