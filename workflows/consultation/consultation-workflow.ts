import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ListeningReply } from '../../activities/listening-activities';
import type { RiskAssessment } from '../../activities/risk-activities';
import { isOpen } from '../calendar/business-calendar';
import { calendarFromProfile, holidayYearsAround } from '../calendar/calendar-from-profile';
import { ConsultationStatus, ResidentCode, RiskLevel as RiskLevelAttribute } from '../search-attributes';
import { maxRisk, RiskLevel } from '../safety/risk-levels';
import { crisisLinesText, emergencyText, planRiskResponse, selectCrisisLines } from '../safety/risk-response';
import type { ConversationSettings } from './conversation-settings';
import { text, TextMessage } from './line-messages';
import { ConsultationPhase, consultationViewQuery, ResidentEvent, residentEventSignal } from './messages';
import { describeStep, initialStep, OnboardingStep, onboardingTransition } from './onboarding';

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
  step: OnboardingStep;
  turns: number;
  pending: ResidentEvent[];
  seenEventIds: string[];
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
  setHandler(consultationViewQuery, () => ({ consultationId, phase, onboardingStep: step ? describeStep(step) : 'starting', turns, pendingEvents: queue.length }));

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

  const send = (messages: TextMessage[], replyTo: ResidentEvent | undefined, sender: 'ai' | 'system', reply?: ListeningReply) =>
    line.sendToResident({
      sendKey: uuid4(),
      consultationId,
      residentId,
      messages,
      replyToken: replyTo && 'replyToken' in replyTo ? replyTo.replyToken : undefined,
      replyTokenIssuedAt: replyTo?.timestamp,
      sender,
      answeredBy: reply?.answeredBy,
      usage: reply && { promptTokens: reply.promptTokens, completionTokens: reply.completionTokens },
    });

  const setPhase = async (next: ConsultationPhase) => {
    if (next === phase) return;
    phase = next;
    upsertSearchAttributes([{ key: ConsultationStatus, value: phase }] as never);
    if (phase === 'listening') await db.setConsultationStatus({ consultationId, status: 'listening' });
  };

  const close = async (reason: string) => {
    await Promise.all(alertWatches);
    await db.closeConsultation({ consultationId, reason });
    await setPhase('closed');
    return { closed: reason };
  };

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
        await db.recordInboundEvents({ consultationId, residentId, events: [next] });
      }
    }
    return burst;
  };

  let highestRisk: RiskLevel = input.carried?.highestRisk ?? 'none';
  const acknowledged = new Set<string>();

  // Imminent risk: if nobody acknowledges within the profile's minutes, a supervisor is alerted.
  // The run neither closes nor continues as new while such a watch is pending.
  const alertWatches: Promise<unknown>[] = [];
  let watchesPending = 0;
  const watchAlert = (alertId: string) => {
    watchesPending += 1;
    alertWatches.push(
      sleep(settings.crisisAckMs)
        .then(() => alerts.escalateAlert({ alertId }))
        .finally(() => (watchesPending -= 1)),
    );
  };

  const raiseCrisisAlert = async (risk: RiskAssessment) => {
    const alertId = uuid4();
    const open = isOpen(Date.now(), calendar);
    // During business hours staff see it on the dashboard; outside them the on-call channel hears of it.
    await alerts.raiseAlert({ alertId, consultationId, kind: 'crisis', level: risk.level, categories: risk.categories, channel: open ? 'dashboard' : 'on-call' });
    if (planRiskResponse(risk.level).escalateIfUnacknowledged) watchAlert(alertId);
  };

  const listeningTurn = async (event: ResidentEvent) => {
    if (event.kind === 'media') return void (await send([text(settings.texts.nonTextReply)], event, 'system'));
    if (event.kind === 'follow') return void (await send([text(settings.texts.greeting), text(settings.texts.invitation)], event, 'system'));
    if (event.kind !== 'text') return; // postbacks without a meaning here (e.g. a stale intake button)
    const burst = await collectBurst(event);
    const last = burst[burst.length - 1];
    void lineBestEffort.showLoadingAnimation({ residentId }).catch(() => undefined);
    // An earlier high message raises the baseline for what follows in this consultation.
    const risk = await safety.assessRisk({ assessmentId: uuid4(), consultationId, eventIds: burst.map((e) => e.eventId), texts: burst.map((e) => e.text), baseline: highestRisk });
    highestRisk = maxRisk(highestRisk, risk.level);
    upsertSearchAttributes([{ key: RiskLevelAttribute, value: highestRisk }] as never);
    const plan = planRiskResponse(risk.level);
    const reply = await listener.composeListeningReply({ consultationId, replyDeadline: last.timestamp + settings.replyTokenMaxAgeMs, riskLevel: risk.level });
    turns += 1;
    // Emergency guidance and crisis lines come from the profile, never from the model.
    const messages = [
      ...(plan.emergencyFirst ? [text(emergencyText(settings.emergency))] : []),
      text(reply.text),
      ...(plan.crisisLines ? [text(crisisLinesText(selectCrisisLines(settings.crisisLines, risk.categories)))] : []),
    ];
    await send(messages, last, 'ai', reply);
    if (plan.urgent) await raiseCrisisAlert(risk);
  };

  for (;;) {
    const got = await condition(() => queue.length > 0, settings.closeAfterSilenceMs);
    if (!got) return close('silence');
    const event = queue.shift() as ResidentEvent;
    await db.recordInboundEvents({ consultationId, residentId, events: [event] });
    if (event.kind === 'unfollow') return close('unfollowed');

    if (phase === 'listening') {
      await listeningTurn(event);
    } else {
      const outcome = onboardingTransition(settings, step, event);
      if (outcome.record?.terms) await db.recordTermsDecision({ residentId, version: settings.termsVersion, decision: outcome.record.terms });
      if (outcome.record?.intake) await db.recordIntakeAnswer({ residentId, ...outcome.record.intake });
      step = outcome.step;
      await send(outcome.send, event, 'system');
      if (step.name === 'declined') await setPhase('declined');
      else if (step.name === 'done') await setPhase('listening');
      else if (phase === 'declined') phase = 'onboarding';
    }

    const info = workflowInfo();
    if (queue.length === 0 && watchesPending === 0 && (info.continueAsNewSuggested || info.historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT))) {
      await continueAsNew<typeof consultationWorkflow>({ ...input, carried: { phase, step, turns, highestRisk, pending: queue, seenEventIds: seen } });
    }
  }
}
