import type OpenAI from 'openai';
import { maskForTranslation } from '../../activities/listening/pii-mask';
import { TextSealer } from '../../platform/crypto/sealed-text';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/logger';
import { JAPANESE } from '../../workflows/consultation/language';

/** The model is told this; the OpenAI stand-in recognises it (test/stand-ins/openai-api.ts). */
export const TRANSLATION_INSTRUCTION = (language: string) =>
  `Translate the user's message into ${language}. Answer with the translation only. Keep every placeholder such as ⟦1⟧ exactly as it is.`;

const MODEL_TIMEOUT_MS = 15_000;
// Translating a case's backlog at once: a few calls in parallel, the latest messages first.
const BATCH = 40;
const PARALLEL = 4;
const MAX_CHARS = 5_000;

/** English names are what the model follows best: `vi` → Vietnamese, `pt-BR` → Brazilian Portuguese. */
const languageName = (code: string) => new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;

export type Translator = ReturnType<typeof createTranslator>;

/**
 * Machine translation for staff, when a model is configured. Personal details are masked before the
 * model sees the text and put back after; a translation that lost one, an empty one, or a model
 * failure is `undefined`, never a half translation. Texts and translations are never logged.
 */
export function createTranslator(deps: { llm?: OpenAI; model: string; logger: Logger }) {
  const { llm } = deps;
  return {
    available: llm !== undefined,
    async translate(text: string, to: string): Promise<string | undefined> {
      if (!llm) return undefined;
      const { masked, unmask } = maskForTranslation(text);
      try {
        const completion = await llm.chat.completions.create(
          {
            model: deps.model,
            temperature: 0,
            max_tokens: 1200,
            messages: [
              { role: 'system', content: TRANSLATION_INSTRUCTION(languageName(to)) },
              { role: 'user', content: masked },
            ],
          },
          { timeout: MODEL_TIMEOUT_MS, maxRetries: 1 },
        );
        const answer = completion.choices[0]?.message?.content?.trim();
        const restored = answer ? unmask(answer) : undefined;
        if (!restored || restored.length > MAX_CHARS) {
          deps.logger.warn({ to }, 'machine translation unusable (empty, too long, or a masked detail lost)');
          return undefined;
        }
        return restored;
      } catch (err) {
        deps.logger.warn({ to, error: (err as Error).name }, 'machine translation unavailable');
        return undefined;
      }
    },
  };
}

/** The resident's language when it is not Japanese (the language staff read), else undefined. */
export async function foreignLanguageOf(db: Db, consultationId: string): Promise<string | undefined> {
  const row = await db('consultations as c').join('residents as r', 'r.id', 'c.resident_id').where('c.id', consultationId).first('r.language');
  const code = row?.language as string | null | undefined;
  return code && code.split('-')[0].toLowerCase() !== JAPANESE ? code : undefined;
}

/**
 * Translates into Japanese what the resident wrote and staff have not yet had translated, and keeps
 * each translation sealed beside its message, so a case is translated once, not on every view.
 */
export async function translateResidentMessages(db: Db, sealer: TextSealer, translator: Translator, consultationId: string): Promise<void> {
  if (!translator.available || !(await foreignLanguageOf(db, consultationId))) return;
  const rows = await db('messages')
    .where({ consultation_id: consultationId, sender: 'resident', kind: 'text' })
    .whereNotNull('text')
    .whereNull('paired_text')
    .orderBy('created_at', 'desc')
    .limit(BATCH)
    .select('id', ...TextSealer.select('text'));
  for (let i = 0; i < rows.length; i += PARALLEL) {
    await Promise.all(
      rows.slice(i, i + PARALLEL).map(async (row) => {
        const original = sealer.open('messages', 'text', row);
        const japanese = original ? await translator.translate(original, JAPANESE) : undefined;
        if (!japanese) return;
        await db('messages')
          .where({ id: row.id })
          .whereNull('paired_text')
          .update({ ...sealer.seal('messages', 'paired_text', row.id, japanese), paired_language: JAPANESE, paired_role: 'translation' });
      }),
    );
  }
}

/** Keeps what staff wrote beside the machine translation the resident received (the message's `text`). */
export async function keepStaffOriginal(db: Db, sealer: TextSealer, sendKey: string, original: string): Promise<void> {
  const row = await db('messages').where({ send_key: sendKey }).first('id');
  if (!row) return;
  await db('messages')
    .where({ id: row.id })
    .update({ ...sealer.seal('messages', 'paired_text', row.id, original), paired_language: JAPANESE, paired_role: 'original' });
}
