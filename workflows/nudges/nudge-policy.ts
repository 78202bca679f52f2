/**
 * Nudges: when the listening AI offers the resident a person (よりそいスタッフ), and how it says so.
 *
 * Pure, for the workflow sandbox: no Temporal imports, no clock reads (the workflow passes `nowMs`),
 * nothing imported from outside workflows/.
 *
 * The boundary with safety: a nudge is a gentle, refusable offer. High and imminent risk are not
 * nudged: the safety escalation answers them directly (crisis lines from the profile, an urgent alert
 * to staff or on-call, at any hour, whatever the caps, cooldowns or quiet hours say). So `decideNudge`
 * answers `none` with reason `safety-escalation` for them, and nothing here may delay or replace that.
 *
 * The rules, in the order they are checked:
 * 1. a person is already requested, reserved or talking with the resident → no offer;
 * 2. the trigger's own condition (enough turns, risk at or above `minRiskLevel`, a partner topic not
 *    yet offered for, a consented check-in after a heavy conversation and enough silence);
 * 3. a refusal is respected for `refusalCooldownHours`;
 * 4. at most `maxPerConsultation` offers per consultation, `maxPerDay` per Tokyo calendar day and
 *    `maxPerWeek` in any 7 days, the last two counted over all the resident's consultations (the
 *    workflow passes the offers recorded in earlier ones, and their latest refusal, for rule 3);
 * 5. no push during quiet hours (default 21:00–8:00). Offers made in answer to the resident's own
 *    message are replies and may be sent at any hour; one that would have to be pushed is dropped —
 *    except the silence check-in, which is always a push and is instead deferred to the end of the
 *    quiet hours (`deliverAt`).
 * Outside business hours the offer says when a person can answer and offers to reserve that time.
 */
import { type BusinessCalendar, formatOpeningJa, nextOpening, parseHhmm, tokyoDate, tokyoInstant, tokyoTime } from '../calendar/business-calendar';
import { formatOpening } from '../consultation/language';
import { NUDGE_TEXTS_JA, type NudgeTexts } from './nudge-texts';
import type { QuickReplyItem, TextMessage } from '../consultation/line-messages';
import { isAtLeast, type RiskLevel } from '../safety/risk-levels';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/** `profile.nudges`, plus the partner topics and the staff pick-up time the policy needs. */
export interface NudgeSettings {
  /** Resident turns since the last offer before the `turn` trigger offers a person. */
  afterTurns: number;
  /** Lowest assessed risk that offers a person (`risk` trigger); high and above belong to safety. */
  minRiskLevel: 'low' | 'medium' | 'high';
  refusalCooldownHours: number;
  maxPerDay: number;
  maxPerConsultation: number;
  /** Offers to one resident in any 7 days, whatever consultation they belong to; absent = no weekly cap. */
  maxPerWeek?: number;
  /** Tokyo wall clock, 'HH:MM'; `from` after `to` wraps midnight (21:00 → 08:00). Equal = no quiet hours. */
  quietHours: { from: string; to: string };
  silenceCheckInHours: number;
  /** `profile.partners`: the topics each partner organisation helps with. */
  partners: readonly { id: string; topics: readonly string[] }[];
  /**
   * Minutes a person needs to pick a resident up (`profile.escalation.staffPickupMinutes`): with less
   * than this left before closing, the offer speaks of the next opening instead of "now". Default 0.
   */
  staffPickupMinutes?: number;
}

/** What the workflow knows about earlier offers and the resident's wishes. */
export interface NudgeState {
  /** Times of the offers made in this consultation. */
  consultationOffersMs: readonly number[];
  /**
   * Times of offers made to this resident in any consultation (at least those of the last 7 days).
   * Defaults to `consultationOffersMs` when the workflow knows no more.
   */
  residentOffersMs?: readonly number[];
  /** Resident messages since the last offer (or since the consultation began). */
  turnsSinceLastOffer: number;
  /** When the resident last declined an offer (「AIと話を続ける」), in this or an earlier consultation. */
  lastRefusalMs?: number;
  /** The resident asked for a person, reserved a time, is waiting in the queue or is with staff. */
  personRequested: boolean;
  /** The resident agreed to be contacted first (needed for the silence check-in, which is a push). */
  contactConsent: boolean;
  /** The highest risk assessed in this consultation (a heavy conversation reaches `minRiskLevel`). */
  peakRiskLevel: RiskLevel;
  /** Partner topics already offered for in this consultation (a topic is offered for once). */
  offeredTopics?: readonly string[];
}

export type NudgeTrigger =
  /** After a resident message; `replyable` false when the offer could only be pushed (token gone). */
  | { kind: 'turn'; replyable?: boolean }
  | { kind: 'risk'; level: RiskLevel; replyable?: boolean }
  /** The resident's topics (intake answer, or what the conversation is about). */
  | { kind: 'topic'; topics: readonly string[]; replyable?: boolean }
  /** A timer after silence; always a push. */
  | { kind: 'silence-check-in'; lastResidentMessageMs: number };

export type NudgeTriggerKind = NudgeTrigger['kind'];

export type NudgeNoneReason =
  | 'person-already-involved'
  | 'safety-escalation'
  | 'not-enough-turns'
  | 'below-threshold'
  | 'no-topic-match'
  | 'topic-already-offered'
  | 'no-contact-consent'
  | 'not-heavy'
  | 'refusal-cooldown'
  | 'consultation-cap'
  | 'daily-cap'
  | 'weekly-cap'
  | 'quiet-hours';

export type NudgeDecision =
  | { kind: 'none'; reason: NudgeNoneReason }
  | {
      kind: 'offer';
      trigger: NudgeTriggerKind;
      /** A person can answer when the offer is sent. */
      openNow: boolean;
      /** When closed: the next opening, for the text (「11月24日（火）9時」) … */
      nextOpeningText?: string;
      /** … and as an instant, for the reserve button. */
      nextOpeningMs?: number;
      /** Set when the offer must not be sent before this instant: sleep until then and decide again. */
      deliverAt?: number;
      /** `topic` trigger: the partner organisations whose topics matched, and the topics. */
      matchedPartnerIds?: string[];
      matchedTopics?: string[];
    };

/** True when `tMs` falls in the quiet hours (Tokyo wall clock). */
export function inQuietHours(tMs: number, quiet: { from: string; to: string }): boolean {
  const from = parseHhmm(quiet.from);
  const to = parseHhmm(quiet.to);
  if (from === to) return false;
  const t = tokyoTime(tMs);
  const minute = t.hour * 60 + t.minute;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** The first instant at or after `tMs` outside the quiet hours. */
export function quietHoursEnd(tMs: number, quiet: { from: string; to: string }): number {
  if (!inQuietHours(tMs, quiet)) return tMs;
  const today = tokyoDate(tMs);
  const endToday = tokyoInstant(today, quiet.to);
  if (endToday > tMs) return endToday;
  return tokyoInstant(tokyoDate(endToday + 24 * HOUR_MS), quiet.to);
}

const none = (reason: NudgeNoneReason): NudgeDecision => ({ kind: 'none', reason });

/** Decide whether the AI offers a person now, for `trigger`, at `nowMs`. */
export function decideNudge(state: NudgeState, trigger: NudgeTrigger, settings: NudgeSettings, nowMs: number, calendar: BusinessCalendar): NudgeDecision {
  // 1. Nothing to offer to someone who already has (or asked for) a person.
  if (state.personRequested) return none('person-already-involved');
  // High/imminent risk is the safety escalation's, at any hour and regardless of caps: never a nudge.
  if (trigger.kind === 'risk' && isAtLeast(trigger.level, 'high')) return none('safety-escalation');

  // 2. The trigger's own condition.
  let sendAt = nowMs;
  let matchedPartnerIds: string[] | undefined;
  let matchedTopics: string[] | undefined;
  switch (trigger.kind) {
    case 'turn':
      if (state.turnsSinceLastOffer < settings.afterTurns) return none('not-enough-turns');
      break;
    case 'risk':
      if (!isAtLeast(trigger.level, settings.minRiskLevel)) return none('below-threshold');
      break;
    case 'topic': {
      const partners = settings.partners.filter((p) => p.topics.some((t) => trigger.topics.includes(t)));
      if (partners.length === 0) return none('no-topic-match');
      const topics = [...new Set(trigger.topics.filter((t) => partners.some((p) => p.topics.includes(t))))];
      if (topics.every((t) => state.offeredTopics?.includes(t))) return none('topic-already-offered');
      matchedPartnerIds = partners.map((p) => p.id);
      matchedTopics = topics;
      break;
    }
    case 'silence-check-in':
      // A push the resident did not ask for: only with their consent, and only after a heavy talk.
      if (!state.contactConsent) return none('no-contact-consent');
      if (!isAtLeast(state.peakRiskLevel, settings.minRiskLevel)) return none('not-heavy');
      // Not before the silence has lasted long enough (the timer may fire early or be re-armed),
      // and never in the quiet hours: the check-in waits for the morning instead.
      sendAt = quietHoursEnd(Math.max(nowMs, trigger.lastResidentMessageMs + settings.silenceCheckInHours * HOUR_MS), settings.quietHours);
      break;
  }

  // 3. A "no" is respected for the cooldown (measured to when the offer would be sent).
  if (state.lastRefusalMs !== undefined && sendAt < state.lastRefusalMs + settings.refusalCooldownHours * HOUR_MS) {
    return none('refusal-cooldown');
  }

  // 4. Caps: per consultation, per Tokyo calendar day of sending and per 7 days (across consultations).
  if (state.consultationOffersMs.length >= settings.maxPerConsultation) return none('consultation-cap');
  const residentOffers = state.residentOffersMs ?? state.consultationOffersMs;
  const day = tokyoDate(sendAt);
  if (residentOffers.filter((t) => tokyoDate(t) === day).length >= settings.maxPerDay) return none('daily-cap');
  if (settings.maxPerWeek !== undefined && residentOffers.filter((t) => t > sendAt - WEEK_MS && t <= sendAt).length >= settings.maxPerWeek) {
    return none('weekly-cap');
  }

  // 5. Quiet hours bind pushes only. A reply to what the resident just wrote is not a push.
  if (trigger.kind !== 'silence-check-in' && trigger.replyable === false && inQuietHours(nowMs, settings.quietHours)) {
    return none('quiet-hours');
  }

  const opening = nextOpening(sendAt, calendar, { minRemainingMinutes: settings.staffPickupMinutes ?? 0 });
  const openNow = opening === sendAt; // nextOpening returns the instant itself only while open with time to pick up
  return {
    kind: 'offer',
    trigger: trigger.kind,
    openNow,
    ...(openNow ? {} : { nextOpeningText: formatOpeningJa(opening), nextOpeningMs: opening }),
    ...(sendAt > nowMs ? { deliverAt: sendAt } : {}),
    ...(matchedPartnerIds ? { matchedPartnerIds, matchedTopics } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// LINE messages (plain Messaging API JSON) for the offer and the answers to it.

export const NUDGE_POSTBACK = {
  accept: 'nudge=accept',
  decline: 'nudge=decline',
  reserve: (atMs: number) => `nudge=reserve&at=${atMs}`,
} as const;

export type NudgeAnswer = { action: 'accept' } | { action: 'decline' } | { action: 'reserve'; atMs: number };

/**
 * Reads a nudge postback; undefined for anything else. The `at` of a reservation comes back from the
 * resident's phone: the workflow must still check that it is a real opening (`isOpen(at)`, in the future).
 */
export function parseNudgePostback(data: string): NudgeAnswer | undefined {
  const params = new Map<string, string>();
  for (const pair of data.split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key) params.set(key, value);
  }
  switch (params.get('nudge')) {
    case 'accept':
      return { action: 'accept' };
    case 'decline':
      return { action: 'decline' };
    case 'reserve': {
      const at = params.get('at') ?? '';
      return /^\d{1,15}$/.test(at) ? { action: 'reserve', atMs: Number(at) } : undefined;
    }
    default:
      return undefined;
  }
}

/** LINE allows at most 20 characters in a quick-reply label. */
export const MAX_LABEL_CHARS = 20;

const button = (label: string, data: string, displayText = label): QuickReplyItem => ({
  type: 'action',
  action: { type: 'postback', label, data, displayText },
});


/** The texts of an offer in the resident's language (`localise(settings, language)`); Japanese by default. */
export interface NudgeSay {
  texts: NudgeTexts;
  language: string;
}
const JAPANESE_SAY: NudgeSay = { texts: NUDGE_TEXTS_JA, language: 'ja' };

export const NUDGE_LABELS = { accept: NUDGE_TEXTS_JA.nudgeAccept, decline: NUDGE_TEXTS_JA.nudgeDecline } as const;

const fillOpening = (template: string, opening: string) => template.replace('{opening}', opening);

/** As `formatOpening`; `short` drops the weekday (Japanese) or the time zone, to fit a label. */
const openingText = (tMs: number, language: string, short = false) =>
  short ? formatOpening(tMs, language).replace(/（.）/, '').replace(' (JST)', '') : formatOpening(tMs, language);

/** 「11月24日（火）9時に予約する」, shortened (weekday or time zone dropped) if it would pass LINE's 20 characters. */
export function reserveLabel(openingMs: number, say: NudgeSay = JAPANESE_SAY): string {
  const full = fillOpening(say.texts.nudgeReserve, openingText(openingMs, say.language));
  if (full.length <= MAX_LABEL_CHARS) return full;
  return fillOpening(say.texts.nudgeReserve, openingText(openingMs, say.language, true)).slice(0, MAX_LABEL_CHARS);
}

const LEAD_IN: Record<NudgeTriggerKind, keyof NudgeTexts> = {
  turn: 'nudgeLeadInTurn',
  risk: 'nudgeLeadInRisk',
  topic: 'nudgeLeadInTopic',
  'silence-check-in': 'nudgeLeadInSilence',
};

/**
 * The offer: warm, optional, and clear that the AI stays either way. Open now: talk to staff or go on
 * with the AI. Closed: when a person can answer, with a button to reserve that time.
 */
export function nudgeOfferMessage(offer: Extract<NudgeDecision, { kind: 'offer' }>, say: NudgeSay = JAPANESE_SAY): TextMessage {
  const t = say.texts;
  const lead = `${t[LEAD_IN[offer.trigger]]}\n${t.nudgeAsk}\n`;
  if (offer.openNow || offer.nextOpeningMs === undefined || offer.nextOpeningText === undefined) {
    return {
      type: 'text',
      text: `${lead}${t.nudgeOpenNow}`,
      quickReply: { items: [button(t.nudgeAccept, NUDGE_POSTBACK.accept), button(t.nudgeDecline, NUDGE_POSTBACK.decline)] },
    };
  }
  // Closed: "talk to staff" could only lead to the same reservation, so the reserve button takes its place.
  return {
    type: 'text',
    text: `${lead}${fillOpening(t.nudgeClosed, openingText(offer.nextOpeningMs, say.language))}`,
    quickReply: {
      items: [button(reserveLabel(offer.nextOpeningMs, say), NUDGE_POSTBACK.reserve(offer.nextOpeningMs)), button(t.nudgeDecline, NUDGE_POSTBACK.decline)],
    },
  };
}

/** After a refusal: respected, with the way back to a person. */
export function nudgeDeclinedMessage(say: NudgeSay = JAPANESE_SAY): TextMessage {
  return { type: 'text', text: say.texts.nudgeDeclined };
}

/** After a reservation. */
export function nudgeReservedMessage(atMs: number, say: NudgeSay = JAPANESE_SAY): TextMessage {
  return { type: 'text', text: fillOpening(say.texts.nudgeReserved, openingText(atMs, say.language)) };
}
