/**
 * What a resident's event means for the consultation: which turn answers it, how a postback is read,
 * which nudge toward a person goes with an AI answer, and how each turn moves the state. Pure: no
 * Temporal imports, no clock reads (`now` is passed in); the workflow carries the turns out.
 */
import { MENU_KEYS, type MenuKey } from '../../contracts/postbacks';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { parseCheckInPostback, type CheckInAnswer } from '../check-ins/check-in-policy';
import { consentTransition, isWithdrawal, type ConsentOutcome } from '../consent/consent-flow';
import { JAPANESE_CONSENT_SAY, type ConsentSay, type ConsentTexts } from '../consent/consent-texts';
import { decideNudge, parseNudgePostback, type NudgeDecision, type NudgeSettings } from '../nudges/nudge-policy';
import type { RiskLevel } from '../safety/risk-levels';
import type { RiskResponsePlan } from '../safety/risk-response';
import { ConsultationState, isOnboarded, personInvolved } from './consultation-state';
import { parsePostback } from './line-messages';
import type { ResidentEvent } from './messages';
import { asksForLanguageMenu } from './person-request';

export type ConsentTurn = { kind: 'withdraw' } | { kind: 'flow'; outcome: ConsentOutcome };

/** Which turn answers a resident event. */
export type ResidentRoute =
  | { kind: 'unfollow' }
  | { kind: 'consent'; turn: ConsentTurn }
  /** With staff the AI is silent: only safety answers a text. */
  | { kind: 'staff-text' }
  | { kind: 'postback' }
  | { kind: 'onboarding' }
  | { kind: 'media' }
  | { kind: 'follow' }
  | { kind: 'language-menu' }
  | { kind: 'ai' }
  | { kind: 'ignore' };

/** Consent answers (or a withdrawal) come first, in the resident's language (`say`); decided before the event is recorded. */
export function consentTurnFor(s: ConsultationState, event: ResidentEvent, say: ConsentSay = JAPANESE_CONSENT_SAY): ConsentTurn | undefined {
  if (!isOnboarded(s) || (event.kind !== 'text' && event.kind !== 'postback')) return undefined;
  if (isWithdrawal(event, say)) return { kind: 'withdraw' };
  const outcome = s.consent && consentTransition(s.consent, event, say);
  return outcome ? { kind: 'flow', outcome } : undefined;
}

export function routeResidentEvent(s: ConsultationState, event: ResidentEvent, say: ConsentSay = JAPANESE_CONSENT_SAY): ResidentRoute {
  if (event.kind === 'unfollow') return { kind: 'unfollow' };
  const consent = consentTurnFor(s, event, say);
  if (consent) return { kind: 'consent', turn: consent };
  // A message written to staff stays theirs.
  if (s.phase === 'with_staff') return event.kind === 'text' ? { kind: 'staff-text' } : event.kind === 'postback' ? { kind: 'postback' } : { kind: 'ignore' };
  if (!isOnboarded(s)) return { kind: 'onboarding' };
  if (event.kind === 'text') return asksForLanguageMenu(event.text) ? { kind: 'language-menu' } : { kind: 'ai' };
  return { kind: event.kind };
}

/** Details being given for consent: recorded as this placeholder, and assessed by the rules alone. */
export const placeholderOf = (route: ResidentRoute) => (route.kind === 'consent' && route.turn.kind === 'flow' ? route.turn.outcome.placeholder : undefined);

/** The event as recorded: details given for consent are stored as a placeholder only. */
export function asRecorded(event: ResidentEvent, route: ResidentRoute): ResidentEvent {
  const placeholder = placeholderOf(route);
  return placeholder && event.kind === 'text' ? { ...event, text: placeholder } : event;
}

/** What a tapped button asks for. */
export type PostbackAction =
  | { kind: 'check-in'; answer: CheckInAnswer }
  | { kind: 'menu'; item: MenuKey }
  | { kind: 'language-changed' }
  | { kind: 'nudge-accept' }
  | { kind: 'nudge-decline' }
  | { kind: 'nudge-reserve'; atMs: number }
  | { kind: 'none' };

/** `checkIns: false` reads the data as runs from before check-in answers did. */
export function routePostback(data: string, options: { checkIns: boolean } = { checkIns: true }): PostbackAction {
  const checkIn = parseCheckInPostback(data);
  if (checkIn && options.checkIns) return { kind: 'check-in', answer: checkIn };
  const fields = parsePostback(data);
  const item = MENU_KEYS.find((m) => m === fields.menu);
  if (item) return { kind: 'menu', item };
  if (fields.lang) return { kind: 'language-changed' };
  const nudge = parseNudgePostback(data);
  if (nudge?.action === 'accept') return { kind: 'nudge-accept' };
  if (nudge?.action === 'decline') return { kind: 'nudge-decline' };
  if (nudge?.action === 'reserve') return { kind: 'nudge-reserve', atMs: nudge.atMs };
  return { kind: 'none' };
}

/** Where the consultation stands after an onboarding turn; `announce`: the phase change is recorded (search attribute). */
export function phaseAfterOnboarding(s: ConsultationState): { phase: ConsultationState['phase']; announce: boolean } | undefined {
  if (s.phase === 'waiting_for_staff' || s.phase === 'with_staff') return undefined;
  if (s.step.name === 'declined') return { phase: 'declined', announce: true };
  if (s.step.name === 'done') return { phase: 'listening', announce: true };
  // Back from declining to the terms: the phase follows quietly, as it always has.
  return s.phase === 'declined' ? { phase: 'onboarding', announce: false } : undefined;
}

// ---- Safety ----

/** Which alert a risk plan raises now: a passive wish is flagged for review once per consultation. */
export function alertToRaise(s: ConsultationState, plan: RiskResponsePlan): 'crisis' | 'review' | undefined {
  if (plan.alert === 'urgent') return 'crisis';
  return plan.alert === 'review' && !s.reviewFlagged ? 'review' : undefined;
}

// ---- Nudges toward a person ----

/** A partner's topic is mentioned only once the resident has had room to talk, not on the first answer. */
export const TOPIC_NUDGE_AFTER_TURNS = 3;

export interface NudgeContext {
  /** Offers and a refusal in the resident's earlier consultations count toward this one's caps and cooldown. */
  earlier: { offersMs: number[]; lastRefusalMs?: number };
  /** The resident's intake topic, if any. */
  topic?: string;
  settings: NudgeSettings;
  now: number;
  calendar: BusinessCalendar;
}

const latest = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

/** The offer to send now with an AI answer: the first trigger (risk, topic, turns) that offers at once. */
export function nudgeFor(s: ConsultationState, risk: RiskLevel, ctx: NudgeContext): NudgeDecision {
  const state = {
    consultationOffersMs: s.nudges.offersMs,
    residentOffersMs: [...ctx.earlier.offersMs, ...s.nudges.offersMs],
    turnsSinceLastOffer: s.nudges.turnsSinceLastOffer,
    lastRefusalMs: latest(ctx.earlier.lastRefusalMs, s.nudges.lastRefusalMs),
    personRequested: personInvolved(s),
    contactConsent: false,
    peakRiskLevel: s.highestRisk,
    offeredTopics: s.nudges.offeredTopics,
  };
  const topic = s.turns >= TOPIC_NUDGE_AFTER_TURNS ? ctx.topic : undefined;
  const triggers = [{ kind: 'risk' as const, level: risk, replyable: true }, ...(topic ? [{ kind: 'topic' as const, topics: [topic], replyable: true }] : []), { kind: 'turn' as const, replyable: true }];
  for (const trigger of triggers) {
    const decision = decideNudge(state, trigger, ctx.settings, ctx.now, ctx.calendar);
    if (decision.kind === 'offer' && decision.deliverAt === undefined) return decision;
  }
  return { kind: 'none', reason: 'not-enough-turns' };
}

/** One more AI answer. */
export const answered = (s: ConsultationState): ConsultationState => ({ ...s, turns: s.turns + 1, nudges: { ...s.nudges, turnsSinceLastOffer: s.nudges.turnsSinceLastOffer + 1 } });

export const nudgeOffered = (s: ConsultationState, offer: Extract<NudgeDecision, { kind: 'offer' }>, now: number): ConsultationState => ({
  ...s,
  nudges: { ...s.nudges, offersMs: [...s.nudges.offersMs, now], turnsSinceLastOffer: 0, offeredTopics: [...s.nudges.offeredTopics, ...(offer.matchedTopics ?? [])] },
});

export const nudgeDeclined = (s: ConsultationState, now: number): ConsultationState => ({ ...s, nudges: { ...s.nudges, lastRefusalMs: now } });

/** After a withdrawal: what was withdrawn, or that there was nothing to withdraw. */
export const consentWithdrawnText = (consents: number, texts: Pick<ConsentTexts, 'consentWithdrawn' | 'consentNothingToWithdraw'> = JAPANESE_CONSENT_SAY.texts) =>
  consents > 0 ? texts.consentWithdrawn : texts.consentNothingToWithdraw;
