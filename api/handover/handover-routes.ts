import { z } from 'zod';
import type { MunicipalityProfile } from '../../platform/config/profile';
import { TextSealer } from '../../platform/crypto/sealed-text';
import type { Db } from '../../platform/db';
import { publish } from '../../platform/events';
import { recordAudit } from '../audit/audit-log';
import { STAFF_ROLES } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { parseBody } from '../http/list-query';
import { RouteSpec, signedInUser } from '../http/route';
import { buildHandoverSummary, HandoverFacts } from './handover-summary';

const uuid = z.uuid();
const iso = (v: Date | string) => new Date(v).toISOString();

async function loadFacts(db: Db, profile: MunicipalityProfile, sealer: TextSealer, consultationId: string): Promise<HandoverFacts | undefined> {
  const consultation = await db('consultations as c').join('residents as r', 'r.id', 'c.resident_id').where('c.id', consultationId).first('c.id', 'r.intake');
  if (!consultation) return undefined;
  const [risks, messages, nudges] = await Promise.all([
    db('risk_assessments').where({ consultation_id: consultationId }).orderBy('created_at').select('created_at', 'level', 'categories'),
    db('messages').where({ consultation_id: consultationId, sender: 'resident' }).orderBy('created_at').orderBy('id').select('id', 'created_at', 'kind', 'payload', ...TextSealer.select('text')),
    db('nudge_events').where({ consultation_id: consultationId, event: 'accepted' }).orderBy('created_at').select('created_at'),
  ]);
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
  const facts = async (id: string) => {
    const found = uuid.safeParse(id).success ? await loadFacts(db, profile, sealer, id) : undefined;
    if (!found) throw new AppError(FailureCode.NotFound, '相談が見つかりません。');
    return found;
  };
  const edited = async (id: string) => {
    const row = await db('handover_summaries as h').leftJoin('staff_users as s', 's.id', 'h.staff_id').where('h.consultation_id', id).first('h.consultation_id', ...TextSealer.select('text', 'h'), 'h.updated_at', 's.display_name');
    return row ? { text: sealer.open('handover_summaries', 'text', row, id) as string, at: iso(row.updated_at), staffName: (row.display_name as string | null) ?? null } : null;
  };
  return [
    {
      method: 'get',
      path: '/api/consultations/:id/handover',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const id = String(req.params.id);
        const generated = buildHandoverSummary(await facts(id));
        res.json({ data: { id, generated, edited: await edited(id) } });
      },
    },
    {
      method: 'put',
      path: '/api/consultations/:id/handover',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const id = String(req.params.id);
        const generated = buildHandoverSummary(await facts(id));
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
        res.json({ data: { id, generated, edited: await edited(id) } });
      },
    },
  ];
}
