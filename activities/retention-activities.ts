import type { MunicipalityProfile } from '../platform/config/profile';
import { clearedSealed } from '../platform/crypto/sealed-text';
import type { Db } from '../platform/db';

/**
 * Enforces the profile's `retention`: the words go, the rows stay (kinds, times, risk levels, who
 * answered), so every report figure for any period is the same after a run as before. Idempotent:
 * a retried run finds nothing more to remove. Records what it removed in `retention_runs`.
 */
export function createRetentionActivities(deps: { db: Db; profile: MunicipalityProfile }) {
  const { db } = deps;
  return {
    async enforceRetention(): Promise<Record<string, number>> {
      const r = deps.profile.retention;
      return db.transaction(async (trx) => {
        const expired = trx('consultations').where('status', 'closed').whereRaw("closed_at < now() - ? * interval '1 day'", [r.caseTextDaysAfterClose]).select('id');
        const removed = {
          messageTexts: await trx('messages').whereIn('consultation_id', expired).where((w) => w.whereNotNull('text').orWhereRaw("payload <> '{}'::jsonb")).update({ ...clearedSealed('text'), payload: '{}' }),
          summaries: await trx('consultations').whereIn('id', expired).whereNotNull('summary').update(clearedSealed('summary')),
          notes: await trx('consultation_notes').whereIn('consultation_id', expired).whereNot('text', '').update(clearedSealed('text', '')),
          reviewNotes: await trx('risk_reviews').whereIn('consultation_id', expired).whereNot('note', '').update(clearedSealed('note', '')),
          handovers: await trx('handover_summaries').whereIn('consultation_id', expired).delete(),
          satisfactionComments: await trx('satisfaction_responses').whereIn('consultation_id', expired).whereNotNull('comment').update(clearedSealed('comment')),
          // The rows stay (reports count follows and blocks, redeliveries are recognised by id); the event goes.
          inboxEvents: await trx('webhook_inbox')
            .whereIn('status', ['relayed', 'ignored'])
            .whereRaw("coalesce(relayed_at, received_at) < now() - ? * interval '1 day'", [r.inboxDaysAfterRelay])
            .whereRaw("event <> '{\"pruned\": true}'::jsonb")
            .update({ event: JSON.stringify({ pruned: true }) }),
          sessions: await trx('staff_sessions').whereRaw("expires_at < now() - ? * interval '1 day' OR last_seen_at < now() - ? * interval '1 day'", [r.sessionDays, r.sessionDays]).delete(),
          signInCounters: await trx('sign_in_throttle').whereRaw("window_started_at < now() - interval '1 day'").delete(),
          auditEntries: Number((await trx.raw("SELECT audit_log_purge(now() - ? * interval '1 day') AS n", [r.auditDays])).rows[0].n),
        };
        await trx('retention_runs').insert({ removed: JSON.stringify(removed) });
        return removed;
      });
    },
  };
}
