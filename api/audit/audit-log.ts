import type { Db } from '../../platform/db';
import type { SignedInUser } from '../http/route';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Never message text or personal details: ids, counts and field names only. */
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, actor: Pick<SignedInUser, 'id' | 'email'> | null, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    actor_id: actor?.id ?? null,
    actor_email: actor?.email ?? null,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    details: JSON.stringify(entry.details ?? {}),
  });
}
