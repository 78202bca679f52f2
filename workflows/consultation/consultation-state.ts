/**
 * The consultation as an entity: its state and the transitions of reaching a person, as
 * `(state, event, context) → { state, effects, say }`. Deadlines are data in the state. Pure: no
 * Temporal imports, no clock reads (`context.now` is passed in), so it is unit-tested without Temporal;
 * the workflow carries out the effects through activities, under one lock.
 */
import { BusinessCalendar, nextOpening } from '../calendar/business-calendar';
import type { RiskLevel } from '../safety/risk-levels';
import type { ConsentState } from '../consent/consent-flow';
import type { Deadline } from './deadlines';
import { HumanHelpTexts, humanHelpTexts } from './human-help-texts';
import { JAPANESE, JAPANESE_BEFORE_PROFILE } from './language';
import type { TextMessage } from './line-messages';
import type { ConsultationPhase, ResidentEvent, StaffRef } from './messages';
import type { OnboardingStep } from './onboarding';

export type RequestReason = 'menu' | 'nudge' | 'risk' | 'reservation';

export interface ConsultationState {
  phase: ConsultationPhase;
  step: OnboardingStep;
  staff?: StaffRef;
  /** A request for a person made outside hours: when it joins the queue, and when it was made. */
  reservation?: { at: number; requestedAt: number; reason: RequestReason };
  deadlines: Deadline[];
  highestRisk: RiskLevel;
  /** The case was flagged for staff review (a passive wish) in this consultation. */
  reviewFlagged: boolean;
  turns: number;
  nudges: { offersMs: number[]; turnsSinceLastOffer: number; lastRefusalMs?: number; offeredTopics: string[] };
  /** An open consent question or details being given (workflows/consent/consent-flow.ts). */
  consent?: ConsentState;
  closeRequested: boolean;
}

export type StaffEvent =
  | { kind: 'person-requested'; reason: RequestReason; atMs?: number }
  | { kind: 'claimed'; by: StaffRef }
  | { kind: 'released' }
  | { kind: 'transferred'; to: StaffRef }
  | { kind: 'close-requested' }
  | { kind: 'opening-reached'; at: number }
  | { kind: 'pickup-overdue' };

export type Effect =
  | { kind: 'enter-queue'; waitingSince: number; reason: RequestReason }
  | { kind: 'reserve'; at: number; reason: RequestReason }
  | { kind: 'assign-staff'; staffId: string }
  | { kind: 'release-to-ai'; status: 'listening' | 'onboarding' }
  | { kind: 'alert-unclaimed' }
  /** Messages sent on their own (not part of an answer the caller composes). */
  | { kind: 'tell'; messages: TextMessage[] }
  | { kind: 'summarize' };

export interface Outcome {
  state: ConsultationState;
  effects: Effect[];
  /** What the resident is told, for the caller to put in its answer. */
  say: TextMessage[];
}

export interface Context {
  now: number;
  calendar: BusinessCalendar;
  staffPickupMs: number;
  /** What the resident is told, in their language (Japanese when not given). */
  help?: HumanHelpTexts;
}

const JAPANESE_HELP = humanHelpTexts(JAPANESE_BEFORE_PROFILE, JAPANESE);

export const isOnboarded = (s: ConsultationState) => s.step.name === 'done';
export const personInvolved = (s: ConsultationState) => Boolean(s.staff || s.reservation || s.phase === 'waiting_for_staff');
/** Where a resident goes when no person is involved any more: a crisis before the terms goes back to the terms. */
export const phaseWithoutStaff = (s: ConsultationState): ConsultationPhase => (isOnboarded(s) ? 'listening' : s.step.name === 'declined' ? 'declined' : 'onboarding');

const withoutDeadlines = (s: ConsultationState, kinds: Deadline['kind'][]) => s.deadlines.filter((d) => !kinds.includes(d.kind));

function enterQueue(s: ConsultationState, waitingSince: number, reason: RequestReason, ctx: Context): Outcome {
  return {
    state: { ...s, phase: 'waiting_for_staff', reservation: undefined, deadlines: [...withoutDeadlines(s, ['opening']), { kind: 'pickup', at: ctx.now + ctx.staffPickupMs }] },
    effects: [{ kind: 'enter-queue', waitingSince, reason }],
    say: [],
  };
}

export function transition(s: ConsultationState, event: StaffEvent, ctx: Context): Outcome {
  const humanHelp = ctx.help ?? JAPANESE_HELP;
  const unchanged: Outcome = { state: s, effects: [], say: [] };
  switch (event.kind) {
    case 'person-requested': {
      if (personInvolved(s)) return { ...unchanged, say: event.reason === 'risk' ? [] : [humanHelp.alreadyRequested()] };
      const opening = nextOpening(ctx.now, ctx.calendar, { minRemainingMinutes: ctx.staffPickupMs / 60_000 });
      if (opening <= ctx.now) return { ...enterQueue(s, ctx.now, event.reason, ctx), say: [humanHelp.queued()] };
      const at = event.atMs && event.atMs >= opening ? event.atMs : opening;
      return {
        state: { ...s, reservation: { at, requestedAt: ctx.now, reason: event.reason }, deadlines: [...s.deadlines, { kind: 'opening', at }] },
        effects: [{ kind: 'reserve', at, reason: event.reason }],
        say: [humanHelp.reserved(at)],
      };
    }
    case 'opening-reached': {
      const res = s.reservation;
      if (!res || res.at !== event.at || s.phase === 'closed' || s.staff) return unchanged;
      const queued = enterQueue(s, res.requestedAt, res.reason, ctx);
      return { ...queued, effects: [...queued.effects, { kind: 'tell', messages: [humanHelp.opened()] }] };
    }
    case 'pickup-overdue':
      return s.phase === 'waiting_for_staff' ? { ...unchanged, effects: [{ kind: 'alert-unclaimed' }] } : unchanged;
    case 'claimed':
      return {
        state: { ...s, staff: event.by, reservation: undefined, phase: 'with_staff', deadlines: withoutDeadlines(s, ['opening', 'pickup']) },
        effects: [{ kind: 'assign-staff', staffId: event.by.staffId }, { kind: 'tell', messages: [humanHelp.joined(event.by.staffName)] }, { kind: 'summarize' }],
        say: [],
      };
    case 'released': {
      const next = { ...s, staff: undefined, phase: phaseWithoutStaff(s) };
      return {
        state: next,
        effects: [{ kind: 'release-to-ai', status: next.phase === 'listening' ? 'listening' : 'onboarding' }, { kind: 'tell', messages: [humanHelp.released()] }],
        say: [],
      };
    }
    case 'transferred':
      return { state: { ...s, staff: event.to }, effects: [{ kind: 'assign-staff', staffId: event.to.staffId }, { kind: 'tell', messages: [humanHelp.transferred(event.to.staffName)] }], say: [] };
    case 'close-requested':
      return { state: { ...s, closeRequested: true }, effects: [{ kind: 'tell', messages: [humanHelp.closedByStaff()] }], say: [] };
  }
}

/** Why a staff action is refused, checked before anything is recorded (update validators); undefined = allowed. */
export function refuseStaffAction(s: ConsultationState, action: { kind: 'claim'; staffId: string } | { kind: 'act'; staffId: string } | { kind: 'close' } | { kind: 'consent' }): string | undefined {
  const closed = s.phase === 'closed' || s.closeRequested;
  switch (action.kind) {
    case 'claim':
      // Before the terms (or after declining them) only a resident at risk is in the queue to claim.
      if (closed || ((s.phase === 'onboarding' || s.phase === 'declined') && !s.staff)) return `cannot claim a consultation in phase ${s.phase}`;
      if (s.staff && s.staff.staffId !== action.staffId) return 'another staff member has this consultation';
      return undefined;
    case 'act':
      return !s.staff || s.staff.staffId !== action.staffId ? 'only the staff member who has this consultation can do this' : undefined;
    case 'close':
      return closed ? 'already closed' : undefined;
    case 'consent':
      if (closed || !isOnboarded(s)) return `cannot ask for consent in phase ${s.phase}`;
      return s.consent ? 'another consent question is still open' : undefined;
  }
}

/** State carried across continue-as-new, so a long consultation keeps its place. */
export interface CarriedState extends Omit<ConsultationState, 'deadlines' | 'reviewFlagged' | 'closeRequested'> {
  pending: ResidentEvent[];
  seenEventIds: string[];
  /** Pending timers as data (absent in runs started before they were). */
  deadlines?: Deadline[];
  reviewFlagged?: boolean;
}

/** The state a run starts from: its previous run's, or a new consultation's (onboarding, until the profile says otherwise). */
export function stateFromCarried(carried: Partial<CarriedState>): ConsultationState {
  return {
    phase: carried.phase ?? 'onboarding',
    step: carried.step ?? { name: 'terms' },
    staff: carried.staff,
    reservation: carried.reservation,
    deadlines: [...(carried.deadlines ?? [])],
    highestRisk: carried.highestRisk ?? 'none',
    reviewFlagged: carried.reviewFlagged ?? false,
    turns: carried.turns ?? 0,
    nudges: carried.nudges ?? { offersMs: [], turnsSinceLastOffer: 0, offeredTopics: [] },
    consent: carried.consent,
    closeRequested: false,
  };
}

/** Runs carried over from before deadlines were data rebuild their timers from the state. */
export function rebuiltDeadlines(s: ConsultationState, carried: Partial<CarriedState>, ctx: { now: number; staffPickupMs: number }): Deadline[] {
  if (carried.deadlines) return s.deadlines;
  return [...s.deadlines, ...(s.reservation ? [{ kind: 'opening' as const, at: s.reservation.at }] : []), ...(s.phase === 'waiting_for_staff' ? [{ kind: 'pickup' as const, at: ctx.now + ctx.staffPickupMs }] : [])];
}
