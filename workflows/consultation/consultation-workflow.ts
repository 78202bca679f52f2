import { ActivityFailure, condition, continueAsNew, log, patched, setHandler, upsertSearchAttributes, uuid4, workflowInfo } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { isOpen } from '../calendar/business-calendar';
import { calendarFromProfile, holidayYearsAround } from '../calendar/calendar-from-profile';
import { startConsent } from '../consent/consent-flow';
import { ConsultationStatus, ResidentCode } from '../search-attributes';
import { alerts, db, listener } from './activity-proxies';
import { CarriedState, ConsultationState, Effect, personInvolved, rebuiltDeadlines, refuseStaffAction, RequestReason, StaffEvent, stateFromCarried, transition } from './consultation-state';
import { shouldAskSatisfaction } from '../outcomes/satisfaction';
import type { ConversationSettings } from './conversation-settings';
import { Deadline, survivesClose, takeDue, waitBudget } from './deadlines';
import { humanHelpTexts } from './human-help-texts';
import { localise } from './language';
import { text, TextMessage } from './line-messages';
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
import { describeStep, initialStep } from './onboarding';
import { residentChannel } from './resident-channel';
import { turnRunner } from './turn-runner';

/**
 * One consultation: registers the resident's and staff's messages, waits for the next event or the
 * earliest deadline, and carries out what the entity (consultation-state.ts, resident-turns.ts)
 * decides through activities (turn-runner.ts for the resident's turns, resident-channel.ts for sends
 * and alerts). Its state is data, carried across continue-as-new. Changes follow docs/versioning.md.
 */
export type { CarriedState } from './consultation-state';

export interface ConsultationInput {
  residentId: string;
  /** The state of this consultation's previous run, or only `pending`/`seenEventIds` for a new one. */
  carried?: Partial<CarriedState>;
  /** History length that triggers continue-as-new (the server also suggests it); lowered in tests. */
  historyLimit?: number;
}

const SEEN_IDS_KEPT = 500;
const DEFAULT_HISTORY_LIMIT = 5_000;
/** Far enough back for the weekly cap and any sensible refusal cooldown. */
const NUDGE_HISTORY_MS = 8 * 24 * 3_600_000;

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

  // The entity's state (`step` is set once the profile is loaded) and the latest resident event, whose
  // reply token staff and status messages use while it is fresh.
  const run: { s: ConsultationState; lastEvent?: ResidentEvent; consultationId?: string } = { s: stateFromCarried(carried) };
  let started = Boolean(carried.step);
  // Registered before the first activity, so a query never meets a workflow without its handler.
  setHandler(consultationViewQuery, () => ({
    consultationId: run.consultationId,
    phase: run.s.phase,
    staffId: run.s.staff?.staffId,
    reservedFor: run.s.reservation?.at,
    onboardingStep: started ? describeStep(run.s.step) : 'starting',
    turns: run.s.turns,
    pendingEvents: queue.length,
  }));

  // Every state change (the main loop's turns and the staff updates) runs under this lock, so a claim
  // never lands in the middle of an AI turn and the AI never answers after staff took the case.
  const mutex = new Mutex();

  const settings: ConversationSettings = await db().loadConversationSettings();
  const calendar = calendarFromProfile(settings.businessHours, await db().listJapaneseHolidays(holidayYearsAround(Date.now())));
  const opened = await db().openConsultation({ residentId, workflowId: workflowInfo().workflowId });
  const id = opened.consultationId;
  run.consultationId = id;
  if (!started) {
    const step = initialStep(settings, opened.resident);
    run.s = { ...run.s, step, phase: step.name === 'done' ? 'listening' : 'onboarding' };
    started = true;
  }
  upsertSearchAttributes([
    { key: ResidentCode, value: opened.resident.code },
    { key: ConsultationStatus, value: run.s.phase },
  ] as never);
  run.s = { ...run.s, deadlines: rebuiltDeadlines(run.s, carried, { now: Date.now(), staffPickupMs: settings.staffPickupMs }) };
  // Offers and a refusal in the resident's earlier consultations count toward this one's caps and cooldown.
  const earlierNudges = patched('resident-nudge-history')
    ? await db().loadResidentNudgeHistory({ residentId, excludeConsultationId: id, sinceMs: Date.now() - NUDGE_HISTORY_MS })
    : { offersMs: [] };
  // The resident's language rides on each event (the relay resolves it); what the resident is told
  // follows the latest event, and Japanese before any (or in runs from before languages).
  const local = () => localise(settings, run.lastEvent && 'language' in run.lastEvent ? run.lastEvent.language : undefined);
  const channel = residentChannel({ residentId, consultationId: id, calendar, undeliveredAfterMs: settings.undeliveredAfterMs, lastEvent: () => run.lastEvent });
  const { send, staffSend, inBackground, settle } = channel;

  const setPhase = async (next: ConsultationPhase) => {
    if (next === run.s.phase) return;
    run.s = { ...run.s, phase: next };
    upsertSearchAttributes([{ key: ConsultationStatus, value: next }] as never);
    if (next === 'listening' || next === 'onboarding') await db().setConsultationStatus({ consultationId: id, status: next });
  };

  // ---- Reaching a person: the entity's transitions, carried out here ----

  /** `afterAck`: carried out for a staff action, whose resident-facing work runs after the update returns. */
  const perform = async (effect: Effect, afterAck = false) => {
    switch (effect.kind) {
      case 'enter-queue':
        upsertSearchAttributes([{ key: ConsultationStatus, value: 'waiting_for_staff' }] as never);
        return void (await db().enterQueue({ consultationId: id, waitingSince: effect.waitingSince, reason: effect.reason }));
      case 'reserve':
        return db().reserveStaffTime({ consultationId: id, reservedFor: effect.at, reason: effect.reason });
      case 'assign-staff':
        upsertSearchAttributes([{ key: ConsultationStatus, value: 'with_staff' }] as never);
        return db().assignStaff({ consultationId: id, staffId: effect.staffId });
      case 'release-to-ai':
        upsertSearchAttributes([{ key: ConsultationStatus, value: run.s.phase }] as never);
        await db().releaseToAi({ consultationId: id });
        // A resident who reached staff in a crisis before the terms goes back to the terms, not to the AI.
        if (effect.status !== 'listening') await db().setConsultationStatus({ consultationId: id, status: effect.status });
        return;
      case 'alert-unclaimed': {
        const alertId = uuid4();
        await db().raiseAlert({ alertId, consultationId: id, kind: 'unclaimed', level: run.s.highestRisk, categories: [], channel: 'dashboard' });
        return inBackground(() => alerts.alertSupervisors({ alertId }));
      }
      case 'tell':
        // The latest event's reply token while it is fresh; the send pushes once it is not.
        return void (await (afterAck ? staffSend(effect.messages, 'system') : send(effect.messages, run.lastEvent, 'system')));
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
    const outcome = transition(run.s, event, { now: Date.now(), calendar, staffPickupMs: settings.staffPickupMs, help: humanHelpTexts(say.texts, say.language) });
    run.s = outcome.state;
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
    const { due, ahead } = takeDue(run.s.deadlines, Date.now());
    run.s = { ...run.s, deadlines: ahead };
    for (const deadline of due) await onDeadline(deadline);
  };

  // ---- Staff actions (updates): validators run before anything is recorded, bodies under the lock ----

  const refuse = (reason: string | undefined) => {
    if (reason) throw new Error(reason);
  };
  const staffAction = (event: StaffEvent) => mutex.runExclusive(async () => void (await apply(event, true)));

  setHandler(claimUpdate, (by) => staffAction({ kind: 'claimed', by }), { validator: (by) => refuse(refuseStaffAction(run.s, { kind: 'claim', staffId: by.staffId })) });
  setHandler(releaseUpdate, () => staffAction({ kind: 'released' }), { validator: (by) => refuse(refuseStaffAction(run.s, { kind: 'act', staffId: by.staffId })) });
  setHandler(transferUpdate, ({ to }) => staffAction({ kind: 'transferred', to }), { validator: (t) => refuse(refuseStaffAction(run.s, { kind: 'act', staffId: t.fromStaffId })) });
  setHandler(closeByStaffUpdate, (_by) => staffAction({ kind: 'close-requested' }), { validator: (_by) => refuse(refuseStaffAction(run.s, { kind: 'close' })) });

  setHandler(
    staffMessageUpdate,
    (msg) =>
      mutex.runExclusive(async () => {
        // The client's id makes the send key: a double click or a retried request sends once.
        const outcome = await staffSend([text(msg.text)], 'staff', { staffId: msg.staffId, sendKey: `staff-${msg.clientMessageId}` });
        await db().markFirstStaffReply({ consultationId: id });
        return { status: outcome.status };
      }),
    {
      validator: (msg) => {
        refuse(refuseStaffAction(run.s, { kind: 'act', staffId: msg.staffId }));
        if (!msg.text.trim()) throw new Error('empty message');
      },
    },
  );

  // Staff drafted a referral: the resident is asked (workflows/consent/); the answers are resident turns.
  setHandler(
    requestConsentUpdate,
    ({ staffId, ...request }) =>
      mutex.runExclusive(async () => {
        const asked = startConsent(request, local());
        run.s = { ...run.s, consent: asked.state };
        await db().recordConsentAsked({ ...request, residentId, consultationId: id, staffId });
        await staffSend(asked.send, 'system');
      }),
    { validator: (_request) => refuse(refuseStaffAction(run.s, { kind: 'consent' })) },
  );

  const { residentTurn, askSatisfaction } = turnRunner({ run, residentId, consultationId: id, settings, calendar, resident: opened.resident, earlierNudges, queue, channel, requestPerson, setPhase, local });

  // ---- Ending a run: nothing unprocessed, no timer waited on ----

  const close = async (reason: string): Promise<{ closed: string }> => {
    await settle();
    // Unacknowledged alerts still reach supervisors (at once: the timer does not outlive the run), unless
    // staff closed the case themselves; reservations and pickups lapse with the case.
    if (reason !== 'staff') for (const deadline of run.s.deadlines.filter(survivesClose)) await onDeadline(deadline);
    await settle();
    await db().closeConsultation({ consultationId: id, reason });
    await setPhase('closed');
    const askContext = { enabled: settings.satisfaction?.enabled ?? false, reason, turns: run.s.turns, personInvolved: personInvolved(run.s), quietHours: settings.nudges.quietHours };
    if (shouldAskSatisfaction(askContext, Date.now()) && patched('satisfaction-question')) await askSatisfaction();
    // The check-in timer (or the one-time consent question) starts from a consultation's close.
    if (reason !== 'unfollowed' && patched('check-in-after-close')) await db().wakeCheckIns({ residentId });
    // A message that came in while closing opens the next consultation instead of being dropped.
    await settle();
    if (queue.length > 0) await continueAsNew<typeof consultationWorkflow>({ residentId, carried: { pending: queue, seenEventIds: seen } });
    return { closed: reason };
  };

  // ---- The loop: the next resident event, or the earliest deadline ----

  let lastActivityAt = Date.now();
  for (;;) {
    // Silence closes the consultation, but not while a person was asked for or is talking with the resident.
    const silenceCounts = !personInvolved(run.s);
    const budget = waitBudget(run.s.deadlines, silenceCounts ? lastActivityAt + settings.closeAfterSilenceMs : undefined, Date.now());
    const ready = () => queue.length > 0 || run.s.closeRequested;
    const got = budget === undefined ? await condition(ready).then(() => true) : await condition(ready, budget);
    let ended: string | undefined;
    await mutex.runExclusive(async () => {
      await runDueDeadlines();
      if (run.s.closeRequested) return void (ended = 'staff');
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
      await continueAsNew<typeof consultationWorkflow>({ ...input, carried: { ...run.s, pending: queue, seenEventIds: seen } });
    }
  }
}
