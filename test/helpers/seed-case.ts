import crypto from 'node:crypto';
import type { Db } from '../../platform/db';

export interface SeededCase {
  id: string;
  residentId: string;
  residentCode: string;
}

/**
 * A case as the workflow would have left it, written with knex: a resident, the consultation and
 * its messages (the resident's by default). For list and search tests that need no conversation.
 */
export async function seedCase(
  db: Db,
  c: { status: string; assigned?: string; highest?: string; closedDaysAgo?: number; openedDaysAgo?: number; messages?: { sender: 'resident' | 'ai' | 'staff'; text: string; staffId?: string }[] },
): Promise<SeededCase> {
  const code = `R-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
  const [resident] = await db('residents').insert({ code, line_user_id: 'U' + crypto.randomBytes(16).toString('hex') }).returning('id');
  const closedAt = c.closedDaysAgo === undefined ? null : new Date(Date.now() - c.closedDaysAgo * 86_400_000);
  const openedAt = new Date(Date.now() - (c.openedDaysAgo ?? 0) * 86_400_000);
  const [row] = await db('consultations')
    .insert({
      resident_id: resident.id,
      workflow_id: `consultation-${resident.id}`,
      status: c.status,
      assigned_staff_id: c.assigned ?? null,
      highest_risk_level: c.highest ?? 'none',
      risk_level: c.highest ?? 'none',
      opened_at: openedAt,
      closed_at: closedAt,
      waiting_since: c.status === 'waiting_for_staff' ? new Date() : null,
    })
    .returning('id');
  for (const m of c.messages ?? [{ sender: 'resident' as const, text: '家に帰りたくない' }]) {
    await db('messages').insert({ consultation_id: row.id, resident_id: resident.id, direction: m.sender === 'resident' ? 'in' : 'out', sender: m.sender, staff_id: m.staffId ?? null, text: m.text });
  }
  return { id: row.id as string, residentId: resident.id as string, residentCode: code };
}
