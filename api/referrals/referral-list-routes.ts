import type { Knex } from 'knex';
import { z } from 'zod';
import { STAFF_REFERRAL_STATUSES } from '../../contracts/referral-statuses';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import type { TextSealer } from '../../platform/crypto/sealed-text';
import { STAFF_ROLES } from '../auth/roles';
import { visibleCases } from '../consultations/case-access';
import { parseListQuery } from '../http/list-query';
import { RouteSpec, signedInUser } from '../http/route';
import { toReferral } from './referral-routes';

/** Past a deadline and still waiting on the partner: the same rule as the case screen's 期限超過 chip. */
const OVERDUE = "cardinality(r.overdue) > 0 AND r.status IN ('sent','acknowledged','accepted')";
const SORTS = { createdAt: 'r.created_at', sentAt: 'r.sent_at', contactDueAt: 'r.contact_due_at' } as const;

/**
 * 紹介一覧: the referrals of every case the caller may see (need-to-know: staff their own cases,
 * supervisors all), filtered by status, partner and overdue. Shows no personal details.
 */
export function referralListRoutes(deps: { db: Db; profile: MunicipalityProfile; sealer: TextSealer }): RouteSpec[] {
  const { db, profile, sealer } = deps;
  return [
    {
      method: 'get',
      path: '/api/referrals',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const q = parseListQuery(req, Object.keys(SORTS) as [keyof typeof SORTS], 'createdAt', z.object({ status: z.enum(STAFF_REFERRAL_STATUSES).optional(), partnerId: z.string().max(100).optional(), overdue: z.boolean().optional() }));
        const where = (w: Knex.QueryBuilder) => {
          if (q.filter.status) w.where('r.status', q.filter.status);
          if (q.filter.partnerId) w.where('r.organization_id', q.filter.partnerId);
          if (q.filter.overdue !== undefined) w.whereRaw(q.filter.overdue ? OVERDUE : `NOT (${OVERDUE})`);
        };
        const scoped = () => db('referrals as r').join('consultations as c', 'c.id', 'r.consultation_id').where(where).modify(visibleCases(db, user, profile));
        const { count } = (await scoped().count({ count: '*' }).first()) as { count: string };
        const rows = await scoped()
          .join('organizations as o', 'o.id', 'r.organization_id')
          .join('residents as res', 'res.id', 'c.resident_id')
          .select('r.*', 'o.name as partner_name', 'res.code as resident_code')
          .orderByRaw(`${SORTS[q.sort]} ${q.order} nulls last`)
          .orderBy('r.id')
          .limit(q.perPage)
          .offset((q.page - 1) * q.perPage);
        res.json({ data: rows.map((r: Record<string, any>) => ({ ...toReferral(sealer, r), residentCode: r.resident_code as string })), total: Number(count) });
      },
    },
  ];
}
