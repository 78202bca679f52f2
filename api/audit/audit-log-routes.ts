import type { Db } from '../../platform/db';
import { OVERSIGHT } from '../auth/roles';
import { z } from 'zod';
import { parseListQuery } from '../http/list-query';
import type { RouteSpec } from '../http/route';

export function auditLogRoutes(deps: { db: Db }): RouteSpec[] {
  const { db } = deps;
  return [
    {
      method: 'get',
      path: '/api/audit-log',
      access: OVERSIGHT,
      handler: async (req, res) => {
        const q = parseListQuery(req, ['at', 'action'] as const, 'at', z.object({ action: z.string().max(100).optional(), actorId: z.uuid().optional() }));
        const query = db('audit_log').where((w) => {
          if (q.filter.action) w.where('action', q.filter.action);
          if (q.filter.actorId) w.where('actor_id', q.filter.actorId);
        });
        const [{ count }] = await query.clone().count<{ count: string }[]>('* as count');
        const rows = await query.orderBy(q.sort, q.order).orderBy('id', q.order).limit(q.perPage).offset((q.page - 1) * q.perPage);
        res.json({
          data: rows.map((r) => ({
            id: String(r.id),
            at: new Date(r.at).toISOString(),
            actorId: r.actor_id,
            actorEmail: r.actor_email,
            action: r.action,
            targetType: r.target_type,
            targetId: r.target_id,
            details: r.details,
          })),
          total: Number(count),
        });
      },
    },
  ];
}
