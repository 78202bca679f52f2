import type { Env } from '../../platform/config';
import type { Db } from '../../platform/db';
import { createLineClient } from '../../platform/line';
import { guessLanguage } from '../queue/script-language';
import { parsePostback } from '../../workflows/consultation/line-messages';

/** Reads the `language` of a LINE user's profile; undefined when LINE does not say or cannot be asked. */
export type LineProfileLanguage = (lineUserId: string) => Promise<string | undefined>;

/** LINE's profile lookup for every relay (in the API or on its own); none without a channel token. */
export function lineProfileLanguageFrom(env: Env): LineProfileLanguage | undefined {
  if (!env.LINE_CHANNEL_ACCESS_TOKEN) return undefined;
  const line = createLineClient(env);
  return async (userId) => (await line.getProfile(userId)).language;
}

type Source = 'line' | 'detected' | 'chosen';
const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
// Latin-script guesses need a sentence to go on: 「ok」 or 「hi」 says nothing about a language.
const MIN_LATIN_CHARS = 12;

/**
 * The language the resident is answered in, remembered on `residents`: a choice from the language menu
 * first; else the LINE profile's `language` (asked once, on first contact); else a guess from what they
 * write (a clear guess replaces an earlier one). Undefined: Japanese. Never throws for LINE: a profile
 * lookup that fails leaves the guess to what the resident writes.
 */
export async function residentLanguage(
  deps: { db: Db; lineProfileLanguage?: LineProfileLanguage },
  residentId: string,
  lineUserId: string,
  event: { kind: string; data?: string; text?: string },
): Promise<string | undefined> {
  const { db } = deps;
  const row: { language: string | null; language_source: Source | null } | undefined = await db('residents').where({ id: residentId }).first('language', 'language_source');
  const remember = async (language: string | null, source: Source) => {
    await db('residents').where({ id: residentId }).update({ language, language_source: source, updated_at: db.fn.now() });
    return language ?? undefined;
  };

  const chosen = event.kind === 'postback' && event.data ? parsePostback(event.data).lang : undefined;
  if (chosen && TAG.test(chosen)) return remember(chosen, 'chosen');
  if (row?.language_source === 'chosen' || row?.language_source === 'line') return row.language ?? undefined;

  if (!row?.language_source && deps.lineProfileLanguage) {
    const fromLine = await deps.lineProfileLanguage(lineUserId).catch(() => undefined);
    if (fromLine && TAG.test(fromLine)) return remember(fromLine, 'line');
  }
  if (event.kind === 'text' && event.text) {
    const guess = guessLanguage(event.text);
    const latin = guess !== null && ['en', 'es', 'pt', 'tl', 'id'].includes(guess);
    const clear = guess !== null && guess !== 'other' && (!latin || event.text.trim().length >= MIN_LATIN_CHARS);
    if (clear && guess !== row?.language) return remember(guess, 'detected');
  }
  // Asked LINE and it had nothing: mark it, so LINE is not asked again on every message.
  if (!row?.language_source) await remember(row?.language ?? null, 'detected');
  return row?.language ?? undefined;
}
