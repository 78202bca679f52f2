import { ActivityFailure, condition, getExternalWorkflowHandle, patched, startChild, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import type { OpenedConsultation } from '../../activities/database-activities';
import type { ListeningReply } from '../../activities/listening-activities';
import type { RiskAssessment } from '../../activities/risk-activities';
import { offlineListeningReply } from '../../activities/listening/offline-listener';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { CheckInAnswer, isCheckInStopWord } from '../check-ins/check-in-policy';
import type { ConsentState } from '../consent/consent-flow';
import { nudgeDeclinedMessage, nudgeOfferMessage, nudgeReservedMessage } from '../nudges/nudge-policy';
import { referralWithdrawSignal, referralWorkflowId } from '../referral/messages';
import { referralWorkflow } from '../referral/referral-workflow';
import { maxRisk } from '../safety/risk-levels';
import { carriesCrisisContent, planRiskResponse, RiskResponsePlan, safetyTexts } from '../safety/risk-response';
import { RiskLevel as RiskLevelAttribute } from '../search-attributes';
import { db, lineBestEffort, listener, safety } from './activity-proxies';
import type { ConsultationState, RequestReason } from './consultation-state';
import type { ConversationSettings } from './conversation-settings';
import { humanHelpTexts } from './human-help-texts';
import { languageChoices, localise } from './language';
import { languageMenuMessage, linesListText, text, TextMessage } from './line-messages';
import type { ConsultationPhase, ResidentEvent } from './messages';
import { onboardingTransition } from './onboarding';
import { asksForPerson } from './person-request';
import type { ResidentChannel } from './resident-channel';
import { keepResidentMedia } from './resident-media';
import { parseScalePostback, ScalePostback } from '../outcomes/scales';
import { parseSatisfactionPostback, SatisfactionAnswer, satisfactionQuestion, satisfactionThanks } from '../outcomes/satisfaction';
import { alertToRaise, answered, asRecorded, ConsentTurn, consentWithdrawnText, nudgeDeclined, nudgeFor, nudgeOffered, phaseAfterOnboarding, placeholderOf, routePostback, routeResidentEvent } from './resident-turns';

/**
 * Carries out a resident's turn through activities; what the turn is and how the state moves is
 * decided in resident-turns.ts and consultation-state.ts (pure). Runs under the workflow's lock.
 */
export interface TurnContext {
  /** The entity's state and the latest resident event, shared with the workflow. */
  run: { s: ConsultationState; lastEvent?: ResidentEvent };
  residentId: string;
  consultationId: string;
  settings: ConversationSettings;
  calendar: BusinessCalendar;
  resident: OpenedConsultation['resident'];
  earlierNudges: { offersMs: number[]; lastRefusalMs?: number };
  /** Events not yet taken: a burst of texts is answered once. */
  queue: ResidentEvent[];
  channel: ResidentChannel;
  requestPerson: (reason: RequestReason, atMs?: number) => Promise<TextMessage[]>;
  setPhase: (next: ConsultationPhase) => Promise<void>;
  local: () => ReturnType<typeof localise>;
}

type TextEvent = ResidentEvent & { kind: 'text' };

interface SafetyOutcome {
  risk: RiskAssessment;
  plan: RiskResponsePlan;
  /** Emergency guidance, sent before the answer. */
  first: TextMessage[];
  /** Crisis lines and the person offered, sent after the answer. */
  after: TextMessage[];
}

// A burst is answered once: wait for the resident to pause, but never past this, so the reply token stays usable.
const MAX_BURST_WAIT_FACTOR = 3;

export function turnRunner(c: TurnContext) {
  const { run, residentId, consultationId, settings, channel } = c;
  const { send } = channel;
  const crisisOf = (guard: SafetyOutcome) => (carriesCrisisContent(guard.plan) ? guard.risk : undefined);
  /** Guidance first, the answer, then the lines and the person offered. */
  const guarded = (guard: SafetyOutcome | undefined, messages: TextMessage[]) => [...(guard?.first ?? []), ...messages, ...(guard?.after ?? [])];

  // ---- Safety: every resident text, every phase; the alert before any answer ----

  const assessAndAlert = async (burst: TextEvent[], options: { rulesOnly?: boolean } = {}): Promise<SafetyOutcome> => {
    // An earlier high message raises the baseline for what follows in this consultation.
    const risk = await safety.assessRisk({ assessmentId: uuid4(), consultationId, eventIds: burst.map((e) => e.eventId), texts: burst.map((e) => e.text), baseline: run.s.highestRisk, rulesOnly: options.rulesOnly });
    return respondToRisk(risk);
  };

  /** Raises the consultation's risk (never lowers it), alerts, and composes the safety messages. */
  const respondToRisk = async (risk: RiskAssessment): Promise<SafetyOutcome> => {
    run.s = { ...run.s, highestRisk: maxRisk(run.s.highestRisk, risk.level) };
    upsertSearchAttributes([{ key: RiskLevelAttribute, value: run.s.highestRisk }] as never);
    const plan = planRiskResponse(risk.level);
    const alert = alertToRaise(run.s, plan);
    if (alert === 'review') run.s = { ...run.s, reviewFlagged: true };
    const alertId = alert && (await channel.raiseAlert(alert, risk));
    if (alert === 'crisis' && plan.escalateIfUnacknowledged) run.s = { ...run.s, deadlines: [...run.s.deadlines, { kind: 'escalate', at: Date.now() + settings.crisisAckMs, alertId: alertId as string }] };
    const person = plan.offerPerson && run.s.phase !== 'with_staff' ? await c.requestPerson('risk') : [];
    const say = c.local();
    const texts = safetyTexts(plan, risk.categories, say, say.texts);
    return { risk, plan, first: texts.first.map(text), after: [...texts.after.map(text), ...person] };
  };

  /** A reply from the model or, when it cannot answer at all, the offline listener here in the workflow. */
  const composeReply = async (burst: TextEvent[], risk: RiskAssessment): Promise<ListeningReply> => {
    const last = burst[burst.length - 1];
    try {
      return await listener.composeListeningReply({ consultationId, replyDeadline: last.timestamp + settings.replyTokenMaxAgeMs, riskLevel: risk.level, language: c.local().language });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const say = c.local();
      return { text: offlineListeningReply({ residentText: burst.map((e) => e.text).join('\n'), turn: run.s.turns + 1, language: say.language, texts: say.texts }), answeredBy: 'fallback' };
    }
  };

  const recordNudge = (event: 'offered' | 'accepted' | 'declined' | 'reserved', trigger?: string) => db().recordNudgeEvent({ id: uuid4(), consultationId, event, trigger });

  // ---- Caring check-ins: the resident's timer lives in its own workflow, woken or started from here ----

  /** Consent answers, withdrawal, and the answers to a check-in (a person, or the AI). */
  const checkInTurn = async (answer: CheckInAnswer, event: ResidentEvent, guard?: SafetyOutcome): Promise<boolean> => {
    const outcome = await db().answerCheckIn({ residentId, answer, typed: guard !== undefined });
    if (!outcome) return false;
    if (outcome.wake) await db().wakeCheckIns({ residentId });
    const messages = answer === 'person' ? await c.requestPerson('nudge') : answer === 'ai' ? [humanHelpTexts(c.local().texts, c.local().language).aiHere()] : outcome.messages;
    await send(guarded(guard, messages), event, 'system', { crisis: guard && crisisOf(guard) });
    return true;
  };

  // ---- The closing question 「相談してよかったですか」: optional, never a gate (workflows/outcomes/satisfaction.ts) ----

  const satisfactionTexts = () => settings.satisfaction && (settings.satisfaction.texts[c.local().language] ?? settings.satisfaction.texts.ja);
  /** Set by a tap on 「ひとこと書く」: the resident's very next message is their comment. */
  let commentFor: string | undefined;

  /** Pushed once per consultation (a fixed send key), after the closing words. */
  const askSatisfaction = async () => {
    const texts = satisfactionTexts();
    if (!texts) return;
    await db().recordSatisfactionAsked({ consultationId, residentId });
    await send([satisfactionQuestion(texts, consultationId)], undefined, 'system', { sendKey: `satisfaction-${consultationId}` });
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
    if (await db().answerSatisfaction({ consultationId: answer.consultationId, residentId, score: answer.score })) {
      await send([satisfactionThanks(texts, answer.consultationId)], event, 'system');
    }
  };

  /** The comment: risk-assessed like every text (safety first), stored, thanked; the AI does not answer it. */
  const commentTurn = async (event: TextEvent, forConsultation: string) => {
    const guard = await assessAndAlert([event]);
    await db().recordSatisfactionComment({ consultationId: forConsultation, residentId, comment: event.text });
    const thanks = satisfactionTexts()?.satisfactionCommentThanks ?? '';
    await send(guarded(guard, thanks ? [text(thanks)] : []), event, 'system', { crisis: crisisOf(guard) });
  };

  /**
   * A tap on an outcome scale (UCLA-3, K6): recorded, then the next item. High K6 answers feed the risk
   * check like a message would (raise to low: lines and staff review), before the next item is sent.
   */
  const scaleTurn = async (answer: ScalePostback, event: ResidentEvent) => {
    const outcome = await db().answerScale({ residentId, consultationId, answer });
    const guard = outcome.risk === 'none' ? undefined : await respondToRisk({ level: outcome.risk, categories: [], decidedBy: 'rules' });
    const messages = guarded(guard, outcome.messages);
    if (messages.length > 0) await send(messages, event, 'system', { crisis: guard && crisisOf(guard) });
  };

  // ---- Consent, personal details and referrals (workflows/consent/, workflows/referral/) ----

  /** Carries out a consent step; returns what the resident is told. */
  const consentTurn = async (turn: ConsentTurn): Promise<TextMessage[]> => {
    if (turn.kind === 'withdraw') {
      run.s = { ...run.s, consent: undefined };
      const withdrawn = await db().withdrawConsents({ residentId });
      // Each sent referral stops in its own workflow; one that already ended has nothing to stop.
      for (const id of withdrawn.activeReferralIds) await getExternalWorkflowHandle(referralWorkflowId(id)).signal(referralWithdrawSignal).catch(() => undefined);
      return [text(consentWithdrawnText(withdrawn.consents, c.local().texts))];
    }
    const request = (run.s.consent as ConsentState).request;
    run.s = { ...run.s, consent: turn.outcome.state };
    const ids = { consentId: request.consentId, referralId: request.referralId };
    for (const record of turn.outcome.records) {
      if (record.kind === 'decision') await db().recordConsentDecision({ ...ids, decision: record.decision });
      // The value travels only in (encrypted) activity input and is stored encrypted.
      if (record.kind === 'detail') await db().storePersonalDetail({ ...ids, residentId, field: record.field, value: record.value });
      if (record.kind === 'forget') await db().forgetPersonalDetail({ ...ids, field: record.field });
      if (record.kind === 'stop') await db().stopConsent(ids);
      if (record.kind === 'complete' && record.given.length === 0) await db().stopConsent(ids);
      if (record.kind === 'complete' && record.given.length > 0) {
        await startChild(referralWorkflow, {
          workflowId: referralWorkflowId(request.referralId),
          args: [{ referralId: request.referralId, residentId, consultationId, parentWorkflowId: workflowInfo().workflowId }],
          // A partner may answer after this consultation has closed: the referral lives on.
          parentClosePolicy: 'ABANDON',
        });
      }
    }
    return turn.outcome.send;
  };

  // ---- The turns ----

  /** Takes the text messages that follow the first one, waiting for a pause in the resident's typing. */
  const collectBurst = async (first: TextEvent) => {
    const burst = [first];
    const deadline = Date.now() + settings.debounceMs * MAX_BURST_WAIT_FACTOR;
    while (settings.debounceMs > 0) {
      const wait = Math.min(settings.debounceMs, deadline - Date.now());
      if (wait <= 0) break;
      const more = await condition(() => c.queue.length > 0 && c.queue[0].kind === 'text', wait);
      if (!more) break;
      while (c.queue.length > 0 && c.queue[0].kind === 'text') {
        const next = c.queue.shift() as TextEvent;
        burst.push(next);
        run.lastEvent = next;
        await db().recordInboundEvents({ consultationId, residentId, events: [next] });
      }
    }
    return burst;
  };

  const aiTurn = async (event: TextEvent) => {
    const burst = await collectBurst(event);
    const last = burst[burst.length - 1];
    void lineBestEffort().showLoadingAnimation({ residentId }).catch(() => undefined);
    const guard = await assessAndAlert(burst);
    // A typed 「やめて」 (or the resident's language's word for it) withdraws the check-in consent (when there is one; otherwise it is conversation).
    const stopWord = isCheckInStopWord(last.text) || (isCheckInStopWord(last.text, c.local().words?.checkInStop) && patched('check-in-stop-words-in-language'));
    if (burst.length === 1 && stopWord && patched('check-in-stop-word') && (await checkInTurn('stop', last, guard))) return;
    // A typed 「スタッフと話したい」 is the staff button (unless risk already asked for a person).
    if (!guard.plan.offerPerson && burst.some((e) => asksForPerson(e.text))) return void (await send(guarded(guard, await c.requestPerson('menu')), last, 'system', { crisis: crisisOf(guard) }));
    const reply = await composeReply(burst, guard.risk);
    run.s = answered(run.s);
    const nudge = guard.plan.offerPerson
      ? undefined
      : nudgeFor(run.s, guard.risk.level, { earlier: c.earlierNudges, topic: c.resident.intake.topic, settings: settings.nudges, now: Date.now(), calendar: c.calendar });
    // Emergency guidance and crisis lines come from the profile, never the model.
    await send([...guarded(guard, [text(reply.text)]), ...(nudge?.kind === 'offer' ? [nudgeOfferMessage(nudge, c.local())] : [])], last, 'ai', { reply, crisis: crisisOf(guard) });
    if (nudge?.kind === 'offer') {
      run.s = nudgeOffered(run.s, nudge, Date.now());
      await recordNudge('offered', nudge.trigger);
    }
  };

  /** Before the terms are agreed (or after declining them): the step's question, with safety first when needed. */
  const onboardingTurn = async (event: ResidentEvent) => {
    const guard = event.kind === 'text' ? await assessAndAlert([event]) : undefined;
    const say = c.local();
    const outcome = onboardingTransition(say, run.s.step, event);
    if (outcome.record?.terms) await db().recordTermsDecision({ residentId, version: settings.termsVersion, decision: outcome.record.terms });
    if (outcome.record?.intake) {
      await db().recordIntakeAnswer({ residentId, ...outcome.record.intake });
      c.resident.intake[outcome.record.intake.questionId] = outcome.record.intake.value;
    }
    run.s = { ...run.s, step: outcome.step };
    const atRisk = guard && guard.plan.alert !== 'none';
    // The optional scales follow the last intake answer when the city asks them (never at a risky moment).
    const intakeDone = outcome.record?.intake !== undefined && outcome.step.name === 'done' && !atRisk && settings.scalesAtIntake === true;
    const scales = intakeDone && patched('outcome-scales-at-intake') ? await db().startScale({ residentId, consultationId, scale: 'ucla3', occasion: 'intake' }) : [];
    // The model is not used before the terms: a fixed acknowledgement, the lines, then the step's question again.
    const messages = atRisk ? [...guard.first, text(say.texts.safetyAcknowledgement), ...guard.after, ...outcome.send.filter((m) => m.quickReply)] : [...outcome.send, ...scales];
    await send(messages, event, 'system', { crisis: guard && crisisOf(guard) });
    const next = phaseAfterOnboarding(run.s);
    if (next?.announce) await c.setPhase(next.phase);
    else if (next) run.s = { ...run.s, phase: next.phase };
  };

  const postbackTurn = async (event: ResidentEvent & { kind: 'postback' }) => {
    const satisfaction = parseSatisfactionPostback(event.data);
    if (satisfaction && patched('satisfaction-answers')) return void (await satisfactionTurn(satisfaction, event));
    const scaleAnswer = parseScalePostback(event.data);
    if (scaleAnswer && patched('outcome-scale-answers')) return void (await scaleTurn(scaleAnswer, event));
    let action = routePostback(event.data);
    if (action.kind === 'check-in' && patched('check-in-answers')) return void (await checkInTurn(action.answer, event));
    if (action.kind === 'check-in') action = routePostback(event.data, { checkIns: false });
    const reply = (messages: TextMessage[]) => send(messages, event, 'system');
    const say = c.local();
    const help = humanHelpTexts(say.texts, say.language);
    switch (action.kind) {
      case 'menu':
        if (action.item === 'staff') return void (await reply(await c.requestPerson('menu')));
        if (action.item === 'ai') return void (await reply([run.s.staff ? help.alreadyRequested() : help.aiHere()]));
        if (action.item === 'lines') return void (await reply([text(linesListText(say.consultationLines))]));
        if (action.item === 'terms') return void (await reply([text(say.termsText)]));
        return void (await reply([languageMenuMessage(say.texts.languagePrompt, languageChoices(settings))]));
      // The relay stored the choice and the event carries it: the answer is already in the new language.
      case 'language-changed':
        return void (await reply([text(say.texts.languageChanged)]));
      case 'nudge-accept':
        await recordNudge('accepted');
        return void (await reply(await c.requestPerson('nudge')));
      case 'nudge-decline':
        run.s = nudgeDeclined(run.s, Date.now());
        await recordNudge('declined');
        return void (await reply([nudgeDeclinedMessage(c.local())]));
      case 'nudge-reserve': {
        await recordNudge('reserved');
        const reserved = await c.requestPerson('reservation', action.atMs);
        return void (await reply(run.s.reservation ? [nudgeReservedMessage(run.s.reservation.at, c.local())] : reserved));
      }
    }
  };

  /**
   * The route, with the consent words of the resident's language understood (「withdraw consent」,
   * 「Skip」). A run recorded before they were understood took such a text as Japanese-only code did:
   * only where the two readings differ does the patch decide.
   */
  const routeInLanguage = (event: ResidentEvent, say: ReturnType<typeof localise>) => {
    const inLanguage = routeResidentEvent(run.s, event, say);
    const japaneseOnly = routeResidentEvent(run.s, event, { ...say, words: undefined });
    return JSON.stringify(inLanguage) === JSON.stringify(japaneseOnly) || patched('consent-words-in-language') ? inLanguage : japaneseOnly;
  };

  /** One resident event, whatever the phase; 'unfollowed' ends the consultation. */
  const residentTurn = async (event: ResidentEvent): Promise<'unfollowed' | void> => {
    run.lastEvent = event;
    // Only the message right after the 「ひとこと書く」 tap is a comment.
    const comment = commentFor;
    commentFor = undefined;
    const local = c.local();
    const route = routeInLanguage(event, local);
    await db().recordInboundEvents({ consultationId, residentId, events: [asRecorded(event, route)] });
    if (event.kind === 'media' && patched('fetch-resident-media')) await keepResidentMedia(event, { consultationId, residentId });
    switch (route.kind) {
      case 'unfollow':
        return 'unfollowed';
      case 'consent': {
        // Assessed in memory by the rules alone: the value is never stored in clear nor sent to the model.
        const guard = event.kind === 'text' ? await assessAndAlert([event], { rulesOnly: placeholderOf(route) !== undefined }) : undefined;
        const reply = await consentTurn(route.turn);
        return void (await send(guarded(guard, reply), event, 'system', { crisis: guard && crisisOf(guard) }));
      }
      case 'staff-text': {
        // With staff the AI is silent: staff see the message and the alert; only emergency guidance goes out at once.
        const guard = await assessAndAlert([event as TextEvent]);
        if (guard.first.length > 0) await send(guard.first, event, 'system', { crisis: guard.risk });
        return;
      }
      case 'onboarding':
        return onboardingTurn(event);
      case 'postback':
        return postbackTurn(event as ResidentEvent & { kind: 'postback' });
      case 'media':
        return void (await send([text(local.texts.nonTextReply)], event, 'system'));
      case 'follow':
        return void (await send([text(local.texts.greeting), text(local.texts.invitation)], event, 'system'));
      case 'language-menu':
        return void (await send([languageMenuMessage(local.texts.languagePrompt, languageChoices(settings))], event, 'system'));
      case 'ai':
        return comment ? commentTurn(event as TextEvent, comment) : aiTurn(event as TextEvent);
    }
  };

  return { residentTurn, askSatisfaction };
}
