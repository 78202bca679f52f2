import type { Db } from '../platform/db';
import type { SatisfactionScore } from '../contracts/postbacks';

/**
 * Writes the resident's free-text comment on the closing question. The one place it is written, so the
 * column can be sealed at rest by changing only this function.
 */
export async function writeSatisfactionComment(db: Db, input: { consultationId: string; residentId: string; comment: string }): Promise<boolean> {
  const updated = await db('satisfaction_responses').where({ consultation_id: input.consultationId, resident_id: input.residentId }).update({ comment: input.comment });
  return updated > 0;
}

/**
 * A text from the resident while a closing question is pending: they went on to something else, so the
 * question counts as skipped (a later tap still records the answer). Called on the message path.
 */
export async function markPendingSatisfactionSkipped(db: Db, residentId: string): Promise<void> {
  await db('satisfaction_responses').where({ resident_id: residentId }).whereNull('answered_at').whereNull('skipped_at').update({ skipped_at: db.fn.now() });
}

/** The closing question's records; each write is idempotent, so a retried activity changes nothing more. */
export function createOutcomeActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Asked once per consultation: a retry (or a second close of the same row) finds the row and keeps it. */
    async recordSatisfactionAsked(input: { consultationId: string; residentId: string }): Promise<void> {
      await db('satisfaction_responses').insert({ consultation_id: input.consultationId, resident_id: input.residentId, asked_at: db.fn.now() }).onConflict('consultation_id').ignore();
    },

    /**
     * A tap on one of the five answers, for the consultation the question named. The latest tap counts
     * (a resident may change their mind); a tap after a skip is still an answer. False when no question
     * was asked in that consultation to this resident (a forged or foreign postback).
     */
    async answerSatisfaction(input: { consultationId: string; residentId: string; score: SatisfactionScore }): Promise<boolean> {
      const updated = await db('satisfaction_responses')
        .where({ consultation_id: input.consultationId, resident_id: input.residentId })
        .update({ score: input.score, answered_at: db.raw('coalesce(answered_at, now())'), skipped_at: null });
      return updated > 0;
    },

    async recordSatisfactionComment(input: { consultationId: string; residentId: string; comment: string }): Promise<boolean> {
      return writeSatisfactionComment(db, input);
    },
  };
}
