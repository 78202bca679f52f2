import type { Knex } from 'knex';
import type { Db } from '../../platform/db';
import { containsPattern } from '../http/list-query';

/** Cases whose messages a search may return at most; a broader word should be narrowed by the other filters. */
export const TEXT_SEARCH_LIMIT = 500;

/**
 * The one place message text is matched: the ids of the cases within `scope` (a narrowing of
 * `consultations as c`, need-to-know included) that have a message containing `text`, newest first.
 *
 * Kept to this function on purpose: when message text is encrypted at rest, this becomes
 * "decrypt the scoped cases' messages and match in memory", and no caller changes.
 */
export async function casesMentioning(db: Db, text: string, scope: (q: Knex.QueryBuilder) => void): Promise<string[]> {
  const rows = await db('messages as m')
    .join('consultations as c', 'c.id', 'm.consultation_id')
    .modify(scope)
    .whereILike('m.text', containsPattern(text))
    .groupBy('c.id')
    .orderByRaw('max(m.created_at) desc')
    .limit(TEXT_SEARCH_LIMIT)
    .select('c.id');
  return rows.map((r: { id: string }) => r.id);
}
