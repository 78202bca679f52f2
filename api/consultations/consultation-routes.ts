import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { publish } from '../../platform/events';
import {
  claimUpdate,
  closeByStaffUpdate,
  consultationWorkflowId,
  releaseUpdate,
  staffMessageUpdate,
  transferUpdate,
} from '../../workflows/consultation/messages';
import { recordAudit } from '../audit/audit-log';
import { withQueuePreviews } from '../queue/queue-preview';
import { STAFF_ROLES } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { parseBody, parseListQuery } from '../http/list-query';
import { RouteSpec, signedInUser } from '../http/route';
import { CONSULTATION_SORTS, consultationDetail, consultationMessages, findConsultation, listConsultations, listQueue } from './consultation-queries';

const uuid = z.uuid();

/** The staff side of a consultation. Actions go to the workflow as updates, so a refusal is immediate. */
export function consultationRoutes(deps: { db: Db; temporal: Client; profile: MunicipalityProfile }): RouteSpec[] {
  const { db, temporal, profile } = deps;

  const load = async (id: string) => {
    const found = uuid.safeParse(id).success ? await findConsultation(db, id) : undefined;
    if (!found) throw new AppError(FailureCode.NotFound, '相談が見つかりません。');
    return found;
  };

  /** Runs a staff action on the resident's workflow; a validator's refusal becomes a 409 in Japanese. */
  const act = async <R>(residentId: string, run: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<R>): Promise<R> => {
    try {
      return await run(temporal.workflow.getHandle(consultationWorkflowId(residentId)));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        throw new AppError(FailureCode.Conflict, 'この操作はいまの相談の状態ではできません。画面を更新して確認してください。', { reason: (err.cause as Error)?.message });
      }
      throw err;
    }
  };

  return [
    {
      method: 'get',
      path: '/api/queue',
      access: STAFF_ROLES,
      handler: async (_req, res) => res.json({ data: await withQueuePreviews(db, await listQueue(db)) }),
    },
    {
      method: 'get',
      path: '/api/consultations',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const q = parseListQuery(req, CONSULTATION_SORTS as [typeof CONSULTATION_SORTS[number], ...typeof CONSULTATION_SORTS], 'openedAt');
        const f = q.filter;
        const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
        const result = await listConsultations(
          db,
          {
            status: str(f.status),
            riskLevel: str(f.riskLevel),
            assignedTo: f.assignedToMe === true ? signedInUser(req).id : undefined,
            waiting: typeof f.waiting === 'boolean' ? f.waiting : undefined,
            openedFrom: str(f.openedFrom),
            openedTo: str(f.openedTo),
            answeredBy: f.answeredBy === 'ai-only' || f.answeredBy === 'with-staff' ? f.answeredBy : undefined,
            residentId: str(f.residentId),
          },
          q,
        );
        res.json(result);
      },
    },
    {
      method: 'get',
      path: '/api/consultations/:id',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        await load(String(req.params.id));
        res.json({ data: await consultationDetail(db, profile, String(req.params.id)) });
      },
    },
    {
      method: 'get',
      path: '/api/consultations/:id/messages',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        await load(String(req.params.id));
        res.json({ data: await consultationMessages(db, String(req.params.id)) });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/claim',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id));
        await act(c.residentId, (h) => h.executeUpdate(claimUpdate, { args: [{ staffId: user.id, staffName: user.displayName }] }));
        await recordAudit(db, user, { action: 'consultation.claim', targetType: 'consultation', targetId: c.id });
        res.json({ data: await findConsultation(db, c.id) });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/messages',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id));
        const body = parseBody(z.object({ text: z.string().trim().min(1, 'メッセージを入力してください').max(2000), clientMessageId: z.uuid() }), req.body);
        const outcome = await act(c.residentId, (h) => h.executeUpdate(staffMessageUpdate, { args: [{ staffId: user.id, text: body.text, clientMessageId: body.clientMessageId }] }));
        await recordAudit(db, user, { action: 'consultation.message', targetType: 'consultation', targetId: c.id, details: { delivery: outcome.status } });
        const message = (await consultationMessages(db, c.id)).reverse().find((m) => m.sender === 'staff');
        res.status(201).json({ data: message });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/release',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id));
        await act(c.residentId, (h) => h.executeUpdate(releaseUpdate, { args: [{ staffId: user.id }] }));
        await recordAudit(db, user, { action: 'consultation.release', targetType: 'consultation', targetId: c.id });
        res.json({ data: await findConsultation(db, c.id) });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/transfer',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id));
        const { staffId } = parseBody(z.object({ staffId: z.uuid() }), req.body);
        const target = await db('staff_users').where({ id: staffId, disabled: false }).whereIn('role', STAFF_ROLES as string[]).first('id', 'display_name');
        if (!target) throw new AppError(FailureCode.BadInput, '引き継ぎ先のスタッフが見つかりません。');
        await act(c.residentId, (h) => h.executeUpdate(transferUpdate, { args: [{ fromStaffId: user.id, to: { staffId: target.id, staffName: target.display_name } }] }));
        await recordAudit(db, user, { action: 'consultation.transfer', targetType: 'consultation', targetId: c.id, details: { to: target.id } });
        res.json({ data: await findConsultation(db, c.id) });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/close',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id));
        // A case that ever reached high risk is closed only after a person recorded a review.
        if (['high', 'imminent'].includes(c.highestRiskLevel) && !(await db('risk_reviews').where({ consultation_id: c.id }).first('id'))) {
          throw new AppError(FailureCode.ReviewRequired, '危険度が「高」以上になった相談です。終了する前にリスク確認を記録してください。');
        }
        if (c.status === 'closed') throw new AppError(FailureCode.Conflict, 'この相談はすでに終了しています。');
        await act(c.residentId, (h) => h.executeUpdate(closeByStaffUpdate, { args: [{ staffId: user.id }] }));
        await recordAudit(db, user, { action: 'consultation.close', targetType: 'consultation', targetId: c.id });
        res.json({ data: await findConsultation(db, c.id) });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/notes',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id));
        const { text } = parseBody(z.object({ text: z.string().trim().min(1).max(4000) }), req.body);
        const [row] = await db('consultation_notes').insert({ consultation_id: c.id, staff_id: user.id, text }).returning('*');
        await recordAudit(db, user, { action: 'consultation.note', targetType: 'consultation', targetId: c.id });
        await publish(db, { type: 'consultation', id: c.id });
        res.status(201).json({ data: { id: row.id, at: new Date(row.created_at).toISOString(), staffName: user.displayName, text } });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/risk-reviews',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id));
        const { note } = parseBody(z.object({ note: z.string().trim().min(1, '確認した内容を記入してください').max(4000) }), req.body);
        const [row] = await db('risk_reviews').insert({ consultation_id: c.id, staff_id: user.id, note }).returning('*');
        await recordAudit(db, user, { action: 'consultation.risk-review', targetType: 'consultation', targetId: c.id });
        await publish(db, { type: 'consultation', id: c.id });
        res.status(201).json({ data: { id: row.id, at: new Date(row.created_at).toISOString(), staffName: user.displayName, note } });
      },
    },
    {
      method: 'post',
      path: '/api/alerts/:id/acknowledge',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const id = String(req.params.id);
        const alert = uuid.safeParse(id).success ? await db('alerts').where({ id }).first() : undefined;
        if (!alert) throw new AppError(FailureCode.NotFound, 'アラートが見つかりません。');
        await db('alerts').where({ id }).whereNull('acknowledged_at').update({ acknowledged_at: db.fn.now(), acknowledged_by: user.id });
        await recordAudit(db, user, { action: 'alert.acknowledge', targetType: 'alert', targetId: id });
        await publish(db, { type: 'consultation', id: alert.consultation_id });
        res.json({ data: { id, acknowledged: true } });
      },
    },
    {
      method: 'get',
      path: '/api/me/availability',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const row = await db('staff_users').where({ id: signedInUser(req).id }).first('available');
        res.json({ data: { available: Boolean(row?.available) } });
      },
    },
    {
      method: 'put',
      path: '/api/me/availability',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const { available } = parseBody(z.object({ available: z.boolean() }), req.body);
        await db('staff_users').where({ id: user.id }).update({ available });
        await recordAudit(db, user, { action: available ? 'staff.available' : 'staff.unavailable' });
        await publish(db, { type: 'queue' });
        res.json({ data: { available } });
      },
    },
    {
      method: 'get',
      path: '/api/staff-on-duty',
      access: STAFF_ROLES,
      handler: async (_req, res) => {
        const rows = await db('staff_users as u')
          .leftJoin('consultations as c', function active() {
            this.on('c.assigned_staff_id', '=', 'u.id').andOnVal('c.status', '=', 'with_staff');
          })
          .where({ 'u.available': true, 'u.disabled': false })
          .whereIn('u.role', STAFF_ROLES as string[])
          .groupBy('u.id', 'u.display_name')
          .orderBy('u.display_name')
          .select('u.id', 'u.display_name', db.raw('count(c.id)::int as active_cases'));
        res.json({ data: rows.map((r) => ({ id: r.id, displayName: r.display_name, activeCases: r.active_cases })) });
      },
    },
    {
      method: 'get',
      path: '/api/residents',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const q = parseListQuery(req, ['followedAt', 'code', 'lastConsultationAt'] as const, 'followedAt');
        const column = { followedAt: 'r.followed_at', code: 'r.code', lastConsultationAt: 'last_consultation_at' }[q.sort];
        const query = db('residents as r').where((w) => {
          if (typeof q.filter.q === 'string' && q.filter.q) w.whereILike('r.code', `%${q.filter.q.replace(/[%_\\]/g, '\\$&')}%`);
          if (typeof q.filter.status === 'string') w.where('r.status', q.filter.status);
        });
        const [{ count }] = await query.clone().count<{ count: string }[]>('* as count');
        const rows = await query
          .select('r.id', 'r.code', 'r.status', 'r.followed_at', db.raw('(select count(*) from consultations c where c.resident_id = r.id)::int as consultation_count'), db.raw('(select max(opened_at) from consultations c where c.resident_id = r.id) as last_consultation_at'))
          .orderByRaw(`${column} ${q.order} nulls last`)
          .limit(q.perPage)
          .offset((q.page - 1) * q.perPage);
        res.json({ data: rows.map(toResident), total: Number(count) });
      },
    },
    {
      method: 'get',
      path: '/api/residents/:id',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const id = String(req.params.id);
        const row = uuid.safeParse(id).success
          ? await db('residents as r')
              .where('r.id', id)
              .first('r.id', 'r.code', 'r.status', 'r.followed_at', db.raw('(select count(*) from consultations c where c.resident_id = r.id)::int as consultation_count'), db.raw('(select max(opened_at) from consultations c where c.resident_id = r.id) as last_consultation_at'))
          : undefined;
        if (!row) throw new AppError(FailureCode.NotFound, '相談者が見つかりません。');
        const consultations = await listConsultations(db, { residentId: id }, { page: 1, perPage: 200, sort: 'openedAt', order: 'desc' });
        res.json({ data: { ...toResident(row), consultations: consultations.data } });
      },
    },
  ];
}

/** Residents by pseudonymous code; the LINE user id is never part of any answer. */
function toResident(r: Record<string, any>) {
  return {
    id: r.id as string,
    code: r.code as string,
    status: r.status as string,
    followedAt: r.followed_at ? new Date(r.followed_at).toISOString() : null,
    consultationCount: Number(r.consultation_count ?? 0),
    lastConsultationAt: r.last_consultation_at ? new Date(r.last_consultation_at).toISOString() : null,
  };
}
