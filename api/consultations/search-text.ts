import type { Knex } from 'knex';
import type { Db } from '../../platform/db';
import { TextSealer } from '../../platform/crypto/sealed-text';

/** Cases whose messages a search may return at most; a broader word should be narrowed by the other filters. */
export const TEXT_SEARCH_LIMIT = 500;

/**
 * The one place message text is matched: the ids of the cases within `scope` (a narrowing of
 * `consultations as c`, need-to-know included) that have a message containing `text`, newest first.
 *
 * Message text is sealed at rest, so the database cannot match it: the scoped cases' messages are
 * opened here and matched in memory (case-insensitively). Only cases the caller may read are opened.
 */
export async function casesMentioning(db: Db, sealer: TextSealer, text: string, scope: (q: Knex.QueryBuilder) => void): Promise<string[]> {
  const rows = await db('messages as m')
    .join('consultations as c', 'c.id', 'm.consultation_id')
    .modify(scope)
    .whereNotNull('m.text')
    .orderBy('m.created_at', 'desc')
    .select('m.id', 'm.consultation_id', ...TextSealer.select('text', 'm'));
  const needle = text.toLowerCase();
  const found = new Set<string>();
  for (const row of rows) {
    if (found.size >= TEXT_SEARCH_LIMIT) break;
    if (found.has(row.consultation_id)) continue;
    if ((sealer.open('messages', 'text', row) ?? '').toLowerCase().includes(needle)) found.add(row.consultation_id as string);
  }
  return [...found];
}
