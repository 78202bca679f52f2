import { z } from 'zod';
import type { MunicipalityProfile } from '../../platform/config/profile';
import { TextSealer } from '../../platform/crypto/sealed-text';
import type { Db } from '../../platform/db';
import { publish } from '../../platform/events';
import { recordAudit } from '../audit/audit-log';
import { STAFF_ROLES } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { parseBody } from '../http/list-query';
import { RouteSpec, SignedInUser, signedInUser } from '../http/route';
import { assertCanSeeCase } from '../consultations/case-access';
import { buildHandoverSummary, type HandoverFacts } from './handover-summary';

const uuid = z.uuid();
const iso = (v: Date | string) => new Date(v).toISOString();

async function loadFacts(db: Db, profile: MunicipalityProfile, sealer: TextSealer, consultationId: string): Promise<HandoverFacts | undefined> {
  const consultation = await db('consultations as c').join('residents as r', 'r.id', 'c.resident_id').where('c.id', consultationId).first('c.id', 'r.intake');
  if (!consultation) return undefined;
  // One after another: called inside the audited read's transaction (one connection).
  const risks = await db('risk_assessments').where({ consultation_id: consultationId }).orderBy('created_at').select('created_at', 'level', 'categories');
  const messages = await db('messages').where({ consultation_id: consultationId, sender: 'resident' }).orderBy('created_at').orderBy('id').select('id', 'created_at', 'kind', 'payload', ...TextSealer.select('text'));
  const nudges = await db('nudge_events').where({ consultation_id: consultationId, event: 'accepted' }).orderBy('created_at').select('created_at');
  const intake = (consultation.intake ?? {}) as Record<string, string>;
  const menuRequests = messages
    .filter((m) => m.kind === 'postback' && new URLSearchParams(String((m.payload as { data?: string })?.data ?? '')).get('menu') === 'staff')
    .map((m) => ({ at: iso(m.created_at), via: 'menu' as const }));
  return {
    intake: profile.intake.questions
      .filter((q) => intake[q.id] !== undefined)
      .map((q) => ({ questionId: q.id, question: q.text, answer: q.options.find((o) => o.value === intake[q.id])?.label ?? intake[q.id] })),
    risks: risks.map((r) => ({ at: iso(r.created_at), level: r.level, categories: r.categories })),
    requests: [...menuRequests, ...nudges.map((n) => ({ at: iso(n.created_at), via: 'nudge' as const }))].sort((a, b) => a.at.localeCompare(b.at)),
    residentTexts: messages.filter((m) => m.kind === 'text' && m.text).map((m) => sealer.open('messages', 'text', m) as string),
  };
}

/**
 * `GET /api/consultations/:id/handover`: the generated hand-over and, once a staff member edited
 * it, their saved text. `PUT` saves an edit; an empty text goes back to the generated one.
 */
export function handoverRoutes(deps: { db: Db; profile: MunicipalityProfile; sealer: TextSealer }): RouteSpec[] {
  const { db, profile, sealer } = deps;
  /** The case's facts, for a caller who may see the case (404 for an unknown id, 403 outside need-to-know). */
  const facts = async (trx: Db, id: string, user: SignedInUser) => {
    const notFound = new AppError(FailureCode.NotFound, '相談が見つかりません。');
    if (!uuid.safeParse(id).success || !(await trx('consultations').where({ id }).first('id'))) throw notFound;
    await assertCanSeeCase(trx, user, profile, id);
    const found = await loadFacts(trx, profile, sealer, id);
    if (!found) throw notFound;
    return found;
  };
  const edited = async (trx: Db, id: string) => {
    const row = await trx('handover_summaries as h').leftJoin('staff_users as s', 's.id', 'h.staff_id').where('h.consultation_id', id).first('h.consultation_id', ...TextSealer.select('text', 'h'), 'h.updated_at', 's.display_name');
    return row ? { text: sealer.open('handover_summaries', 'text', row, id) as string, at: iso(row.updated_at), staffName: (row.display_name as string | null) ?? null } : null;
  };
  return [
    {
      method: 'get',
      path: '/api/consultations/:id/handover',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const id = String(req.params.id);
        // The summary quotes the resident: the read and its audit entry commit together.
        const data = await db.transaction(async (trx) => {
          const generated = buildHandoverSummary(await facts(trx, id, user));
          await recordAudit(trx, user, { action: 'consultation.read-handover', targetType: 'consultation', targetId: id });
          return { id, generated, edited: await edited(trx, id) };
        });
        res.json({ data });
      },
    },
    {
      method: 'put',
      path: '/api/consultations/:id/handover',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const id = String(req.params.id);
        const generated = buildHandoverSummary(await facts(db, id, user));
        const { text } = parseBody(z.object({ text: z.string().trim().max(4000) }), req.body);
        if (text) {
          await db('handover_summaries')
            .insert({ consultation_id: id, ...sealer.seal('handover_summaries', 'text', id, text), staff_id: user.id, updated_at: db.fn.now() })
            .onConflict('consultation_id')
            .merge(['text', 'text_key_id', 'staff_id', 'updated_at']);
        } else {
          await db('handover_summaries').where({ consultation_id: id }).delete();
        }
        await recordAudit(db, user, { action: 'consultation.handover-edit', targetType: 'consultation', targetId: id });
        await publish(db, { type: 'consultation', id });
        res.json({ data: { id, generated, edited: await edited(db, id) } });
      },
    },
  ];
}
