import crypto from 'node:crypto';
import type { PiiKeyring } from '../platform/crypto/pii-cipher';
import { TextSealer } from '../platform/crypto/sealed-text';
import { markPendingSatisfactionSkipped } from './outcome-activities';
import type { Db } from '../platform/db';
import { publish } from '../platform/events';
import type { ResidentEvent } from '../workflows/consultation/messages';

export interface OpenedConsultation {
  consultationId: string;
  resident: { code: string; termsVersion: string | null; intakeAnswered: string[]; intake: Record<string, string> };
}

function inboundRow(sealer: TextSealer, consultationId: string, residentId: string, event: ResidentEvent) {
  const id = crypto.randomUUID();
  const base = { id, consultation_id: consultationId, resident_id: residentId, direction: 'in', sender: 'resident', webhook_event_id: event.eventId, created_at: new Date(event.timestamp) };
  switch (event.kind) {
    case 'text':
      return { ...base, kind: 'text', ...sealer.seal('messages', 'text', id, event.text) };
    case 'media':
      // A sticker's keywords stand for it in the timeline; cleared with the text by retention and erase.
      return { ...base, kind: event.mediaType, ...(event.keywords?.length ? { payload: JSON.stringify({ keywords: event.keywords }) } : {}) };
    case 'postback':
      return { ...base, kind: 'postback', payload: JSON.stringify({ data: event.data }) };
    default:
      return { ...base, kind: event.kind };
  }
}

export function createDatabaseActivities(deps: { db: Db; workerIdentity: string; keyring: PiiKeyring }) {
  const { db } = deps;
  const sealer = new TextSealer(deps.keyring);
  return {
    /** Idempotent: a retried attempt finds the row already written and returns the same answer. */
    async recordSystemCheck(input: { checkId: string; workflowId: string }): Promise<string> {
      await db('system_checks').insert({ id: input.checkId, workflow_id: input.workflowId, worker_identity: deps.workerIdentity }).onConflict('id').ignore();
      const row = await db('system_checks').where({ id: input.checkId }).first();
      return row.worker_identity as string;
    },

    /** Finds the resident's open consultation or opens one; safe to retry and to call from a new run. */
    async openConsultation(input: { residentId: string; workflowId: string }): Promise<OpenedConsultation> {
      const resident = await db('residents').where({ id: input.residentId }).first();
      if (!resident) throw new Error(`resident ${input.residentId} does not exist`);
      await db('consultations')
        .insert({ resident_id: input.residentId, workflow_id: input.workflowId, status: 'onboarding' })
        .onConflict(db.raw("(resident_id) WHERE status <> 'closed'"))
        .ignore();
      const open = await db('consultations').where({ resident_id: input.residentId }).whereNot({ status: 'closed' }).first('id');
      return {
        consultationId: open.id,
        resident: { code: resident.code, termsVersion: resident.terms_version, intakeAnswered: Object.keys(resident.intake ?? {}), intake: resident.intake ?? {} },
      };
    },

    async recordInboundEvents(input: { consultationId: string; residentId: string; events: ResidentEvent[] }): Promise<void> {
      for (const event of input.events) {
        await db('messages').insert(inboundRow(sealer, input.consultationId, input.residentId, event)).onConflict('webhook_event_id').ignore();
      }
      // Writing something else is how a resident skips the closing question (never a gate).
      if (input.events.some((e) => e.kind === 'text')) await markPendingSatisfactionSkipped(db, input.residentId);
      const latest = Math.max(...input.events.map((e) => e.timestamp));
      await db('consultations').where({ id: input.consultationId }).update({ last_message_at: new Date(latest), updated_at: db.fn.now() });
      await publish(db, { type: 'message', consultationId: input.consultationId });
    },

    async recordTermsDecision(input: { residentId: string; version: string; decision: 'agreed' | 'declined' }): Promise<void> {
      await db('residents')
        .where({ id: input.residentId })
        .update(
          input.decision === 'agreed'
            ? { terms_version: input.version, terms_agreed_at: db.fn.now(), terms_declined_at: null, updated_at: db.fn.now() }
            : { terms_declined_at: db.fn.now(), updated_at: db.fn.now() },
        );
    },

    async recordIntakeAnswer(input: { residentId: string; questionId: string; value: string }): Promise<void> {
      await db('residents')
        .where({ id: input.residentId })
        .update({ intake: db.raw('intake || ?::jsonb', [JSON.stringify({ [input.questionId]: input.value })]), updated_at: db.fn.now() });
    },

    async setConsultationStatus(input: { consultationId: string; status: 'onboarding' | 'listening' | 'waiting_for_staff' | 'with_staff' }): Promise<void> {
      await db('consultations').where({ id: input.consultationId }).whereNot({ status: 'closed' }).update({ status: input.status, updated_at: db.fn.now() });
      await publish(db, { type: 'consultation', id: input.consultationId });
    },

    async closeConsultation(input: { consultationId: string; reason: string }): Promise<void> {
      await db('consultations')
        .where({ id: input.consultationId })
        .whereNot({ status: 'closed' })
        .update({ status: 'closed', closed_at: db.fn.now(), close_reason: input.reason, reserved_for: null, updated_at: db.fn.now() });
      await publish(db, { type: 'consultation', id: input.consultationId }, { type: 'queue' });
    },

    /**
     * Puts the case in the staff queue and offers it to the on-duty staff member with the fewest
     * active cases. `waitingSince` is when the resident asked, so a reservation made last night ranks first.
     */
    async enterQueue(input: { consultationId: string; waitingSince: number; reason: 'menu' | 'nudge' | 'risk' | 'reservation' }): Promise<{ offeredToStaffId: string | null }> {
      const candidate = await db('staff_users as u')
        .leftJoin('consultations as c', function joinActive() {
          this.on('c.assigned_staff_id', '=', 'u.id').andOnIn('c.status', ['with_staff']);
        })
        .where({ 'u.available': true, 'u.disabled': false })
        .whereIn('u.role', ['staff', 'supervisor'])
        .groupBy('u.id')
        .orderByRaw('count(c.id) asc, min(u.created_at) asc')
        .first('u.id');
      await db('consultations')
        .where({ id: input.consultationId })
        .whereNot({ status: 'closed' })
        .update({
          status: 'waiting_for_staff',
          waiting_since: new Date(input.waitingSince),
          request_reason: input.reason,
          reserved_for: null,
          offered_to_staff_id: candidate?.id ?? null,
          updated_at: db.fn.now(),
        });
      await publish(db, { type: 'queue' }, { type: 'consultation', id: input.consultationId });
      return { offeredToStaffId: candidate?.id ?? null };
    },

    /** Outside business hours: the case will join the queue at `reservedFor`. */
    async reserveStaffTime(input: { consultationId: string; reservedFor: number; reason: 'menu' | 'nudge' | 'risk' | 'reservation' }): Promise<void> {
      await db('consultations')
        .where({ id: input.consultationId })
        .update({ reserved_for: new Date(input.reservedFor), request_reason: input.reason, updated_at: db.fn.now() });
      await publish(db, { type: 'consultation', id: input.consultationId });
    },

    async assignStaff(input: { consultationId: string; staffId: string }): Promise<void> {
      await db('consultations')
        .where({ id: input.consultationId })
                // waiting_since stays: with first_staff_reply_at it gives the report's time to a first staff reply.
        .update({ status: 'with_staff', assigned_staff_id: input.staffId, offered_to_staff_id: null, updated_at: db.fn.now() });
      await publish(db, { type: 'queue' }, { type: 'consultation', id: input.consultationId });
    },

    async releaseToAi(input: { consultationId: string }): Promise<void> {
      await db('consultations').where({ id: input.consultationId }).update({ status: 'listening', assigned_staff_id: null, updated_at: db.fn.now() });
      await publish(db, { type: 'consultation', id: input.consultationId });
    },

    async markFirstStaffReply(input: { consultationId: string }): Promise<void> {
      await db('consultations').where({ id: input.consultationId }).whereNull('first_staff_reply_at').update({ first_staff_reply_at: db.fn.now() });
    },

    /**
     * A send LINE kept refusing until the workflow gave up: the message stays in the timeline marked
     * failed, so staff see what the resident did not get. A send that went through meanwhile stays sent.
     */
    async markUndelivered(input: { sendKey: string; error: string }): Promise<void> {
      const [row] = await db('messages')
        .where({ send_key: input.sendKey })
        .whereNotIn('delivery_status', ['sent', 'suppressed'])
        .update({ delivery_status: 'failed', error: input.error.slice(0, 500) })
        .returning('consultation_id');
      if (row?.consultation_id) await publish(db, { type: 'message', consultationId: row.consultation_id });
    },

    async recordNudgeEvent(input: { id: string; consultationId: string; event: 'offered' | 'accepted' | 'declined' | 'reserved'; trigger?: string }): Promise<void> {
      await db('nudge_events')
        .insert({ id: input.id, consultation_id: input.consultationId, event: input.event, trigger: input.trigger ?? null })
        .onConflict('id')
        .ignore();
    },
  };
}
