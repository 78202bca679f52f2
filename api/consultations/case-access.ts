import type { Knex } from 'knex';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import type { Role } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import type { SignedInUser } from '../http/route';

/**
 * Need-to-know. Supervisors and admins see every case. Staff see the queue, the cases offered,
 * assigned or transferred to them (a transfer assigns), those they wrote in within
 * `access.recentCaseDays` of closing, and any case they opened by break-glass (a stated reason,
 * audited, for `access.breakGlassMinutes`). Everything else answers 403.
 */
export const SEES_ALL_CASES: readonly Role[] = ['admin', 'supervisor'];
export const seesAllCases = (user: Pick<SignedInUser, 'role'>) => SEES_ALL_CASES.includes(user.role);

/** Narrows a query on `consultations as c` to the cases `user` may see. */
export function visibleCases(db: Db, user: Pick<SignedInUser, 'id' | 'role'>, profile: MunicipalityProfile) {
  return (q: Knex.QueryBuilder) => {
    if (seesAllCases(user)) return;
    q.where((w) =>
      w
        .where('c.status', 'waiting_for_staff')
        .orWhere('c.offered_to_staff_id', user.id)
        .orWhere('c.assigned_staff_id', user.id)
        .orWhereExists(
          db('messages as m')
            .whereRaw('m.consultation_id = c.id')
            .where('m.staff_id', user.id)
            .whereRaw("(c.closed_at IS NULL OR c.closed_at > now() - ? * interval '1 day')", [profile.access.recentCaseDays]),
        )
        .orWhereExists(db('case_access_grants as g').whereRaw('g.consultation_id = c.id').where('g.staff_id', user.id).whereRaw('g.expires_at > now()')),
    );
  };
}

export async function canSeeCase(db: Db, user: Pick<SignedInUser, 'id' | 'role'>, profile: MunicipalityProfile, consultationId: string): Promise<boolean> {
  if (seesAllCases(user)) return true;
  const row = await db('consultations as c').where('c.id', consultationId).modify(visibleCases(db, user, profile)).first('c.id');
  return Boolean(row);
}

export function notYourCase(): AppError {
  return new AppError(FailureCode.Forbidden, 'この相談を見る権限がありません。担当外の相談は、理由を記録して閲覧（緊急閲覧）するか、スーパーバイザーに依頼してください。', { breakGlass: true });
}

/** Throws 403 unless `user` may see the case. */
export async function assertCanSeeCase(db: Db, user: SignedInUser, profile: MunicipalityProfile, consultationId: string): Promise<void> {
  if (!(await canSeeCase(db, user, profile, consultationId))) throw notYourCase();
}
