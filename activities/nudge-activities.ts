import type { Db } from '../platform/db';

/** What a new consultation must know of the resident's earlier offers: the caps and a refusal's cooldown hold across consultations. */
export interface ResidentNudgeHistory {
  /** Offers recorded in the resident's other consultations since `sinceMs`. */
  offersMs: number[];
  /** The latest refusal in another consultation since `sinceMs`. */
  lastRefusalMs?: number;
}

export function createNudgeActivities(deps: { db: Db }) {
  const { db } = deps;
  return {
    /** Read-only, so safe to retry; the consultation's own offers are in its state, not counted twice. */
    async loadResidentNudgeHistory(input: { residentId: string; excludeConsultationId: string; sinceMs: number }): Promise<ResidentNudgeHistory> {
      const rows: { event: string; at: Date }[] = await db('nudge_events as n')
        .join('consultations as c', 'c.id', 'n.consultation_id')
        .where('c.resident_id', input.residentId)
        .whereNot('c.id', input.excludeConsultationId)
        .whereIn('n.event', ['offered', 'declined'])
        .where('n.created_at', '>=', new Date(input.sinceMs))
        .orderBy('n.created_at')
        .select('n.event', 'n.created_at as at');
      const refusals = rows.filter((r) => r.event === 'declined').map((r) => r.at.getTime());
      return {
        offersMs: rows.filter((r) => r.event === 'offered').map((r) => r.at.getTime()),
        ...(refusals.length > 0 ? { lastRefusalMs: Math.max(...refusals) } : {}),
      };
    },
  };
}
