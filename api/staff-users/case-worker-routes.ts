import type { Db } from '../../platform/db';
import { STAFF_ROLES } from '../auth/roles';
import type { RouteSpec } from '../http/route';

/** `GET /api/case-workers`: who works on cases (names only), for the staff filter of the case search. */
export function caseWorkerRoutes(deps: { db: Db }): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/case-workers',
      access: STAFF_ROLES,
      handler: async (_req, res) => {
        const rows = await deps.db('staff_users').whereIn('role', STAFF_ROLES as string[]).where({ disabled: false }).orderBy('display_name').select('id', 'display_name');
        res.json({ data: rows.map((r) => ({ id: r.id as string, name: r.display_name as string })) });
      },
    },
  ];
}
