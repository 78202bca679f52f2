import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../../platform/db';
import { consultationWorkflowId } from '../../workflows/consultation/messages';
import { referralWithdrawSignal, referralWorkflowId } from '../../workflows/referral/messages';
import { recordAudit } from '../audit/audit-log';
import type { SignedInUser } from '../http/route';
import { clearedSealed } from '../../platform/crypto/sealed-text';

const OPEN_REFERRAL = ['awaiting_consent', 'collecting', 'sent', 'acknowledged', 'accepted', 'contacted'];

/**
 * Erasure on request. Every free-text column tied to the resident goes (messages, images and files, intake, hand-over
 * summary, hand-over, notes, review notes, satisfaction comments, referral reasons and outcomes, raw webhook events, personal details);
 * rows, kinds, times and risk levels stay, so reports keep their counts. The running workflow ends
 * first (so it cannot write again), open referrals are withdrawn, and the inbox keeps only the event
 * ids (a redelivery of an erased event is still recognised and ignored). Audited in the same transaction.
 */
export async function eraseResident(deps: { db: Db; temporal: Client }, actor: SignedInUser, resident: { id: string; line_user_id: string | null }) {
  const { db, temporal } = deps;
  const workflowEnded = await temporal.workflow
    .getHandle(consultationWorkflowId(resident.id))
    .terminate('resident erased')
    .then(() => true)
    .catch((err) => {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    });

  const { counts, withdrawn } = await db.transaction(async (trx) => {
    const caseIds = trx('consultations').where({ resident_id: resident.id }).select('id');
    const withdrawn: string[] = (await trx('referrals').where({ resident_id: resident.id }).whereIn('status', OPEN_REFERRAL).update({ status: 'withdrawn', updated_at: trx.fn.now() }).returning('id')).map((r) => r.id);
    const counts = {
      details: await trx('personal_details').where({ resident_id: resident.id }).delete(),
      messages: await trx('messages').where({ resident_id: resident.id }).update({ ...clearedSealed('text'), ...clearedSealed('paired_text'), payload: '{}', error: null }),
      inbox: resident.line_user_id
        ? await trx('webhook_inbox').whereRaw("event->'source'->>'userId' = ?", [resident.line_user_id]).update({ event: JSON.stringify({ erased: true }), ...clearedSealed('content'), last_error: null })
        : 0,
      media: await trx('message_media').where({ resident_id: resident.id }).whereNotNull('content').update({ content: null, content_key_id: null, cleared_at: trx.fn.now() }),
      notes: await trx('consultation_notes').whereIn('consultation_id', caseIds).update(clearedSealed('text', '')),
      reviews: await trx('risk_reviews').whereIn('consultation_id', caseIds).update(clearedSealed('note', '')),
      handovers: await trx('handover_summaries').whereIn('consultation_id', caseIds).delete(),
      satisfactionComments: await trx('satisfaction_responses').where({ resident_id: resident.id }).whereNotNull('comment').update(clearedSealed('comment')),
      // Like the intake answers: the loneliness and distress scales are about the person, so they go.
      scaleAnswers: await trx('scale_responses').where({ resident_id: resident.id }).delete(),
      referrals: await trx('referrals').where({ resident_id: resident.id }).update({ ...clearedSealed('reason', ''), ...clearedSealed('decline_reason'), ...clearedSealed('outcome') }),
      withdrawnReferrals: withdrawn.length,
      workflowEnded,
    };
    await trx('referral_events').whereIn('referral_id', trx('referrals').where({ resident_id: resident.id }).select('id')).update({ details: '{}' });
    await trx('consultations').where({ resident_id: resident.id }).update({ ...clearedSealed('summary'), status: 'closed', closed_at: trx.raw('coalesce(closed_at, now())'), close_reason: trx.raw("coalesce(close_reason, 'erased')"), updated_at: trx.fn.now() });
    await trx('consents').where({ resident_id: resident.id }).whereNull('withdrawn_at').update({ withdrawn_at: trx.fn.now() });
    await trx('residents').where({ id: resident.id }).update({ status: 'erased', line_user_id: null, intake: '{}', updated_at: trx.fn.now() });
    await recordAudit(trx, actor, { action: 'resident.erase', targetType: 'resident', targetId: resident.id, details: counts });
    return { counts, withdrawn };
  });
  // The referral workflows stop on their own once told; the rows already say withdrawn.
  for (const id of withdrawn) await temporal.workflow.getHandle(referralWorkflowId(id)).signal(referralWithdrawSignal).catch(() => undefined);
  return counts;
}
