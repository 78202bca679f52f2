import { activityInfo, Context } from '@temporalio/activity';
import type { MunicipalityProfile } from '../platform/config/profile';
import type { Db } from '../platform/db';
import type { BusinessHoursSettings } from '../workflows/calendar/calendar-from-profile';
import type { CheckInAnswer, CheckInConsent, CheckInSettings, CheckInStatus, CheckInTexts } from '../workflows/check-ins/check-in-policy';
import { checkInWakeSignal, checkInWorkflowId } from '../workflows/check-ins/messages';
import { text, type TextMessage } from '../workflows/consultation/line-messages';
import { JAPANESE, resolveLanguage } from '../workflows/consultation/language';

/** What a new consultation must know of the resident's earlier offers: the caps and a refusal's cooldown hold across consultations. */
export interface ResidentNudgeHistory {
  /** Offers recorded in the resident's other consultations since `sinceMs`. */
  offersMs: number[];
  /** The latest refusal in another consultation since `sinceMs`. */
  lastRefusalMs?: number;
}

/** What the consultation does after the resident answered a check-in question or a check-in. */
export interface CheckInAnswerOutcome {
  /** The answer to send (consent answers); empty for 「スタッフと話したい」/「AIと話したい」. */
  messages: TextMessage[];
  /** The consent changed: the resident's check-in timer must decide again. */
  wake: boolean;
}

export function createNudgeActivities(deps: { db: Db; profile: MunicipalityProfile }) {
  const { db, profile } = deps;
  const settings = (): CheckInSettings => ({ ...profile.checkIns, quietHours: profile.nudges.quietHours });
  /** The check-in texts in the resident's language; each one the language does not ship, in Japanese. */
  const textsFor = async (residentId: string | undefined) => {
    const resident = residentId ? await db('residents').where({ id: residentId }).first('language') : undefined;
    const code = resolveLanguage(resident?.language ?? undefined, Object.keys(profile.languages));
    return code === JAPANESE ? profile.texts : { ...profile.texts, ...profile.languages[code].texts };
  };
  return {
    /** Read-only, so safe to retry; the consultation's own offers are in its state, not counted twice. */
    async loadResidentNudgeHistory(input: { residentId: string; excludeConsultationId: string; sinceMs: number }): Promise<ResidentNudgeHistory> {
      const rows: { event: string; at: Date }[] = await db('nudge_events as n')
        .join('consultations as c', 'c.id', 'n.consultation_id')
        .where('c.resident_id', input.residentId)
        .whereNot('c.id', input.excludeConsultationId)
        .whereIn('n.event', ['offered', 'declined'])
        .where('n.created_at', '>=', new Date(input.sinceMs))
        .orderBy('n.created_at')
        .select('n.event', 'n.created_at as at');
      const refusals = rows.filter((r) => r.event === 'declined').map((r) => r.at.getTime());
      return {
        offersMs: rows.filter((r) => r.event === 'offered').map((r) => r.at.getTime()),
        ...(refusals.length > 0 ? { lastRefusalMs: Math.max(...refusals) } : {}),
      };
    },

    /**
     * Starts the resident's check-in workflow, or wakes it to decide again (a consultation closed,
     * consent given or withdrawn). Idempotent: a retried signalWithStart wakes it once more, harmlessly.
     */
    async wakeCheckIns(input: { residentId: string }): Promise<void> {
      await Context.current().client.workflow.signalWithStart('checkInWorkflow', {
        workflowId: checkInWorkflowId(input.residentId),
        taskQueue: activityInfo().taskQueue,
        args: [{ residentId: input.residentId }],
        signal: checkInWakeSignal,
        signalArgs: [],
      });
    },

    /** The profile's check-in settings and texts; the result is kept in history, so replays agree. */
    /** `residentId` (absent in runs started before languages): the texts are in the resident's language. */
    async loadCheckInSettings(input?: { residentId?: string }): Promise<{ settings: CheckInSettings; texts: CheckInTexts; businessHours: BusinessHoursSettings }> {
      return { settings: settings(), texts: await textsFor(input?.residentId), businessHours: profile.businessHours };
    },

    /** Read again each time the check-in timer fires: consent, a block, new messages and check-ins sent. */
    async loadCheckInStatus(input: { residentId: string }): Promise<CheckInStatus> {
      const resident = await db('residents').where({ id: input.residentId }).first('status');
      const consent = await db('check_in_consents').where({ resident_id: input.residentId }).first('status');
      const latest = await db('consultations').where({ resident_id: input.residentId }).orderBy('opened_at', 'desc').first('id');
      const open = await db('consultations').where({ resident_id: input.residentId }).whereNot({ status: 'closed' }).first('id');
      const lastMessage = await db('messages').where({ resident_id: input.residentId, direction: 'in' }).max('created_at as at').first();
      const sent = await db('check_ins').where({ resident_id: input.residentId }).count('* as n').max('sent_at as at').first();
      const pendingQuestion = await db('satisfaction_responses').where({ resident_id: input.residentId }).whereNull('answered_at').whereNull('skipped_at').max('asked_at as at').first();
      const intakeScale = await db('scale_responses').where({ resident_id: input.residentId, scale: 'ucla3', occasion: 'intake' }).whereNotNull('completed_at').first('completed_at');
      const followUpStarted = await db('scale_responses').where({ resident_id: input.residentId, occasion: 'follow-up' }).first('id');
      const ms = (at: unknown) => (at ? new Date(at as string).getTime() : undefined);
      return {
        consent: (consent?.status as CheckInConsent | undefined) ?? 'none',
        reachable: resident?.status === 'active',
        openConsultation: Boolean(open),
        latestConsultationId: latest?.id,
        lastResidentMessageMs: ms(lastMessage?.at),
        lastCheckInMs: ms(sent?.at),
        sentCount: Number(sent?.n ?? 0),
        ...(pendingQuestion?.at ? { satisfactionPendingSinceMs: ms(pendingQuestion.at) } : {}),
        ...(intakeScale && !followUpStarted ? { scaleFollowUpFromMs: ms(intakeScale.completed_at) } : {}),
      };
    },

    /** Idempotent: the question is asked once, so an existing row (whatever its answer) stays as it is. */
    async markCheckInConsentAsked(input: { residentId: string; purpose: string; version: string }): Promise<void> {
      await db('check_in_consents').insert({ resident_id: input.residentId, status: 'asked', purpose: input.purpose, version: input.version }).onConflict('resident_id').ignore();
    },

    async recordCheckInSent(input: { checkInId: string; residentId: string }): Promise<void> {
      await db('check_ins').insert({ id: input.checkInId, resident_id: input.residentId }).onConflict('id').ignore();
    },

    /**
     * The resident's answer to the consent question or to a check-in. A typed 「やめて」 (`typed`) only
     * counts when there is a consent to withdraw: otherwise it is part of the conversation (undefined).
     * Writes are idempotent: a retry sets the same status, and an answered check-in stays answered.
     */
    async answerCheckIn(input: { residentId: string; answer: CheckInAnswer; typed?: boolean }): Promise<CheckInAnswerOutcome | undefined> {
      const { residentId, answer } = input;
      const texts = await textsFor(residentId);
      const current = await db('check_in_consents').where({ resident_id: residentId }).first('status');
      const decide = async (status: 'given' | 'declined') => {
        const row = { status, purpose: profile.checkIns.purpose, version: profile.checkIns.consentVersion, decided_at: db.fn.now(), withdrawn_at: null };
        await db('check_in_consents').insert({ resident_id: residentId, ...row }).onConflict('resident_id').merge(row);
      };
      switch (answer) {
        case 'agree':
          await decide('given');
          return { messages: [text(texts.checkInConsentGiven)], wake: true };
        case 'decline':
          await decide('declined');
          return { messages: [text(texts.checkInConsentDeclined)], wake: true };
        case 'stop':
          if (input.typed && current?.status !== 'given') return undefined;
          if (current?.status === 'given') {
            await db('check_in_consents').where({ resident_id: residentId }).update({ status: 'withdrawn', withdrawn_at: db.fn.now() });
          } else if (current?.status !== 'declined' && current?.status !== 'withdrawn') {
            // The rich menu's 「見守りメッセージを止める」 before (or instead of) answering the question: a no, so it is never asked.
            await decide('declined');
          }
          return { messages: [text(texts.checkInWithdrawn)], wake: true };
        case 'person':
        case 'ai': {
          const last = await db('check_ins').where({ resident_id: residentId }).orderBy('sent_at', 'desc').first('id');
          if (last) await db('check_ins').where({ id: last.id }).whereNull('answered_at').update({ answered_at: db.fn.now(), answer });
          return { messages: [], wake: false };
        }
      }
    },
  };
}
