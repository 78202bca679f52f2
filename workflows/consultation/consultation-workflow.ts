import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ListeningReply } from '../../activities/listening-activities';
import type { RiskAssessment } from '../../activities/risk-activities';
import { isOpen, nextOpening } from '../calendar/business-calendar';
import { calendarFromProfile, holidayYearsAround } from '../calendar/calendar-from-profile';
import { ConsultationStatus, ResidentCode, RiskLevel as RiskLevelAttribute } from '../search-attributes';
import { maxRisk, RiskLevel } from '../safety/risk-levels';
import { crisisLinesText, emergencyText, planRiskResponse, selectCrisisLines } from '../safety/risk-response';
import type { ConversationSettings } from './conversation-settings';
import { decideNudge, NudgeDecision, nudgeDeclinedMessage, nudgeOfferMessage, nudgeReservedMessage, parseNudgePostback } from '../nudges/nudge-policy';
import { humanHelpTexts } from './human-help-texts';
import { linesListText, parsePostback, text, TextMessage } from './line-messages';
import {
  claimUpdate,
  closeByStaffUpdate,
  ConsultationPhase,
  consultationViewQuery,
  releaseUpdate,
  requestConsentUpdate,
  ResidentEvent,
  residentEventSignal,
  StaffRef,
  staffMessageUpdate,
  transferUpdate,
} from './messages';
import { describeStep, initialStep, OnboardingStep, onboardingTransition } from './onboarding';
import { ConsentOutcome, ConsentState, consentTransition, isWithdrawal, startConsent } from '../consent/consent-flow';
import { referralWithdrawSignal, referralWorkflowId } from '../referral/messages';
import { referralWorkflow } from '../referral/referral-workflow';

const db = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumInterval: '30 seconds' } });
// LINE 429/5xx are retried with back-off; the send is idempotent, so a retry never reaches the resident twice.
const line = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 30 },
});
const lineBestEffort = proxyActivities<Activities>({ startToCloseTimeout: '5 seconds', retry: { maximumAttempts: 1 } });
// The listening activity falls back to the offline listener by itself, so one attempt is enough.
const listener = proxyActivities<Activities>({ startToCloseTimeout: '45 seconds', retry: { maximumAttempts: 2 } });
// Risk is assessed by rules even when the model is down, so this activity is retried like the database.
const safety = proxyActivities<Activities>({ startToCloseTimeout: '20 seconds', retry: { maximumInterval: '30 seconds' } });
const alerts = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

/** State carried across continue-as-new, so a long consultation keeps its place. */
export interface CarriedState {
  phase: ConsultationPhase;
  highestRisk: RiskLevel;
  staff?: StaffRef;
  /** A request for a person made outside hours: when it joins the queue, and when it was made. */
  reservation?: { at: number; requestedAt: number; reason: RequestReason };
  nudges: { offersMs: number[]; turnsSinceLastOffer: number; lastRefusalMs?: number; offeredTopics: string[] };
  step: OnboardingStep;
  turns: number;
  pending: ResidentEvent[];
  seenEventIds: string[];
  /** An open consent question or details being given (workflows/consent/consent-flow.ts). */
  consent?: ConsentState;
}

export interface ConsultationInput {
  residentId: string;
  carried?: CarriedState;
  /** History length that triggers continue-as-new (the server also suggests it); lowered in tests. */
  historyLimit?: number;
}

const SEEN_IDS_KEPT = 500;
const DEFAULT_HISTORY_LIMIT = 5_000;
// A burst is answered once: wait for the resident to pause, but never past this, so the reply token stays usable.
const MAX_BURST_WAIT_FACTOR = 3;

const TOPIC_NUDGE_AFTER_TURNS = 3;

type RequestReason = 'menu' | 'nudge' | 'risk' | 'reservation';

export async function consultationWorkflow(input: ConsultationInput): Promise<{ closed: string }> {
  const { residentId } = input;
  const queue: ResidentEvent[] = [...(input.carried?.pending ?? [])];
  const seen: string[] = [...(input.carried?.seenEventIds ?? [])];
  // Duplicate deliveries (LINE redelivery, a relay retried after a crash) are dropped here.
  setHandler(residentEventSignal, (event) => {
    if (seen.includes(event.eventId)) return;
    seen.push(event.eventId);
    if (seen.length > SEEN_IDS_KEPT) seen.splice(0, seen.length - SEEN_IDS_KEPT);
    queue.push(event);
  });

  // Registered before the first activity, so a query never meets a workflow without its handler.
  let consultationId: string | undefined;
  let step: OnboardingStep | undefined = input.carried?.step;
  let phase: ConsultationPhase = input.carried?.phase ?? 'onboarding';
  let turns = input.carried?.turns ?? 0;
  let staff: StaffRef | undefined = input.carried?.staff;
  let reservation = input.carried?.reservation;
  const nudges = input.carried?.nudges ?? { offersMs: [], turnsSinceLastOffer: 0, offeredTopics: [] };
  let highestRisk: RiskLevel = input.carried?.highestRisk ?? 'none';
  let closeRequested = false;
  let consent: ConsentState | undefined = input.carried?.consent;
  /** The latest resident event, whose reply token staff and status messages use while it is fresh. */
  let lastEvent: ResidentEvent | undefined;
  setHandler(consultationViewQuery, () => ({
    consultationId,
    phase,
    staffId: staff?.staffId,
    reservedFor: reservation?.at,
    onboardingStep: step ? describeStep(step) : 'starting',
    turns,
    pendingEvents: queue.length,
  }));

  const settings: ConversationSettings = await db.loadConversationSettings();
  const calendar = calendarFromProfile(settings.businessHours, await db.listJapaneseHolidays(holidayYearsAround(Date.now())));
  const opened = await db.openConsultation({ residentId, workflowId: workflowInfo().workflowId });
  consultationId = opened.consultationId;
  if (!step) {
    step = initialStep(settings, opened.resident);
    phase = step.name === 'done' ? 'listening' : 'onboarding';
  }
  upsertSearchAttributes([
    { key: ResidentCode, value: opened.resident.code },
    { key: ConsultationStatus, value: phase },
  ] as never);

  const send = (messages: TextMessage[], replyTo: ResidentEvent | undefined, sender: 'ai' | 'system' | 'staff', reply?: ListeningReply, staffId?: string, sendKey = uuid4()) =>
    line.sendToResident({
      sendKey,
      consultationId,
      residentId,
      messages,
      replyToken: replyTo && 'replyToken' in replyTo ? replyTo.replyToken : undefined,
      replyTokenIssuedAt: replyTo?.timestamp,
      sender,
      staffId,
      answeredBy: reply?.answeredBy,
      usage: reply && { promptTokens: reply.promptTokens, completionTokens: reply.completionTokens },
    });

  const setPhase = async (next: ConsultationPhase) => {
    if (next === phase) return;
    phase = next;
    upsertSearchAttributes([{ key: ConsultationStatus, value: phase }] as never);
    if (phase === 'listening' || phase === 'onboarding') await db.setConsultationStatus({ consultationId, status: phase });
  };

  // Timers that must not be lost: alert escalations and the wake-up at opening for a reservation.
  // The run neither closes nor continues as new while one is pending.
  const watches: Promise<unknown>[] = [];
  let watchesPending = 0;
  const watch = (work: Promise<unknown>) => {
    watchesPending += 1;
    watches.push(work.finally(() => (watchesPending -= 1)));
  };

  const close = async (reason: string) => {
    await Promise.all(watches);
    await db.closeConsultation({ consultationId, reason });
    await setPhase('closed');
    return { closed: reason };
  };

  // ---- Human help: queue, reservation outside hours, the supervisor alert when nobody picks up ----

  const watchPickup = () =>
    watch(
      (async () => {
        const claimed = await condition(() => phase !== 'waiting_for_staff', settings.staffPickupMs);
        if (claimed) return;
        const alertId = uuid4();
        await alerts.raiseAlert({ alertId, consultationId, kind: 'unclaimed', level: highestRisk, categories: [], channel: 'dashboard' });
        await alerts.alertSupervisors({ alertId });
      })(),
    );

  const enterQueue = async (waitingSince: number, reason: RequestReason) => {
    phase = 'waiting_for_staff';
    upsertSearchAttributes([{ key: ConsultationStatus, value: phase }] as never);
    await db.enterQueue({ consultationId, waitingSince, reason });
    watchPickup();
  };

  const wakeAtOpening = (res: NonNullable<typeof reservation>) =>
    watch(
      (async () => {
        await sleep(Math.max(0, res.at - Date.now()));
        if (reservation !== res || phase === 'closed' || staff) return;
        reservation = undefined;
        await enterQueue(res.requestedAt, res.reason);
        await send([humanHelpTexts.opened()], undefined, 'system');
      })(),
    );

  /** A request for a person: the queue while staff can pick it up, else a reservation for the next opening. */
  const requestPerson = async (reason: RequestReason, atMs?: number): Promise<TextMessage[]> => {
    if (staff || phase === 'waiting_for_staff' || reservation) return reason === 'risk' ? [] : [humanHelpTexts.alreadyRequested()];
    const now = Date.now();
    const opening = nextOpening(now, calendar, { minRemainingMinutes: settings.staffPickupMs / 60_000 });
    if (opening <= now) {
      await enterQueue(now, reason);
      return [humanHelpTexts.queued()];
    }
    reservation = { at: atMs && atMs >= opening ? atMs : opening, requestedAt: now, reason };
    await db.reserveStaffTime({ consultationId, reservedFor: reservation.at, reason });
    wakeAtOpening(reservation);
    return [humanHelpTexts.reserved(reservation.at)];
  };

  // Update validators run before anything is recorded: a refused staff action leaves no trace in history.
  const requireStaff = (staffId: string, action: string) => {
    if (!staff || staff.staffId !== staffId) throw new Error(`only the staff member who has this consultation can ${action}`);
  };

  setHandler(
    claimUpdate,
    async (by) => {
      staff = by;
      reservation = undefined;
      phase = 'with_staff';
      upsertSearchAttributes([{ key: ConsultationStatus, value: phase }] as never);
      await db.assignStaff({ consultationId: consultationId as string, staffId: by.staffId });
      await send([humanHelpTexts.joined(by.staffName)], lastEvent, 'system');
      await listener.summarizeForHandover({ consultationId: consultationId as string });
    },
    {
      validator: (by) => {
        if (phase === 'closed' || phase === 'onboarding' || phase === 'declined') throw new Error(`cannot claim a consultation in phase ${phase}`);
        if (staff && staff.staffId !== by.staffId) throw new Error('another staff member has this consultation');
      },
    },
  );

  setHandler(
    staffMessageUpdate,
    async (msg) => {
      // The client's id makes the send key: a double click or a retried request sends once.
      const outcome = await send([text(msg.text)], lastEvent, 'staff', undefined, msg.staffId, `staff-${msg.clientMessageId}`);
      await db.markFirstStaffReply({ consultationId: consultationId as string });
      return { status: outcome.status };
    },
    {
      validator: (msg) => {
        requireStaff(msg.staffId, 'reply');
        if (!msg.text.trim()) throw new Error('empty message');
      },
    },
  );

  setHandler(
    releaseUpdate,
    async (_by) => {
      staff = undefined;
      await setPhase('listening');
      await db.releaseToAi({ consultationId: consultationId as string });
      await send([humanHelpTexts.released()], lastEvent, 'system');
    },
    { validator: (by) => requireStaff(by.staffId, 'hand it back') },
  );

  setHandler(
    transferUpdate,
    async ({ to }) => {
      staff = to;
      await db.assignStaff({ consultationId: consultationId as string, staffId: to.staffId });
      await send([humanHelpTexts.transferred(to.staffName)], lastEvent, 'system');
    },
    { validator: (t) => requireStaff(t.fromStaffId, 'transfer it') },
  );

  setHandler(
    closeByStaffUpdate,
    async (_by) => {
      await send([humanHelpTexts.closedByStaff()], lastEvent, 'system');
      closeRequested = true;
    },
    {
      validator: (_by) => {
        if (phase === 'closed' || closeRequested) throw new Error('already closed');
      },
    },
  );

  // ---- Consent, personal details and referrals (workflows/consent/, workflows/referral/) ----

  setHandler(
    requestConsentUpdate,
    async ({ staffId, ...request }) => {
      const started = startConsent(request);
      consent = started.state;
      await db.recordConsentAsked({ ...request, residentId, consultationId: consultationId as string, staffId });
      await send(started.send, lastEvent, 'system');
    },
    {
      validator: (_request) => {
        if (phase === 'closed' || phase === 'onboarding' || phase === 'declined' || closeRequested) throw new Error(`cannot ask for consent in phase ${phase}`);
        if (consent) throw new Error('another consent question is still open');
      },
    },
  );

  type ConsentTurn = { kind: 'withdraw' } | { kind: 'flow'; outcome: ConsentOutcome };
  /** Decided before the event is recorded: details being given are recorded as a placeholder only. */
  const consentTurnFor = (event: ResidentEvent): ConsentTurn | undefined => {
    if (phase === 'onboarding' || phase === 'declined' || (event.kind !== 'text' && event.kind !== 'postback')) return undefined;
    if (isWithdrawal(event)) return { kind: 'withdraw' };
    const outcome = consent && consentTransition(consent, event);
    return outcome ? { kind: 'flow', outcome } : undefined;
  };

  const consentTurn = async (turn: ConsentTurn, event: ResidentEvent) => {
    if (turn.kind === 'withdraw') {
      consent = undefined;
      const withdrawn = await db.withdrawConsents({ residentId });
      // Each sent referral stops in its own workflow; one that already ended has nothing to stop.
      for (const id of withdrawn.activeReferralIds) await getExternalWorkflowHandle(referralWorkflowId(id)).signal(referralWithdrawSignal).catch(() => undefined);
      const message = withdrawn.consents > 0 ? '同意を取り消しました。お預かりしていた情報は削除し、これ以上使いません。相談はこのまま続けられます。' : '取り消す同意はありません。相談はこのまま続けられます。';
      return void (await send([text(message)], event, 'system'));
    }
    const request = (consent as ConsentState).request;
    consent = turn.outcome.state;
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
    await send(turn.outcome.send, event, 'system');
  };

  // ---- Safety ----

  const raiseCrisisAlert = async (risk: RiskAssessment) => {
    const alertId = uuid4();
    const open = isOpen(Date.now(), calendar);
    // During business hours staff see it on the dashboard; outside them the on-call channel hears of it.
    await alerts.raiseAlert({ alertId, consultationId, kind: 'crisis', level: risk.level, categories: risk.categories, channel: open ? 'dashboard' : 'on-call' });
    // Imminent risk: if nobody acknowledges within the profile's minutes, a supervisor is alerted.
    if (planRiskResponse(risk.level).escalateIfUnacknowledged) watch(sleep(settings.crisisAckMs).then(() => alerts.escalateAlert({ alertId })));
  };

  const assess = async (burst: (ResidentEvent & { kind: 'text' })[]) => {
    // An earlier high message raises the baseline for what follows in this consultation.
    const risk = await safety.assessRisk({ assessmentId: uuid4(), consultationId, eventIds: burst.map((e) => e.eventId), texts: burst.map((e) => e.text), baseline: highestRisk });
    highestRisk = maxRisk(highestRisk, risk.level);
    upsertSearchAttributes([{ key: RiskLevelAttribute, value: highestRisk }] as never);
    return risk;
  };

  // ---- Nudges toward a person ----

  const nudgeFor = (risk: RiskAssessment, replyable: boolean): NudgeDecision => {
    const state = {
      consultationOffersMs: nudges.offersMs,
      turnsSinceLastOffer: nudges.turnsSinceLastOffer,
      lastRefusalMs: nudges.lastRefusalMs,
      personRequested: Boolean(staff || reservation || phase === 'waiting_for_staff'),
      contactConsent: false,
      peakRiskLevel: highestRisk,
      offeredTopics: nudges.offeredTopics,
    };
    // A partner's topic is mentioned only once the resident has had room to talk, not on the first answer.
    const topic = turns >= TOPIC_NUDGE_AFTER_TURNS ? opened.resident.intake.topic : undefined;
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

  const recordNudge = (event: 'offered' | 'accepted' | 'declined' | 'reserved', trigger?: string) =>
    db.recordNudgeEvent({ id: uuid4(), consultationId, event, trigger });

  // ---- A listening turn ----

  /** Takes the text messages that follow the first one, waiting for a pause in the resident's typing. */
  const collectBurst = async (first: ResidentEvent & { kind: 'text' }) => {
    const burst = [first];
    const deadline = Date.now() + settings.debounceMs * MAX_BURST_WAIT_FACTOR;
    while (settings.debounceMs > 0) {
      const wait = Math.min(settings.debounceMs, deadline - Date.now());
      if (wait <= 0) break;
      const more = await condition(() => queue.length > 0 && queue[0].kind === 'text', wait);
      if (!more) break;
      while (queue.length > 0 && queue[0].kind === 'text') {
        const next = queue.shift() as ResidentEvent & { kind: 'text' };
        burst.push(next);
        lastEvent = next;
        await db.recordInboundEvents({ consultationId, residentId, events: [next] });
      }
    }
    return burst;
  };

  const aiTurn = async (event: ResidentEvent & { kind: 'text' }) => {
    const burst = await collectBurst(event);
    const last = burst[burst.length - 1];
    void lineBestEffort.showLoadingAnimation({ residentId }).catch(() => undefined);
    const risk = await assess(burst);
    const plan = planRiskResponse(risk.level);
    const reply = await listener.composeListeningReply({ consultationId, replyDeadline: last.timestamp + settings.replyTokenMaxAgeMs, riskLevel: risk.level });
    turns += 1;
    nudges.turnsSinceLastOffer += 1;
    // A person is asked for at high risk; emergency guidance and crisis lines come from the profile, never the model.
    const personMessages = plan.urgent ? await requestPerson('risk') : [];
    const nudge = plan.urgent ? undefined : nudgeFor(risk, true);
    const messages = [
      ...(plan.emergencyFirst ? [text(emergencyText(settings.emergency))] : []),
      text(reply.text),
      ...(plan.crisisLines ? [text(crisisLinesText(selectCrisisLines(settings.crisisLines, risk.categories)))] : []),
      ...personMessages,
      ...(nudge?.kind === 'offer' ? [nudgeOfferMessage(nudge)] : []),
    ];
    await send(messages, last, 'ai', reply);
    if (nudge?.kind === 'offer') {
      nudges.offersMs.push(Date.now());
      nudges.turnsSinceLastOffer = 0;
      if (nudge.matchedTopics) nudges.offeredTopics.push(...nudge.matchedTopics);
      await recordNudge('offered', nudge.trigger);
    }
    if (plan.urgent) await raiseCrisisAlert(risk);
  };

  /** With staff the AI is silent: the message reaches staff live, and risk is still assessed. */
  const staffTurn = async (event: ResidentEvent & { kind: 'text' }) => {
    const risk = await assess([event]);
    if (planRiskResponse(risk.level).urgent) await raiseCrisisAlert(risk);
  };

  const postbackTurn = async (event: ResidentEvent & { kind: 'postback' }) => {
    const data = parsePostback(event.data);
    const nudgeAnswer = parseNudgePostback(event.data);
    if (data.menu === 'staff') return void (await send(await requestPerson('menu'), event, 'system'));
    if (data.menu === 'ai') return void (await send([staff ? humanHelpTexts.alreadyRequested() : humanHelpTexts.aiHere()], event, 'system'));
    if (data.menu === 'lines') return void (await send([text(linesListText(settings.consultationLines))], event, 'system'));
    if (data.menu === 'terms') return void (await send([text(settings.termsText)], event, 'system'));
    if (nudgeAnswer?.action === 'accept') {
      await recordNudge('accepted');
      return void (await send(await requestPerson('nudge'), event, 'system'));
    }
    if (nudgeAnswer?.action === 'decline') {
      nudges.lastRefusalMs = Date.now();
      await recordNudge('declined');
      return void (await send([nudgeDeclinedMessage()], event, 'system'));
    }
    if (nudgeAnswer?.action === 'reserve') {
      await recordNudge('reserved');
      const reply = await requestPerson('reservation', nudgeAnswer.atMs);
      return void (await send(reservation ? [nudgeReservedMessage(reservation.at)] : reply, event, 'system'));
    }
  };

  const listeningTurn = async (event: ResidentEvent, forStaff: boolean) => {
    if (event.kind === 'postback') return postbackTurn(event);
    if (forStaff) return event.kind === 'text' ? staffTurn(event) : undefined;
    if (event.kind === 'media') return void (await send([text(settings.texts.nonTextReply)], event, 'system'));
    if (event.kind === 'follow') return void (await send([text(settings.texts.greeting), text(settings.texts.invitation)], event, 'system'));
    if (event.kind === 'text') return aiTurn(event);
  };

  if (reservation) wakeAtOpening(reservation);
  if (phase === 'waiting_for_staff') watchPickup();

  for (;;) {
    const got = await condition(() => queue.length > 0 || closeRequested, settings.closeAfterSilenceMs);
    if (closeRequested) return close('staff');
    // Silence closes the consultation, but not while a person was asked for or is talking with the resident.
    if (!got) {
      if (staff || reservation || phase === 'waiting_for_staff') continue;
      return close('silence');
    }
    const event = queue.shift() as ResidentEvent;
    lastEvent = event;
    // Decided on arrival: a message written to staff stays theirs even if they hand back while it is recorded.
    const forStaff = phase === 'with_staff';
    const consentAnswer = consentTurnFor(event);
    const placeholder = consentAnswer?.kind === 'flow' ? consentAnswer.outcome.placeholder : undefined;
    await db.recordInboundEvents({ consultationId, residentId, events: [placeholder && event.kind === 'text' ? { ...event, text: placeholder } : event] });
    if (event.kind === 'unfollow') return close('unfollowed');

    if (consentAnswer) {
      await consentTurn(consentAnswer, event);
    } else if (phase === 'onboarding' || phase === 'declined') {
      const outcome = onboardingTransition(settings, step, event);
      if (outcome.record?.terms) await db.recordTermsDecision({ residentId, version: settings.termsVersion, decision: outcome.record.terms });
      if (outcome.record?.intake) {
        await db.recordIntakeAnswer({ residentId, ...outcome.record.intake });
        opened.resident.intake[outcome.record.intake.questionId] = outcome.record.intake.value;
      }
      step = outcome.step;
      await send(outcome.send, event, 'system');
      if (step.name === 'declined') await setPhase('declined');
      else if (step.name === 'done') await setPhase('listening');
      else if (phase === 'declined') phase = 'onboarding';
    } else {
      await listeningTurn(event, forStaff);
    }

    const info = workflowInfo();
    if (queue.length === 0 && watchesPending === 0 && (info.continueAsNewSuggested || info.historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT))) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof consultationWorkflow>({
        ...input,
        carried: { phase, step, turns, highestRisk, staff, reservation, nudges, pending: queue, seenEventIds: seen, consent },
      });
    }
  }
}
