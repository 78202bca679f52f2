import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Activities } from '../../activities';
import type { ListeningReply } from '../../activities/listening-activities';
import type { RiskAssessment } from '../../activities/risk-activities';
import { offlineListeningReply } from '../../activities/listening/offline-listener';
import { isOpen } from '../calendar/business-calendar';
import { calendarFromProfile, holidayYearsAround } from '../calendar/calendar-from-profile';
import { ConsultationStatus, ResidentCode, RiskLevel as RiskLevelAttribute } from '../search-attributes';
import { maxRisk } from '../safety/risk-levels';
import { carriesCrisisContent, planRiskResponse, RiskResponsePlan, safetyTexts } from '../safety/risk-response';
import type { ConversationSettings } from './conversation-settings';
import { decideNudge, NudgeDecision, nudgeDeclinedMessage, nudgeOfferMessage, nudgeReservedMessage, parseNudgePostback } from '../nudges/nudge-policy';
import { humanHelpTexts } from './human-help-texts';
import { languageChoices, localise } from './language';
import { fitInOneRequest, languageMenuMessage, linesListText, parsePostback, text, TextMessage } from './line-messages';
import {
  claimUpdate,
  closeByStaffUpdate,
  ConsultationPhase,
  consultationViewQuery,
  releaseUpdate,
  requestConsentUpdate,
  ResidentEvent,
  residentEventSignal,
  staffMessageUpdate,
  transferUpdate,
} from './messages';
import { describeStep, initialStep, onboardingTransition } from './onboarding';
import { asksForLanguageMenu, asksForPerson } from './person-request';
import { Deadline, survivesClose, takeDue, waitBudget } from './deadlines';
import { ConsultationState, Effect, isOnboarded, personInvolved, refuseStaffAction, RequestReason, StaffEvent, transition } from './consultation-state';
import { ConsentOutcome, ConsentState, consentTransition, isWithdrawal, startConsent } from '../consent/consent-flow';
import { referralWithdrawSignal, referralWorkflowId } from '../referral/messages';
import { referralWorkflow } from '../referral/referral-workflow';
import { CheckInAnswer, isCheckInStopWord, parseCheckInPostback } from '../check-ins/check-in-policy';
import { parseScalePostback, ScalePostback } from '../outcomes/scales';
import { parseSatisfactionPostback, SatisfactionAnswer, satisfactionQuestion, satisfactionThanks, shouldAskSatisfaction } from '../outcomes/satisfaction';

// No activity failure may end a consultation. The database and alerts are retried without limit
// (short capped back-off, so an alert goes out soon after the database is back); the model falls back
// to the offline listener; a LINE send is given up after the profile's minutes and recorded undelivered.
const db = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumInterval: '5 seconds' } });
const lineBestEffort = proxyActivities<Activities>({ startToCloseTimeout: '5 seconds', retry: { maximumAttempts: 1 } });
// The listening activity falls back to the offline listener by itself; the workflow catches the rest.
const listener = proxyActivities<Activities>({ startToCloseTimeout: '45 seconds', retry: { maximumAttempts: 2 } });
// Risk is assessed by rules even when the model is down, so this activity is retried like the database.
const safety = proxyActivities<Activities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '5 seconds' } });
const alerts = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '10 seconds' } });
const DEFAULT_UNDELIVERED_AFTER_MS = 10 * 60_000;
const BACKGROUND_GRACE_MS = 60_000;

/** State carried across continue-as-new, so a long consultation keeps its place. */
export interface CarriedState extends Omit<ConsultationState, 'deadlines' | 'reviewFlagged' | 'closeRequested'> {
  pending: ResidentEvent[];
  seenEventIds: string[];
  /** Pending timers as data (absent in runs started before they were). */
  deadlines?: Deadline[];
  reviewFlagged?: boolean;
}

export interface ConsultationInput {
  residentId: string;
  /** The state of this consultation's previous run, or only `pending`/`seenEventIds` for a new one. */
  carried?: Partial<CarriedState>;
  /** History length that triggers continue-as-new (the server also suggests it); lowered in tests. */
  historyLimit?: number;
}

const SEEN_IDS_KEPT = 500;
const DEFAULT_HISTORY_LIMIT = 5_000;
// A burst is answered once: wait for the resident to pause, but never past this, so the reply token stays usable.
const MAX_BURST_WAIT_FACTOR = 3;

const TOPIC_NUDGE_AFTER_TURNS = 3;
/** Far enough back for the weekly cap and any sensible refusal cooldown. */
const NUDGE_HISTORY_MS = 8 * 24 * 3_600_000;

type TextEvent = ResidentEvent & { kind: 'text' };

const latest = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));

export async function consultationWorkflow(input: ConsultationInput): Promise<{ closed: string }> {
  const { residentId } = input;
  const carried = input.carried ?? {};
  const queue: ResidentEvent[] = [...(carried.pending ?? [])];
  const seen: string[] = [...(carried.seenEventIds ?? [])];
  // Duplicate deliveries (LINE redelivery, a relay retried after a crash) are dropped here.
  setHandler(residentEventSignal, (event) => {
    if (seen.includes(event.eventId)) return;
    seen.push(event.eventId);
    if (seen.length > SEEN_IDS_KEPT) seen.splice(0, seen.length - SEEN_IDS_KEPT);
    queue.push(event);
  });

  // Registered before the first activity, so a query never meets a workflow without its handler.
  let consultationId: string | undefined;
  // The entity's state (workflows/consultation/consultation-state.ts); `step` is set once the profile is loaded.
  let s: ConsultationState = {
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
  let started = Boolean(carried.step);
  /** The latest resident event, whose reply token staff and status messages use while it is fresh. */
  let lastEvent: ResidentEvent | undefined;
  setHandler(consultationViewQuery, () => ({
    consultationId,
    phase: s.phase,
    staffId: s.staff?.staffId,
    reservedFor: s.reservation?.at,
    onboardingStep: started ? describeStep(s.step) : 'starting',
    turns: s.turns,
    pendingEvents: queue.length,
  }));

  // Every state change (the main loop's turns and the staff updates) runs under this lock, so a claim
  // never lands in the middle of an AI turn and the AI never answers after staff took the case.
  const mutex = new Mutex();
  // Activities started in the background (on-call mail, escalations): awaited before the run ends.
  const background = new Set<Promise<unknown>>();
  const inBackground = (work: () => Promise<unknown>) => {
    const run = work()
      .catch((err) => log.warn('background activity gave up', { error: String(err) }))
      .finally(() => background.delete(run));
    background.add(run);
  };

  const settings: ConversationSettings = await db.loadConversationSettings();
  const calendar = calendarFromProfile(settings.businessHours, await db.listJapaneseHolidays(holidayYearsAround(Date.now())));
  const opened = await db.openConsultation({ residentId, workflowId: workflowInfo().workflowId });
  consultationId = opened.consultationId;
  if (!started) {
    const step = initialStep(settings, opened.resident);
    s = { ...s, step, phase: step.name === 'done' ? 'listening' : 'onboarding' };
    started = true;
  }
  upsertSearchAttributes([
    { key: ResidentCode, value: opened.resident.code },
    { key: ConsultationStatus, value: s.phase },
  ] as never);
  // Runs carried over from before deadlines were data rebuild their timers from the state.
  if (!carried.deadlines) {
    if (s.reservation) s.deadlines.push({ kind: 'opening', at: s.reservation.at });
    if (s.phase === 'waiting_for_staff') s.deadlines.push({ kind: 'pickup', at: Date.now() + settings.staffPickupMs });
  }
  const onboarded = () => isOnboarded(s);
  // Offers and a refusal in the resident's earlier consultations count toward this one's caps and cooldown.
  const earlierNudges = patched('resident-nudge-history')
    ? await db.loadResidentNudgeHistory({ residentId, excludeConsultationId: opened.consultationId, sinceMs: Date.now() - NUDGE_HISTORY_MS })
    : { offersMs: [] };
  // The resident's language rides on each event (the relay resolves it); what the resident is told
  // follows the latest event, and Japanese before any (or in runs from before languages).
  const local = () => localise(settings, lastEvent && 'language' in lastEvent ? lastEvent.language : undefined);

  // LINE 429/5xx are retried with back-off (the send is keyed, so a retry never reaches the resident
  // twice) until the profile's minutes have passed; then the message is recorded as undelivered.
  const line = proxyActivities<Activities>({
    startToCloseTimeout: '20 seconds',
    // Sends heartbeat every second: a worker that dies mid-send is noticed in seconds, not after 20.
    heartbeatTimeout: '5 seconds',
    scheduleToCloseTimeout: settings.undeliveredAfterMs ?? DEFAULT_UNDELIVERED_AFTER_MS,
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });

  type SendOptions = { reply?: ListeningReply; staffId?: string; sendKey?: string; crisis?: RiskAssessment };
  const sendInput = (messages: TextMessage[], replyTo: ResidentEvent | undefined, sender: 'ai' | 'system' | 'staff', options: SendOptions & { sendKey: string }) => ({
    sendKey: options.sendKey,
    consultationId: consultationId as string,
    residentId,
    messages: fitInOneRequest(messages),
    replyToken: replyTo && 'replyToken' in replyTo ? replyTo.replyToken : undefined,
    replyTokenIssuedAt: replyTo?.timestamp,
    sender,
    staffId: options.staffId,
    answeredBy: options.reply?.answeredBy,
    usage: options.reply && { promptTokens: options.reply.promptTokens, completionTokens: options.reply.completionTokens },
  });

  const send = async (
    messages: TextMessage[],
    replyTo: ResidentEvent | undefined,
    sender: 'ai' | 'system' | 'staff',
    options: SendOptions = {},
  ): Promise<{ status: string }> => {
    const sendKey = options.sendKey ?? uuid4();
    try {
      return await line.sendToResident(sendInput(messages, replyTo, sender, { ...options, sendKey }));
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // The consultation goes on; staff see the message marked failed, and crisis content alerts them.
      await db.markUndelivered({ sendKey, error: 'LINE did not accept the message before the profile’s undelivered minutes' });
      if (options.crisis) await raiseAlert('undelivered', options.crisis);
      return { status: 'failed' };
    }
  };

  // Staff actions return once their state change is recorded: what they say to the resident is
  // recorded as 送信中 (pending) first, then sent after the update has returned, one message at a
  // time in the order staff acted, so LINE retries never hold a staff member's request.
  let outbox: Promise<unknown> = Promise.resolve();
  const deliveries = new Set<Promise<unknown>>();
  const sendAfterAck = async (messages: TextMessage[], replyTo: ResidentEvent | undefined, sender: 'system' | 'staff', options: SendOptions = {}) => {
    const sendKey = options.sendKey ?? uuid4();
    await db.recordOutgoing(sendInput(messages, replyTo, sender, { ...options, sendKey }));
    const delivery = outbox
      .then(() => send(messages, replyTo, sender, { ...options, sendKey }))
      .catch((err) => log.error('a staff-side send failed', { error: String(err) }))
      .finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
    outbox = delivery;
  };
  /** A staff action's message: after the update returns (new runs), or within it (histories recorded before). */
  const staffSend = (messages: TextMessage[], sender: 'system' | 'staff', options: SendOptions = {}) =>
    patched('staff-send-after-ack') ? sendAfterAck(messages, lastEvent, sender, options).then(() => ({ status: 'pending' })) : send(messages, lastEvent, sender, options);

  const setPhase = async (next: ConsultationPhase) => {
    if (next === s.phase) return;
    s = { ...s, phase: next };
    upsertSearchAttributes([{ key: ConsultationStatus, value: next }] as never);
    if (next === 'listening' || next === 'onboarding') await db.setConsultationStatus({ consultationId: consultationId as string, status: next });
  };

  // ---- Alerts: recorded before any answer; mail leaves in the background; escalation is a deadline ----

  const raiseAlert = async (kind: 'crisis' | 'review' | 'undelivered', risk: RiskAssessment) => {
    const alertId = uuid4();
    const open = isOpen(Date.now(), calendar);
    // During business hours staff see it on the dashboard; outside them the on-call channel hears of it.
    const channel = open || kind === 'review' ? 'dashboard' : 'on-call';
    await alerts.raiseAlert({ alertId, consultationId: consultationId as string, kind, level: risk.level, categories: risk.categories, channel });
    if (channel === 'on-call') inBackground(() => alerts.notifyOnCall({ alertId }));
    return alertId;
  };

  // ---- Human help: the entity's transitions, carried out here ----

  /** `afterAck`: carried out for a staff action, whose resident-facing work runs after the update returns. */
  const perform = async (effect: Effect, afterAck = false) => {
    const id = consultationId as string;
    switch (effect.kind) {
      case 'enter-queue':
        upsertSearchAttributes([{ key: ConsultationStatus, value: 'waiting_for_staff' }] as never);
        return void (await db.enterQueue({ consultationId: id, waitingSince: effect.waitingSince, reason: effect.reason }));
      case 'reserve':
        return db.reserveStaffTime({ consultationId: id, reservedFor: effect.at, reason: effect.reason });
      case 'assign-staff':
        upsertSearchAttributes([{ key: ConsultationStatus, value: 'with_staff' }] as never);
        return db.assignStaff({ consultationId: id, staffId: effect.staffId });
      case 'release-to-ai':
        upsertSearchAttributes([{ key: ConsultationStatus, value: s.phase }] as never);
        await db.releaseToAi({ consultationId: id });
        // A resident who reached staff in a crisis before the terms goes back to the terms, not to the AI.
        if (effect.status !== 'listening') await db.setConsultationStatus({ consultationId: id, status: effect.status });
        return;
      case 'alert-unclaimed': {
        const alertId = uuid4();
        await alerts.raiseAlert({ alertId, consultationId: id, kind: 'unclaimed', level: s.highestRisk, categories: [], channel: 'dashboard' });
        return inBackground(() => alerts.alertSupervisors({ alertId }));
      }
      case 'tell':
        // The latest event's reply token while it is fresh; the send pushes once it is not.
        return void (await (afterAck ? staffSend(effect.messages, 'system') : send(effect.messages, lastEvent, 'system')));
      case 'summarize': {
        // A summary is a help, not a condition: the model or the database failing leaves it empty.
        const summarize = () => listener.summarizeForHandover({ consultationId: id }).catch(() => undefined);
        if (afterAck && patched('staff-send-after-ack')) return inBackground(summarize);
        return void (await summarize());
      }
    }
  };

  /** Applies one event to the entity and carries out its effects; returns what the resident is to be told. */
  const apply = async (event: StaffEvent, afterAck = false): Promise<TextMessage[]> => {
    const say = local();
    const outcome = transition(s, event, { now: Date.now(), calendar, staffPickupMs: settings.staffPickupMs, help: humanHelpTexts(say.texts, say.language) });
    s = outcome.state;
    for (const effect of outcome.effects) await perform(effect, afterAck);
    return outcome.say;
  };

  const requestPerson = (reason: RequestReason, atMs?: number) => apply({ kind: 'person-requested', reason, atMs });

  /** What a due deadline does. Mail goes out in the background: a mail server down never holds up a turn. */
  const onDeadline = async (deadline: Deadline) => {
    if (deadline.kind === 'escalate') {
      const onCall = !isOpen(Date.now(), calendar);
      inBackground(() => alerts.escalateAlert({ alertId: deadline.alertId, onCall }));
    } else if (deadline.kind === 'pickup') {
      await apply({ kind: 'pickup-overdue' });
    } else if (deadline.kind === 'opening') {
      await apply({ kind: 'opening-reached', at: deadline.at });
    }
  };

  const runDueDeadlines = async () => {
    const { due, ahead } = takeDue(s.deadlines, Date.now());
    s = { ...s, deadlines: ahead };
    for (const deadline of due) await onDeadline(deadline);
  };

  // ---- Staff actions (updates): validators run before anything is recorded, bodies under the lock ----

  const refuse = (reason: string | undefined) => {
    if (reason) throw new Error(reason);
  };

  setHandler(claimUpdate, (by) => mutex.runExclusive(async () => void (await apply({ kind: 'claimed', by }, true))), {
    validator: (by) => refuse(refuseStaffAction(s, { kind: 'claim', staffId: by.staffId })),
  });

  setHandler(
    staffMessageUpdate,
    (msg) =>
      mutex.runExclusive(async () => {
        // The client's id makes the send key: a double click or a retried request sends once.
        const outcome = await staffSend([text(msg.text)], 'staff', { staffId: msg.staffId, sendKey: `staff-${msg.clientMessageId}` });
        await db.markFirstStaffReply({ consultationId: consultationId as string });
        return { status: outcome.status };
      }),
    {
      validator: (msg) => {
        refuse(refuseStaffAction(s, { kind: 'act', staffId: msg.staffId }));
        if (!msg.text.trim()) throw new Error('empty message');
      },
    },
  );

  setHandler(releaseUpdate, () => mutex.runExclusive(async () => void (await apply({ kind: 'released' }, true))), {
    validator: (by) => refuse(refuseStaffAction(s, { kind: 'act', staffId: by.staffId })),
  });

  setHandler(transferUpdate, ({ to }) => mutex.runExclusive(async () => void (await apply({ kind: 'transferred', to }, true))), {
    validator: (t) => refuse(refuseStaffAction(s, { kind: 'act', staffId: t.fromStaffId })),
  });

  setHandler(closeByStaffUpdate, (_by) => mutex.runExclusive(async () => void (await apply({ kind: 'close-requested' }, true))), {
    validator: (_by) => refuse(refuseStaffAction(s, { kind: 'close' })),
  });

  // ---- Consent, personal details and referrals (workflows/consent/, workflows/referral/) ----

  setHandler(
    requestConsentUpdate,
    ({ staffId, ...request }) =>
      mutex.runExclusive(async () => {
        const asked = startConsent(request);
        s = { ...s, consent: asked.state };
        await db.recordConsentAsked({ ...request, residentId, consultationId: consultationId as string, staffId });
        await staffSend(asked.send, 'system');
      }),
    { validator: (_request) => refuse(refuseStaffAction(s, { kind: 'consent' })) },
  );

  type ConsentTurn = { kind: 'withdraw' } | { kind: 'flow'; outcome: ConsentOutcome };
  /** Decided before the event is recorded: details being given are recorded as a placeholder only. */
  const consentTurnFor = (event: ResidentEvent): ConsentTurn | undefined => {
    if (!onboarded() || (event.kind !== 'text' && event.kind !== 'postback')) return undefined;
    if (isWithdrawal(event)) return { kind: 'withdraw' };
    const outcome = s.consent && consentTransition(s.consent, event);
    return outcome ? { kind: 'flow', outcome } : undefined;
  };

  /** Carries out a consent step; returns what the resident is told. */
  const consentTurn = async (turn: ConsentTurn): Promise<TextMessage[]> => {
    if (turn.kind === 'withdraw') {
      s = { ...s, consent: undefined };
      const withdrawn = await db.withdrawConsents({ residentId });
      // Each sent referral stops in its own workflow; one that already ended has nothing to stop.
      for (const id of withdrawn.activeReferralIds) await getExternalWorkflowHandle(referralWorkflowId(id)).signal(referralWithdrawSignal).catch(() => undefined);
      const message = withdrawn.consents > 0 ? '同意を取り消しました。お預かりしていた情報は削除し、これ以上使いません。相談はこのまま続けられます。' : '取り消す同意はありません。相談はこのまま続けられます。';
      return [text(message)];
    }
    const request = (s.consent as ConsentState).request;
    s = { ...s, consent: turn.outcome.state };
    const ids = { consentId: request.consentId, referralId: request.referralId };
    for (const record of turn.outcome.records) {
      if (record.kind === 'decision') await db.recordConsentDecision({ ...ids, decision: record.decision });
      // The value travels only in (encrypted) activity input and is stored encrypted.
      if (record.kind === 'detail') await db.storePersonalDetail({ ...ids, residentId, field: record.field, value: record.value });
      if (record.kind === 'forget') await db.forgetPersonalDetail({ ...ids, field: record.field });
      if (record.kind === 'stop') await db.stopConsent(ids);
      if (record.kind === 'complete' && record.given.length === 0) await db.stopConsent(ids);
      if (record.kind === 'complete' && record.given.length > 0) {
        await startChild(referralWorkflow, {
          workflowId: referralWorkflowId(request.referralId),
          args: [{ referralId: request.referralId, residentId, consultationId: consultationId as string, parentWorkflowId: workflowInfo().workflowId }],
          // A partner may answer after this consultation has closed: the referral lives on.
          parentClosePolicy: 'ABANDON',
        });
      }
    }
    return turn.outcome.send;
  };

  // ---- Safety: every resident text, every phase; the alert before any answer ----

  interface SafetyOutcome {
    risk: RiskAssessment;
    plan: RiskResponsePlan;
    /** Emergency guidance, sent before the answer. */
    first: TextMessage[];
    /** Crisis lines and the person offered, sent after the answer. */
    after: TextMessage[];
  }

  const assessAndAlert = async (burst: TextEvent[], options: { rulesOnly?: boolean } = {}): Promise<SafetyOutcome> => {
    // An earlier high message raises the baseline for what follows in this consultation.
    const risk = await safety.assessRisk({
      assessmentId: uuid4(),
      consultationId: consultationId as string,
      eventIds: burst.map((e) => e.eventId),
      texts: burst.map((e) => e.text),
      baseline: s.highestRisk,
      rulesOnly: options.rulesOnly,
    });
    return respondToRisk(risk);
  };

  /** Raises the consultation's risk (never lowers it), alerts, and composes the safety messages. */
  const respondToRisk = async (risk: RiskAssessment): Promise<SafetyOutcome> => {
    s = { ...s, highestRisk: maxRisk(s.highestRisk, risk.level) };
    upsertSearchAttributes([{ key: RiskLevelAttribute, value: s.highestRisk }] as never);
    const plan = planRiskResponse(risk.level);
    if (plan.alert === 'urgent') {
      const alertId = await raiseAlert('crisis', risk);
      if (plan.escalateIfUnacknowledged) s = { ...s, deadlines: [...s.deadlines, { kind: 'escalate', at: Date.now() + settings.crisisAckMs, alertId }] };
    } else if (plan.alert === 'review' && !s.reviewFlagged) {
      s = { ...s, reviewFlagged: true };
      await raiseAlert('review', risk);
    }
    const person = plan.offerPerson && s.phase !== 'with_staff' ? await requestPerson('risk') : [];
    const say = local();
    const texts = safetyTexts(plan, risk.categories, say, say.texts);
    return { risk, plan, first: texts.first.map(text), after: [...texts.after.map(text), ...person] };
  };

  /** A reply from the model or, when it cannot answer at all, the offline listener here in the workflow. */
  const composeReply = async (burst: TextEvent[], risk: RiskAssessment): Promise<ListeningReply> => {
    const last = burst[burst.length - 1];
    try {
      return await listener.composeListeningReply({ consultationId: consultationId as string, replyDeadline: last.timestamp + settings.replyTokenMaxAgeMs, riskLevel: risk.level, language: local().language });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const say = local();
      return { text: offlineListeningReply({ residentText: burst.map((e) => e.text).join('\n'), turn: s.turns + 1, language: say.language, texts: say.texts }), answeredBy: 'fallback' };
    }
  };

  // ---- Nudges toward a person ----

  const nudgeFor = (risk: RiskAssessment, replyable: boolean): NudgeDecision => {
    const state = {
      consultationOffersMs: s.nudges.offersMs,
      residentOffersMs: [...earlierNudges.offersMs, ...s.nudges.offersMs],
      turnsSinceLastOffer: s.nudges.turnsSinceLastOffer,
      lastRefusalMs: latest(earlierNudges.lastRefusalMs, s.nudges.lastRefusalMs),
      personRequested: personInvolved(s),
      contactConsent: false,
      peakRiskLevel: s.highestRisk,
      offeredTopics: s.nudges.offeredTopics,
    };
    // A partner's topic is mentioned only once the resident has had room to talk, not on the first answer.
    const topic = s.turns >= TOPIC_NUDGE_AFTER_TURNS ? opened.resident.intake.topic : undefined;
    const triggers = [
      { kind: 'risk' as const, level: risk.level, replyable },
      ...(topic ? [{ kind: 'topic' as const, topics: [topic], replyable }] : []),
      { kind: 'turn' as const, replyable },
    ];
    for (const trigger of triggers) {
      const decision = decideNudge(state, trigger, settings.nudges, Date.now(), calendar);
      if (decision.kind === 'offer' && decision.deliverAt === undefined) return decision;
    }
    return { kind: 'none', reason: 'not-enough-turns' };
  };

  // ---- Caring check-ins: the resident's timer lives in its own workflow, woken or started from here ----

  const wakeCheckIns = () => db.wakeCheckIns({ residentId });

  /** Consent answers, withdrawal, and the answers to a check-in (a person, or the AI). */
  const checkInTurn = async (answer: CheckInAnswer, event: ResidentEvent, guard?: SafetyOutcome): Promise<boolean> => {
    const outcome = await db.answerCheckIn({ residentId, answer, typed: guard !== undefined });
    if (!outcome) return false;
    if (outcome.wake) await wakeCheckIns();
    const messages = answer === 'person' ? await requestPerson('nudge') : answer === 'ai' ? [humanHelpTexts(local().texts, local().language).aiHere()] : outcome.messages;
    await send([...(guard?.first ?? []), ...messages, ...(guard?.after ?? [])], event, 'system', { crisis: guard && crisisOf(guard) });
    return true;
  };

  // ---- The closing question 「相談してよかったですか」: optional, never a gate (workflows/outcomes/satisfaction.ts) ----

  const satisfactionTexts = () => settings.satisfaction && (settings.satisfaction.texts[local().language] ?? settings.satisfaction.texts.ja);
  /** Set by a tap on 「ひとこと書く」: the resident's very next message is their comment. */
  let commentFor: string | undefined;

  /** Pushed once per consultation (a fixed send key), after the closing words. */
  const askSatisfaction = async () => {
    const texts = satisfactionTexts();
    if (!texts) return;
    await db.recordSatisfactionAsked({ consultationId: consultationId as string, residentId });
    await send([satisfactionQuestion(texts, consultationId as string)], undefined, 'system', { sendKey: `satisfaction-${consultationId}` });
  };

  /** A tap on the question (it arrives in the next consultation's run): the score, or the wish to write. */
  const satisfactionTurn = async (answer: SatisfactionAnswer, event: ResidentEvent) => {
    const texts = satisfactionTexts();
    if (!texts) return;
    if (answer.kind === 'comment') {
      commentFor = answer.consultationId;
      return void (await send([text(texts.satisfactionCommentPrompt)], event, 'system'));
    }
    // A tap naming a consultation this resident was not asked in is ignored.
    if (await db.answerSatisfaction({ consultationId: answer.consultationId, residentId, score: answer.score })) {
      await send([satisfactionThanks(texts, answer.consultationId)], event, 'system');
    }
  };

  /** The comment: risk-assessed like every text (safety first), stored, thanked; the AI does not answer it. */
  const commentTurn = async (event: TextEvent, forConsultation: string) => {
    const guard = await assessAndAlert([event]);
    await db.recordSatisfactionComment({ consultationId: forConsultation, residentId, comment: event.text });
    const thanks = satisfactionTexts()?.satisfactionCommentThanks ?? '';
    await send([...guard.first, ...(thanks ? [text(thanks)] : []), ...guard.after], event, 'system', { crisis: crisisOf(guard) });
  };

  /**
   * A tap on an outcome scale (UCLA-3, K6): recorded, then the next item. High K6 answers feed the risk
   * check like a message would (raise to low: lines and staff review), before the next item is sent.
   */
  const scaleTurn = async (answer: ScalePostback, event: ResidentEvent) => {
    const outcome = await db.answerScale({ residentId, consultationId: consultationId as string, answer });
    const guard = outcome.risk === 'none' ? undefined : await respondToRisk({ level: outcome.risk, categories: [], decidedBy: 'rules' });
    const messages = [...(guard?.first ?? []), ...outcome.messages, ...(guard?.after ?? [])];
    if (messages.length > 0) await send(messages, event, 'system', { crisis: guard && crisisOf(guard) });
  };

  const recordNudge = (event: 'offered' | 'accepted' | 'declined' | 'reserved', trigger?: string) =>
    db.recordNudgeEvent({ id: uuid4(), consultationId: consultationId as string, event, trigger });

  // ---- The turns ----

  /** Takes the text messages that follow the first one, waiting for a pause in the resident's typing. */
  const collectBurst = async (first: TextEvent) => {
    const burst = [first];
    const deadline = Date.now() + settings.debounceMs * MAX_BURST_WAIT_FACTOR;
    while (settings.debounceMs > 0) {
      const wait = Math.min(settings.debounceMs, deadline - Date.now());
      if (wait <= 0) break;
      const more = await condition(() => queue.length > 0 && queue[0].kind === 'text', wait);
      if (!more) break;
      while (queue.length > 0 && queue[0].kind === 'text') {
        const next = queue.shift() as TextEvent;
        burst.push(next);
        lastEvent = next;
        await db.recordInboundEvents({ consultationId: consultationId as string, residentId, events: [next] });
      }
    }
    return burst;
  };

  const aiTurn = async (event: TextEvent) => {
    const burst = await collectBurst(event);
    const last = burst[burst.length - 1];
    void lineBestEffort.showLoadingAnimation({ residentId }).catch(() => undefined);
    const guard = await assessAndAlert(burst);
    // A typed 「やめて」 withdraws the check-in consent (when there is one; otherwise it is conversation).
    if (burst.length === 1 && isCheckInStopWord(last.text) && patched('check-in-stop-word') && (await checkInTurn('stop', last, guard))) return;
    // A typed 「スタッフと話したい」 is the staff button (unless risk already asked for a person).
    if (!guard.plan.offerPerson && burst.some((e) => asksForPerson(e.text))) {
      return void (await send([...guard.first, ...(await requestPerson('menu')), ...guard.after], last, 'system', { crisis: crisisOf(guard) }));
    }
    const reply = await composeReply(burst, guard.risk);
    s = { ...s, turns: s.turns + 1, nudges: { ...s.nudges, turnsSinceLastOffer: s.nudges.turnsSinceLastOffer + 1 } };
    const nudge = guard.plan.offerPerson ? undefined : nudgeFor(guard.risk, true);
    // Emergency guidance and crisis lines come from the profile, never the model.
    await send([...guard.first, text(reply.text), ...guard.after, ...(nudge?.kind === 'offer' ? [nudgeOfferMessage(nudge)] : [])], last, 'ai', { reply, crisis: crisisOf(guard) });
    if (nudge?.kind === 'offer') {
      s = {
        ...s,
        nudges: { ...s.nudges, offersMs: [...s.nudges.offersMs, Date.now()], turnsSinceLastOffer: 0, offeredTopics: [...s.nudges.offeredTopics, ...(nudge.matchedTopics ?? [])] },
      };
      await recordNudge('offered', nudge.trigger);
    }
  };

  const crisisOf = (guard: SafetyOutcome) => (carriesCrisisContent(guard.plan) ? guard.risk : undefined);

  /** With staff the AI is silent: staff see the message and the alert; only emergency guidance goes out at once. */
  const staffTurn = async (event: TextEvent) => {
    const guard = await assessAndAlert([event]);
    if (guard.first.length > 0) await send(guard.first, event, 'system', { crisis: guard.risk });
  };

  /** Before the terms are agreed (or after declining them): the step's question, with safety first when needed. */
  const onboardingTurn = async (event: ResidentEvent) => {
    const guard = event.kind === 'text' ? await assessAndAlert([event]) : undefined;
    const say = local();
    const outcome = onboardingTransition(say, s.step, event);
    if (outcome.record?.terms) await db.recordTermsDecision({ residentId, version: settings.termsVersion, decision: outcome.record.terms });
    if (outcome.record?.intake) {
      await db.recordIntakeAnswer({ residentId, ...outcome.record.intake });
      opened.resident.intake[outcome.record.intake.questionId] = outcome.record.intake.value;
    }
    s = { ...s, step: outcome.step };
    const atRisk = guard && guard.plan.alert !== 'none';
    // The optional scales follow the last intake answer when the city asks them (never at a risky moment).
    const intakeDone = outcome.record?.intake !== undefined && outcome.step.name === 'done' && !atRisk && settings.scalesAtIntake === true;
    const scales = intakeDone && patched('outcome-scales-at-intake') ? await db.startScale({ residentId, consultationId: consultationId as string, scale: 'ucla3', occasion: 'intake' }) : [];
    // The model is not used before the terms: a fixed acknowledgement, the lines, then the step's question again.
    const messages = atRisk ? [...guard.first, text(say.texts.safetyAcknowledgement), ...guard.after, ...outcome.send.filter((m) => m.quickReply)] : [...outcome.send, ...scales];
    await send(messages, event, 'system', { crisis: guard && crisisOf(guard) });
    if (s.phase === 'waiting_for_staff' || s.phase === 'with_staff') return;
    if (s.step.name === 'declined') await setPhase('declined');
    else if (s.step.name === 'done') await setPhase('listening');
    else if (s.phase === 'declined') s = { ...s, phase: 'onboarding' };
  };

  const postbackTurn = async (event: ResidentEvent & { kind: 'postback' }) => {
    const data = parsePostback(event.data);
    const nudgeAnswer = parseNudgePostback(event.data);
    const checkInAnswer = parseCheckInPostback(event.data);
    if (checkInAnswer && patched('check-in-answers')) return void (await checkInTurn(checkInAnswer, event));
    const satisfaction = parseSatisfactionPostback(event.data);
    if (satisfaction && patched('satisfaction-answers')) return void (await satisfactionTurn(satisfaction, event));
    const scaleAnswer = parseScalePostback(event.data);
    if (scaleAnswer && patched('outcome-scale-answers')) return void (await scaleTurn(scaleAnswer, event));
    if (data.menu === 'staff') return void (await send(await requestPerson('menu'), event, 'system'));
    const say = local();
    const help = humanHelpTexts(say.texts, say.language);
    if (data.menu === 'ai') return void (await send([s.staff ? help.alreadyRequested() : help.aiHere()], event, 'system'));
    if (data.menu === 'lines') return void (await send([text(linesListText(say.consultationLines))], event, 'system'));
    if (data.menu === 'terms') return void (await send([text(say.termsText)], event, 'system'));
    // The relay stored the choice and the event carries it: the answer is already in the new language.
    if (data.menu === 'language') return void (await send([languageMenuMessage(say.texts.languagePrompt, languageChoices(settings))], event, 'system'));
    if (data.lang) return void (await send([text(say.texts.languageChanged)], event, 'system'));
    if (nudgeAnswer?.action === 'accept') {
      await recordNudge('accepted');
      return void (await send(await requestPerson('nudge'), event, 'system'));
    }
    if (nudgeAnswer?.action === 'decline') {
      s = { ...s, nudges: { ...s.nudges, lastRefusalMs: Date.now() } };
      await recordNudge('declined');
      return void (await send([nudgeDeclinedMessage()], event, 'system'));
    }
    if (nudgeAnswer?.action === 'reserve') {
      await recordNudge('reserved');
      const reply = await requestPerson('reservation', nudgeAnswer.atMs);
      return void (await send(s.reservation ? [nudgeReservedMessage(s.reservation.at)] : reply, event, 'system'));
    }
  };

  /** One resident event, whatever the phase. */
  const residentTurn = async (event: ResidentEvent) => {
    lastEvent = event;
    // Only the message right after the 「ひとこと書く」 tap is a comment.
    const comment = commentFor;
    commentFor = undefined;
    // Decided on arrival: a message written to staff stays theirs even if they hand back while it is recorded.
    const forStaff = s.phase === 'with_staff';
    const consentAnswer = consentTurnFor(event);
    const placeholder = consentAnswer?.kind === 'flow' ? consentAnswer.outcome.placeholder : undefined;
    await db.recordInboundEvents({ consultationId: consultationId as string, residentId, events: [placeholder && event.kind === 'text' ? { ...event, text: placeholder } : event] });
    if (event.kind === 'unfollow') return 'unfollowed' as const;
    if (consentAnswer) {
      // Assessed in memory by the rules alone: the value is never stored in clear nor sent to the model.
      const guard = event.kind === 'text' ? await assessAndAlert([event], { rulesOnly: placeholder !== undefined }) : undefined;
      const reply = await consentTurn(consentAnswer);
      return void (await send([...(guard?.first ?? []), ...reply, ...(guard?.after ?? [])], event, 'system', { crisis: guard && crisisOf(guard) }));
    }
    if (forStaff) return event.kind === 'text' ? staffTurn(event) : event.kind === 'postback' ? postbackTurn(event) : undefined;
    if (!onboarded()) return onboardingTurn(event);
    if (event.kind === 'postback') return postbackTurn(event);
    if (event.kind === 'media') return void (await send([text(local().texts.nonTextReply)], event, 'system'));
    if (event.kind === 'follow') return void (await send([text(local().texts.greeting), text(local().texts.invitation)], event, 'system'));
    if (event.kind === 'text' && comment) return commentTurn(event, comment);
    if (event.kind === 'text' && asksForLanguageMenu(event.text)) return void (await send([languageMenuMessage(local().texts.languagePrompt, languageChoices(settings))], event, 'system'));
    if (event.kind === 'text') return aiTurn(event);
  };

  // ---- Ending a run: nothing unprocessed, no timer waited on ----

  /**
   * Waits for staff actions, and for background mail for a while: a mail server down for hours must not
   * keep a closing consultation from answering the resident's next message. Mail still unsent by then
   * is abandoned; the alert stays on the dashboard with notified_at empty.
   */
  const settle = async () => {
    await condition(allHandlersFinished);
    // Staff messages still being sent go out before the run ends (as when the update itself sent them).
    await condition(() => deliveries.size === 0);
    await condition(() => background.size === 0, BACKGROUND_GRACE_MS);
  };

  const close = async (reason: string): Promise<{ closed: string }> => {
    await settle();
    // Unacknowledged alerts still reach supervisors (at once: the timer does not outlive the run), unless
    // staff closed the case themselves; reservations and pickups lapse with the case.
    if (reason !== 'staff') for (const deadline of s.deadlines.filter(survivesClose)) await onDeadline(deadline);
    await settle();
    await db.closeConsultation({ consultationId: consultationId as string, reason });
    await setPhase('closed');
    const askContext = { enabled: settings.satisfaction?.enabled ?? false, reason, turns: s.turns, personInvolved: personInvolved(s), quietHours: settings.nudges.quietHours };
    if (shouldAskSatisfaction(askContext, Date.now()) && patched('satisfaction-question')) await askSatisfaction();
    // The check-in timer (or the one-time consent question) starts from a consultation's close.
    if (reason !== 'unfollowed' && patched('check-in-after-close')) await wakeCheckIns();
    // A message that came in while closing opens the next consultation instead of being dropped.
    await settle();
    if (queue.length > 0) await continueAsNew<typeof consultationWorkflow>({ residentId, carried: { pending: queue, seenEventIds: seen } });
    return { closed: reason };
  };

  let lastActivityAt = Date.now();
  for (;;) {
    // Silence closes the consultation, but not while a person was asked for or is talking with the resident.
    const silenceCounts = !personInvolved(s);
    const budget = waitBudget(s.deadlines, silenceCounts ? lastActivityAt + settings.closeAfterSilenceMs : undefined, Date.now());
    const got = budget === undefined ? await condition(() => queue.length > 0 || s.closeRequested).then(() => true) : await condition(() => queue.length > 0 || s.closeRequested, budget);
    let ended: string | undefined;
    await mutex.runExclusive(async () => {
      await runDueDeadlines();
      if (s.closeRequested) return void (ended = 'staff');
      if (!got) {
        if (silenceCounts && Date.now() >= lastActivityAt + settings.closeAfterSilenceMs) ended = 'silence';
        return;
      }
      const event = queue.shift() as ResidentEvent;
      lastActivityAt = Date.now();
      try {
        if ((await residentTurn(event)) === 'unfollowed') ended = 'unfollowed';
      } catch (err) {
        // Last line of defence: a fault in one turn never ends the consultation (the event is recorded).
        if (!(err instanceof ActivityFailure)) throw err;
        log.error('a resident turn failed; the consultation goes on', { error: err.message });
      }
    });
    if (ended) return close(ended);

    const info = workflowInfo();
    if (queue.length === 0 && (info.continueAsNewSuggested || info.historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT))) {
      await settle();
      await continueAsNew<typeof consultationWorkflow>({
        ...input,
        carried: { ...s, pending: queue, seenEventIds: seen },
      });
    }
  }
}
