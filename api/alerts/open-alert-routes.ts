import type { Db } from '../../platform/db';
import { STAFF_ROLES } from '../auth/roles';
import type { RouteSpec } from '../http/route';

/**
 * Alert kinds pinned on every dashboard screen until a person acknowledges them. Unclaimed-case and
 * referral alerts show on their case; a crisis must not wait for someone to open the right screen.
 */
export const PINNED_ALERT_KINDS = ['crisis'] as const;
const RISK_ORDER = "array_position(ARRAY['none','low','medium','high','imminent'], a.level)";

/** Unacknowledged crisis alerts, riskiest and oldest first; the resident appears by code only. */
export async function listPinnedAlerts(db: Db) {
  const rows = await db('alerts as a')
    .join('consultations as c', 'c.id', 'a.consultation_id')
    .join('residents as r', 'r.id', 'c.resident_id')
    .whereIn('a.kind', PINNED_ALERT_KINDS as unknown as string[])
    .whereNull('a.acknowledged_at')
    .orderByRaw(`${RISK_ORDER} desc nulls last`)
    .orderBy('a.created_at', 'asc')
    .select('a.id', 'a.kind', 'a.level', 'a.channel', 'a.created_at', 'a.consultation_id', 'r.code as resident_code');
  return rows.map((a) => ({
    id: a.id as string,
    kind: a.kind as string,
    level: (a.level as string | null) ?? null,
    channel: a.channel as string,
    createdAt: new Date(a.created_at).toISOString(),
    consultationId: a.consultation_id as string,
    residentCode: a.resident_code as string,
  }));
}

/** `GET /api/alerts/open`: what the dashboard's pinned banner shows (acknowledge: `POST /api/alerts/:id/acknowledge`). */
export function openAlertRoutes(deps: { db: Db }): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/alerts/open',
      access: STAFF_ROLES,
      handler: async (_req, res) => res.json({ data: await listPinnedAlerts(deps.db) }),
    },
  ];
}
