import { maskPersonalData } from '../../activities/listening/pii-mask';
import { TextSealer } from '../../platform/crypto/sealed-text';
import type { Db } from '../../platform/db';
import { guessLanguage, GuessedLanguage } from './script-language';

const PREVIEW_CHARS = 60;

export interface QueuePreview {
  lastMessage: { at: string; kind: string; text: string | null } | null;
  language: GuessedLanguage | null;
}

/**
 * The resident's latest message for each queued case, cut short, and the language it seems to be
 * in. Staff may read every message of a case they can open, so the preview tells no more than that.
 */
export async function withQueuePreviews<T extends { id: string }>(db: Db, sealer: TextSealer, cases: T[]): Promise<(T & QueuePreview)[]> {
  if (cases.length === 0) return [];
  const rows = await db('messages')
    .distinctOn('consultation_id')
    .whereIn(
      'consultation_id',
      cases.map((c) => c.id),
    )
    .where({ sender: 'resident' })
    .whereNot({ kind: 'postback' })
    .orderBy([{ column: 'consultation_id' }, { column: 'created_at', order: 'desc' }])
    .select('id', 'consultation_id', 'created_at', 'kind', ...TextSealer.select('text'));
  const latest = new Map(rows.map((r) => [r.consultation_id as string, r]));
  return cases.map((c) => {
    const m = latest.get(c.id);
    // Masked like everything the model sees: a list on a shared screen shows no phone numbers or addresses.
    // One message opened per queued case: the list never decrypts whole conversations.
    const opened = m ? sealer.open('messages', 'text', m) : null;
    const text = opened ? maskPersonalData(opened) : null;
    return {
      ...c,
      lastMessage: m ? { at: new Date(m.created_at).toISOString(), kind: m.kind as string, text: text && text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text } : null,
      language: guessLanguage(text),
    };
  });
}
