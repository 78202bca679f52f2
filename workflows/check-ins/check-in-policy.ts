/**
 * Caring check-ins (caring contacts, safety.md §5): when a short 「その後いかがですか」 goes to a resident
 * who agreed to it, and the one-time question that asks for that agreement.
 *
 * Pure, for the workflow sandbox: no Temporal imports, no clock reads (the workflow passes `nowMs`).
 *
 * The rules, in order:
 * 1. nothing when check-ins are off, or to a resident who blocked the account;
 * 2. no consent asked yet: ask once, after a consultation has closed (never while one is open), never in
 *    the quiet hours, and not while the closing question may still be answered; asked, declined or withdrawn: nothing (the answer itself wakes the timer again);
 * 3. with consent: nothing while a consultation is open (its close wakes the timer), nothing after
 *    `maxCount` check-ins; otherwise one after `afterSilenceDays` of silence, counted from the later of
 *    the resident's last message and the last check-in (the follow-up outcome scales, 2–4 weeks after the
 *    intake ones, go first when they fall due before it), moved out of the quiet hours and, with
 *    `businessDaysOnly`, into staff hours of a business day (so 「スタッフと話したい」 reaches a person).
 */
import { type BusinessCalendar, nextOpening } from '../calendar/business-calendar';
import { foldTyped } from '../consent/consent-texts';
import type { QuickReplyItem, TextMessage } from '../consultation/line-messages';
import { quietHoursEnd } from '../nudges/nudge-policy';

const DAY_MS = 24 * 3_600_000;

export interface CheckInSettings {
  enabled: boolean;
  afterSilenceDays: number;
  maxCount: number;
  businessDaysOnly: boolean;
  consentVersion: string;
  purpose: string;
  /** The nudges' quiet hours (no push in them). */
  quietHours: { from: string; to: string };
}

export type CheckInConsent = 'none' | 'asked' | 'given' | 'declined' | 'withdrawn';

/** What the database says about the resident, loaded again each time the timer fires. */
export interface CheckInStatus {
  consent: CheckInConsent;
  /** False once the resident blocked the account (LINE unfollow). */
  reachable: boolean;
  openConsultation: boolean;
  /** The consultation the check-in is recorded in (the latest one). */
  latestConsultationId?: string;
  lastResidentMessageMs?: number;
  lastCheckInMs?: number;
  sentCount: number;
  /** When the closing question 「相談してよかったですか」 was asked, while it is neither answered nor skipped. */
  satisfactionPendingSinceMs?: number;
  /** When the resident completed the intake loneliness scale (UCLA-3), while no follow-up scale was started. */
  scaleFollowUpFromMs?: number;
}

/** The short scales are asked again 2–4 weeks after intake (workflows/outcomes/scales.ts), with the check-in consent. */
export const SCALE_FOLLOW_UP_AFTER_DAYS = 14;
export const SCALE_FOLLOW_UP_UNTIL_DAYS = 28;

/**
 * The consent question waits this long after a pending closing question: LINE shows quick replies only
 * on the latest message, so asking at once would take the resident's one-tap answers away.
 */
export const SATISFACTION_ANSWER_WINDOW_MS = 30 * 60_000;

export type CheckInStopReason = 'disabled' | 'blocked' | 'consultation-open' | 'awaiting-answer' | 'declined' | 'withdrawn' | 'max-reached' | 'no-consultation';

export type CheckInDecision = { kind: 'stop'; reason: CheckInStopReason } | { kind: 'ask-consent'; at: number } | { kind: 'check-in'; at: number } | { kind: 'scale-follow-up'; at: number };

export function decideCheckIn(status: CheckInStatus, settings: CheckInSettings, nowMs: number, calendar: BusinessCalendar): CheckInDecision {
  const stop = (reason: CheckInStopReason): CheckInDecision => ({ kind: 'stop', reason });
  if (!settings.enabled) return stop('disabled');
  if (!status.reachable) return stop('blocked');
  if (status.latestConsultationId === undefined) return stop('no-consultation');
  switch (status.consent) {
    case 'asked':
      return stop('awaiting-answer');
    case 'declined':
    case 'withdrawn':
      return stop(status.consent);
    case 'none':
    case 'given':
      break;
  }
  if (status.openConsultation) return stop('consultation-open');
  if (status.consent === 'none') {
    const after = status.satisfactionPendingSinceMs === undefined ? nowMs : Math.max(nowMs, status.satisfactionPendingSinceMs + SATISFACTION_ANSWER_WINDOW_MS);
    return { kind: 'ask-consent', at: quietHoursEnd(after, settings.quietHours) };
  }
  // The follow-up scales, 2–4 weeks after the intake ones, go first when due (a later check-in still follows).
  if (status.scaleFollowUpFromMs !== undefined) {
    const at = quietHoursEnd(Math.max(nowMs, status.scaleFollowUpFromMs + SCALE_FOLLOW_UP_AFTER_DAYS * DAY_MS), settings.quietHours);
    const checkInDue = status.sentCount < settings.maxCount ? checkInAt(status, settings, nowMs, calendar) : Infinity;
    if (at <= status.scaleFollowUpFromMs + SCALE_FOLLOW_UP_UNTIL_DAYS * DAY_MS && at <= checkInDue) return { kind: 'scale-follow-up', at };
  }
  if (status.sentCount >= settings.maxCount) return stop('max-reached');
  return { kind: 'check-in', at: checkInAt(status, settings, nowMs, calendar) };
}

function checkInAt(status: CheckInStatus, settings: CheckInSettings, nowMs: number, calendar: BusinessCalendar): number {
  const silenceFrom = Math.max(status.lastResidentMessageMs ?? 0, status.lastCheckInMs ?? 0);
  let at = quietHoursEnd(Math.max(nowMs, silenceFrom + settings.afterSilenceDays * DAY_MS), settings.quietHours);
  // Staff hours lie outside the quiet hours in any sensible profile; check again in case they do not.
  if (settings.businessDaysOnly) at = quietHoursEnd(nextOpening(at, calendar), settings.quietHours);
  return at;
}

// ---------------------------------------------------------------------------------------------
// LINE messages and the postbacks that answer them.

export const CHECK_IN_POSTBACK = {
  agree: 'checkin=agree',
  decline: 'checkin=decline',
  person: 'checkin=person',
  ai: 'checkin=ai',
  stop: 'checkin=stop',
} as const;

export type CheckInAnswer = 'agree' | 'decline' | 'person' | 'ai' | 'stop';

export function parseCheckInPostback(data: string): CheckInAnswer | undefined {
  const m = /^checkin=(agree|decline|person|ai|stop)$/.exec(data);
  return m ? (m[1] as CheckInAnswer) : undefined;
}

/**
 * A typed 「やめて」 (alone, as the consent question says) withdraws a given consent; so does one of
 * `words`, the resident's language's words for it (profile `languages.<code>.words.checkInStop`),
 * typed alone, in any case, with or without a closing mark.
 */
export function isCheckInStopWord(text: string, words: readonly string[] = []): boolean {
  if (/^\s*(やめて|止めて|とめて)(ください)?[。！!]?\s*$/.test(text)) return true;
  const typed = foldTyped(text).replace(/[.!。！]+$/, '').trim();
  return words.some((word) => foldTyped(word) === typed);
}

/** The check-in texts of the profile (`texts.checkIn…`). */
export interface CheckInTexts {
  checkInConsentAsk: string;
  checkInConsentAgree: string;
  checkInConsentDecline: string;
  checkInMessage: string;
  checkInTalkToPerson: string;
  checkInTalkToAi: string;
  checkInStop: string;
  /** Absent in runs whose texts were loaded before it: the Japanese constant. */
  scaleFollowUp?: string;
}

const button = (label: string, data: string): QuickReplyItem => ({ type: 'action', action: { type: 'postback', label, data, displayText: label } });

/** The one-time question: a "no" is one tap, like the "yes"; not answering is fine too. */
export function checkInConsentMessage(texts: CheckInTexts): TextMessage {
  return {
    type: 'text',
    text: texts.checkInConsentAsk.trim(),
    quickReply: { items: [button(texts.checkInConsentAgree, CHECK_IN_POSTBACK.agree), button(texts.checkInConsentDecline, CHECK_IN_POSTBACK.decline)] },
  };
}

/** The check-in: a person, the AI, or no more of these, each one tap. */
export function checkInMessage(texts: CheckInTexts): TextMessage {
  return {
    type: 'text',
    text: texts.checkInMessage.trim(),
    quickReply: {
      items: [
        button(texts.checkInTalkToPerson, CHECK_IN_POSTBACK.person),
        button(texts.checkInTalkToAi, CHECK_IN_POSTBACK.ai),
        button(texts.checkInStop, CHECK_IN_POSTBACK.stop),
      ],
    },
  };
}
