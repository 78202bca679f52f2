import type { Db } from '../platform/db';
import type { PiiKeyring } from '../platform/crypto/pii-cipher';
import { TextSealer } from '../platform/crypto/sealed-text';
import type { SatisfactionScore } from '../contracts/postbacks';
import type { RiskLevel } from '../workflows/safety/risk-levels';
import type { TextMessage } from '../workflows/consultation/line-messages';
import type { MunicipalityProfile } from '../platform/config/profile';
import { JAPANESE, resolveLanguage } from '../workflows/consultation/language';
import { k6Risk, nextItem, SCALES, scaleItemMessage, SCALES_DONE_TEXT, SCALES_SKIPPED_TEXT, scaleTotal, wordedScale, type ScaleAnswers, type ScaleId, type ScaleOccasion, type ScalePostback, type ScalesWording } from '../workflows/outcomes/scales';
import { text } from '../workflows/consultation/line-messages';

/** What the consultation sends after a scale answer, and the risk the answers add (K6). */
export interface ScaleStepOutcome {
  messages: TextMessage[];
  risk: RiskLevel;
}

/** The order the scales are asked in, on each occasion: loneliness first, then distress. */
const SCALE_ORDER: ScaleId[] = ['ucla3', 'k6'];

/** Writes the resident's free-text comment on the closing question, sealed at rest (bound to its row). */
export async function writeSatisfactionComment(db: Db, sealer: TextSealer, input: { consultationId: string; residentId: string; comment: string }): Promise<boolean> {
  const row = await db('satisfaction_responses').where({ consultation_id: input.consultationId, resident_id: input.residentId }).first('id');
  if (!row) return false;
  await db('satisfaction_responses').where({ id: row.id }).update(sealer.seal('satisfaction_responses', 'comment', row.id, input.comment));
  return true;
}

/**
 * A text from the resident while a closing question is pending: they went on to something else, so the
 * question counts as skipped (a later tap still records the answer). Called on the message path.
 */
export async function markPendingSatisfactionSkipped(db: Db, residentId: string): Promise<void> {
  await db('satisfaction_responses').where({ resident_id: residentId }).whereNull('answered_at').whereNull('skipped_at').update({ skipped_at: db.fn.now() });
}

/** The closing question's records; each write is idempotent, so a retried activity changes nothing more. */
export function createOutcomeActivities(deps: { db: Db; keyring: PiiKeyring; profile: MunicipalityProfile }) {
  const { db, profile } = deps;
  const sealer = new TextSealer(deps.keyring);
  /** The scales' wording in the resident's language, when the city gives one (Japanese otherwise). */
  const wordingFor = async (residentId: string): Promise<ScalesWording> => {
    const resident = await db('residents').where({ id: residentId }).first('language');
    const code = resolveLanguage(resident?.language ?? undefined, Object.keys(profile.languages));
    return (code === JAPANESE ? undefined : profile.languages[code].scales) ?? {};
  };
  const itemMessage = (id: ScaleId, item: { id: string }, wording: ScalesWording) => {
    const scale = wordedScale(SCALES[id], wording[id]);
    return scaleItemMessage(scale, scale.items.find((i) => i.id === item.id)!, wording.skip);
  };
  /** Starts a scale on an occasion (once: a retry finds the row) and returns its first unanswered item. */
const startScale = async (input: { residentId: string; consultationId: string; scale: ScaleId; occasion: ScaleOccasion }): Promise<TextMessage[]> => {
    await db('scale_responses')
      .insert({ resident_id: input.residentId, consultation_id: input.consultationId, scale: input.scale, occasion: input.occasion })
      .onConflict(['resident_id', 'scale', 'occasion'])
      .ignore();
    const row = await db('scale_responses').where({ resident_id: input.residentId, scale: input.scale, occasion: input.occasion }).first();
    if (row.completed_at || row.skipped_at) return [];
    const item = nextItem(SCALES[input.scale], row.answers);
    return item ? [itemMessage(input.scale, item, await wordingFor(input.residentId))] : [];
  };
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

    startScale,

    /**
     * One tap on a scale: records the answer in the resident's open row of that scale (idempotent: the
     * same tap writes the same score), completes it with its total, and moves on to the next item or
     * scale. 「答えない」 skips what is left of this occasion. A tap with no open row is ignored.
     */
    async answerScale(input: { residentId: string; consultationId: string; answer: ScalePostback }): Promise<ScaleStepOutcome> {
      const { answer } = input;
      const open = await db('scale_responses').where({ resident_id: input.residentId, scale: answer.scale }).whereNull('completed_at').whereNull('skipped_at').orderBy('started_at', 'desc').first();
      if (!open) return { messages: [], risk: 'none' };
      if (answer.kind === 'skip') {
        await db('scale_responses').where({ resident_id: input.residentId, occasion: open.occasion }).whereNull('completed_at').whereNull('skipped_at').update({ skipped_at: db.fn.now() });
        return { messages: [text((await wordingFor(input.residentId)).skipped ?? SCALES_SKIPPED_TEXT)], risk: 'none' };
      }
      const answers: ScaleAnswers = { ...open.answers, [answer.itemId]: answer.score };
      const scale = SCALES[answer.scale];
      const total = scaleTotal(scale, answers);
      await db('scale_responses')
        .where({ id: open.id })
        .update({ answers: JSON.stringify(answers), ...(total !== undefined ? { total, completed_at: db.fn.now() } : {}) });
      const risk = answer.scale === 'k6' ? k6Risk(answers) : 'none';
      const item = nextItem(scale, answers);
      if (item) return { messages: [itemMessage(answer.scale, item, await wordingFor(input.residentId))], risk };
      const following = SCALE_ORDER[SCALE_ORDER.indexOf(answer.scale) + 1];
      if (following) {
        const next = await startScale({ residentId: input.residentId, consultationId: input.consultationId, scale: following, occasion: open.occasion });
        if (next.length > 0) return { messages: next, risk };
      }
      return { messages: [text((await wordingFor(input.residentId)).done ?? SCALES_DONE_TEXT)], risk };
    },

    async recordSatisfactionComment(input: { consultationId: string; residentId: string; comment: string }): Promise<boolean> {
      return writeSatisfactionComment(db, sealer, input);
    },
  };
}
