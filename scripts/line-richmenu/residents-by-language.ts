/**
 * Which residents have a menu of their own: the active residents whose remembered language (see
 * api/line-webhook/resident-language.ts) resolves to one of the profile's languages other than
 * Japanese, by that language, as LINE user ids.
 */
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { JAPANESE, resolveLanguage } from '../../workflows/consultation/language';

export async function residentsByLanguage(db: Db, profile: Pick<MunicipalityProfile, 'languages'>): Promise<Record<string, string[]>> {
  const rows: { line_user_id: string; language: string }[] = await db('residents')
    .where({ status: 'active' })
    .whereNotNull('language')
    .whereNotNull('line_user_id')
    .select('line_user_id', 'language');
  const shipped = Object.keys(profile.languages);
  const byLanguage: Record<string, string[]> = {};
  for (const row of rows) {
    const language = resolveLanguage(row.language, shipped);
    if (language !== JAPANESE) (byLanguage[language] ??= []).push(row.line_user_id);
  }
  return byLanguage;
}
