import crypto from 'node:crypto';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { TextSealer } from '../../platform/crypto/sealed-text';
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
import { OVERSIGHT, STAFF_ROLES } from '../auth/roles';
import { withQueuePreviews } from '../queue/queue-preview';
import { AppError, FailureCode } from '../http/errors';
import { calendarDate, parseBody, parseListQuery, searchText } from '../http/list-query';
import { RouteSpec, SignedInUser, signedInUser } from '../http/route';
import { casesMentioning } from './search-text';
import { assertCanSeeCase, notYourCase, seesAllCases, visibleCases } from './case-access';
import { isInlineImage } from '../../activities/media/media-content';
import { CONSULTATION_SORTS, consultationDetail, consultationMessages, findConsultation, listConsultations, listQueue } from './consultation-queries';
import { CONSULTATION_STATUSES } from '../../contracts/consultation-statuses';
import { foreignLanguageOf, keepStaffOriginal, translateResidentMessages, type Translator } from './translation';

const uuid = z.uuid();
const RISK_LEVELS = ['none', 'low', 'medium', 'high', 'imminent'] as const;
const consultationFilter = z.object({
  status: z.enum(CONSULTATION_STATUSES).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  assignedToMe: z.boolean().optional(),
  waiting: z.boolean().optional(),
  openedFrom: calendarDate.optional(),
  openedTo: calendarDate.optional(),
  answeredBy: z.enum(['ai-only', 'with-staff']).optional(),
  residentId: z.uuid().optional(),
  residentCode: searchText.optional(),
  staffId: z.uuid().optional(),
  partnerId: z.string().max(100).optional(),
  /** Message text: searched only within the cases the caller may read, and audited. */
  text: z.string().trim().min(1).max(100).optional(),
});
const residentFilter = z.object({ q: searchText.optional(), status: z.enum(['active', 'unreachable', 'erased']).optional() });

/** The staff side of a consultation. Actions go to the workflow as updates, so a refusal is immediate. */
export function consultationRoutes(deps: { db: Db; temporal: Client; profile: MunicipalityProfile; sealer: TextSealer; translator: Translator }): RouteSpec[] {
  const { db, temporal, profile, sealer, translator } = deps;

  /** The case, if it exists and `user` may see it (need-to-know: see case-access.ts). */
  const load = async (id: string, user: SignedInUser) => {
    const found = uuid.safeParse(id).success ? await findConsultation(db, id) : undefined;
    if (!found) throw new AppError(FailureCode.NotFound, '相談が見つかりません。');
    await assertCanSeeCase(db, user, profile, found.id);
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

  /** What a staff message becomes in the resident's language; a failure stops the send and says how to go on. */
  const translatedForResident = async (consultationId: string, text: string): Promise<string> => {
    if (!translator.available) throw new AppError(FailureCode.Conflict, '翻訳は利用できません（翻訳モデルが設定されていません）。翻訳せずに送ってください。');
    const language = await foreignLanguageOf(db, consultationId);
    if (!language) throw new AppError(FailureCode.Conflict, 'この相談者は日本語で話しています。翻訳せずに送ってください。');
    const translated = await translator.translate(text, language);
    if (!translated) throw new AppError(FailureCode.Unavailable, '翻訳できませんでした。メッセージは送っていません。翻訳せずに送るか、しばらくしてからもう一度お試しください。');
    return translated;
  };

  return [
    {
      method: 'get',
      path: '/api/queue',
      access: STAFF_ROLES,
      handler: async (_req, res) => res.json({ data: await withQueuePreviews(db, sealer, await listQueue(db)) }),
    },
    {
      method: 'get',
      path: '/api/consultations',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const q = parseListQuery(req, CONSULTATION_SORTS as [typeof CONSULTATION_SORTS[number], ...typeof CONSULTATION_SORTS], 'openedAt', consultationFilter);
        const { assignedToMe, text, ...f } = q.filter;
        const visible = visibleCases(db, user, profile);
        if (!text) return res.json(await listConsultations(db, { ...f, assignedTo: assignedToMe ? user.id : undefined, visible }, q));
        // Searching message text reads it: the search and its trace commit together (never the words searched for).
        const result = await db.transaction(async (trx) => {
          const ids = await casesMentioning(trx, sealer, text, visible);
          await recordAudit(trx, user, { action: 'consultation.search-text', targetType: 'consultation', details: { matches: ids.length } });
          return listConsultations(trx, { ...f, assignedTo: assignedToMe ? user.id : undefined, visible: visibleCases(trx, user, profile), ids }, q);
        });
        res.json(result);
      },
    },
    {
      method: 'get',
      path: '/api/consultations/:id',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id), user);
        // The read and its audit entry commit together: no read without a trace.
        const data = await db.transaction(async (trx) => {
          await recordAudit(trx, user, { action: 'consultation.view', targetType: 'consultation', targetId: c.id });
          return consultationDetail(trx, profile, sealer, c.id);
        });
        // Staff are offered machine translation only when a model is configured (「翻訳は利用できません」 otherwise).
        res.json({ data: data && { ...data, translationAvailable: translator.available } });
      },
    },
    {
      method: 'get',
      path: '/api/consultations/:id/messages',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id), user);
        // A foreign-language resident's words are shown with their Japanese machine translation, kept once made.
        await translateResidentMessages(db, sealer, translator, c.id);
        const data = await db.transaction(async (trx) => {
          await recordAudit(trx, user, { action: 'consultation.read-messages', targetType: 'consultation', targetId: c.id });
          return consultationMessages(trx, sealer, c.id);
        });
        res.json({ data });
      },
    },
    {
      method: 'get',
      path: '/api/consultations/:id/media/:mediaId',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id), user);
        const mediaId = String(req.params.mediaId);
        const row = uuid.safeParse(mediaId).success ? await db('message_media').where({ id: mediaId, consultation_id: c.id }).first() : undefined;
        if (!row?.content) throw new AppError(FailureCode.NotFound, '画像・ファイルが見つかりません（保存期間を過ぎたか、受け取れませんでした）。');
        // Like message text: the read and its audit entry commit together.
        await db.transaction((trx) => recordAudit(trx, user, { action: 'consultation.read-media', targetType: 'consultation', targetId: c.id, details: { mediaId } }));
        const bytes = sealer.openBytes('message_media', 'content', row.id, row.content_key_id, row.content);
        // Only checked images render in the browser; anything else is a download, never sniffed into HTML.
        res.set({
          'content-type': isInlineImage(row.content_type) ? row.content_type : 'application/octet-stream',
          'content-disposition': isInlineImage(row.content_type) ? 'inline' : `attachment; filename="resident-file-${row.id.slice(0, 8)}"`,
          'cache-control': 'private, no-store',
          'x-content-type-options': 'nosniff',
        });
        res.send(bytes);
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/break-glass',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const id = String(req.params.id);
        const found = uuid.safeParse(id).success ? await findConsultation(db, id) : undefined;
        if (!found) throw new AppError(FailureCode.NotFound, '相談が見つかりません。');
        const { reason } = parseBody(z.object({ reason: z.string().trim().min(10, '理由を10文字以上で記入してください').max(500) }), req.body);
        const minutes = profile.access.breakGlassMinutes;
        const expiresAt = await db.transaction(async (trx) => {
          const [grant] = await trx('case_access_grants')
            .insert({ consultation_id: found.id, staff_id: user.id, expires_at: trx.raw("now() + ? * interval '1 minute'", [minutes]) })
            .returning('expires_at');
          // The reason is the point of a break-glass: supervisors read it in the audit log.
          await recordAudit(trx, user, { action: 'consultation.break-glass', targetType: 'consultation', targetId: found.id, details: { reason, minutes } });
          return new Date(grant.expires_at).toISOString();
        });
        res.status(201).json({ data: { consultationId: found.id, expiresAt } });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/claim',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id), user);
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
        const c = await load(String(req.params.id), user);
        const body = parseBody(
          z.object({ text: z.string().trim().min(1, 'メッセージを入力してください').max(2000), clientMessageId: z.uuid(), translate: z.boolean().optional() }),
          req.body,
        );
        const sent = body.translate ? await translatedForResident(c.id, body.text) : body.text;
        const outcome = await act(c.residentId, (h) => h.executeUpdate(staffMessageUpdate, { args: [{ staffId: user.id, text: sent, clientMessageId: body.clientMessageId }] }));
        // The resident received the translation; staff keep reading what they wrote.
        if (sent !== body.text) await keepStaffOriginal(db, sealer, `staff-${body.clientMessageId}`, body.text);
        await recordAudit(db, user, { action: 'consultation.message', targetType: 'consultation', targetId: c.id, details: { delivery: outcome.status, translated: sent !== body.text } });
        const message = (await consultationMessages(db, sealer, c.id)).reverse().find((m) => m.sender === 'staff');
        res.status(201).json({ data: message });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/release',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const c = await load(String(req.params.id), user);
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
        const c = await load(String(req.params.id), user);
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
        const c = await load(String(req.params.id), user);
        // A case that ever reached high risk is closed only after a person recorded a review.
        if (['high', 'imminent'].includes(c.highestRiskLevel) && !(await db('risk_reviews').where({ consultation_id: c.id }).first('id'))) {
          throw new AppError(FailureCode.ReviewRequired, '危険度が「高」以上になった相談です。終了する前にリスク確認を記録してください。');
        }
        if (c.status === 'closed') throw new AppError(FailureCode.Conflict, 'この相談はすでに終了しています。');
        if (!seesAllCases(user) && c.assignedStaffId !== user.id) throw new AppError(FailureCode.Forbidden, '相談を終了できるのは、担当のスタッフかスーパーバイザーです。');
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
        const c = await load(String(req.params.id), user);
        const { text } = parseBody(z.object({ text: z.string().trim().min(1).max(4000) }), req.body);
        const noteId = crypto.randomUUID();
        const [row] = await db('consultation_notes')
          .insert({ id: noteId, consultation_id: c.id, staff_id: user.id, ...sealer.seal('consultation_notes', 'text', noteId, text) })
          .returning(['id', 'created_at']);
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
        const c = await load(String(req.params.id), user);
        // The review that unlocks closing a high-risk case is a supervisor's judgement.
        if (['high', 'imminent'].includes(c.highestRiskLevel) && !OVERSIGHT.includes(user.role)) {
          throw new AppError(FailureCode.Forbidden, '危険度が「高」以上の相談のリスク確認は、スーパーバイザーが記録します。');
        }
        const { note } = parseBody(z.object({ note: z.string().trim().min(1, '確認した内容を記入してください').max(4000) }), req.body);
        const reviewId = crypto.randomUUID();
        const [row] = await db('risk_reviews')
          .insert({ id: reviewId, consultation_id: c.id, staff_id: user.id, ...sealer.seal('risk_reviews', 'note', reviewId, note) })
          .returning(['id', 'created_at']);
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
        await assertCanSeeCase(db, user, profile, alert.consultation_id);
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
        const user = signedInUser(req);
        const q = parseListQuery(req, ['followedAt', 'code', 'lastConsultationAt'] as const, 'followedAt', residentFilter);
        const column = { followedAt: 'r.followed_at', code: 'r.code', lastConsultationAt: 'last_consultation_at' }[q.sort];
        const query = db('residents as r').where((w) => {
          if (q.filter.q) w.whereILike('r.code', `%${q.filter.q.replace(/[%_\\]/g, '\\$&')}%`);
          if (q.filter.status) w.where('r.status', q.filter.status);
          // Staff see only the residents of cases they may see.
          if (!seesAllCases(user)) w.whereExists(db('consultations as c').whereRaw('c.resident_id = r.id').modify(visibleCases(db, user, profile)));
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
        const user = signedInUser(req);
        const id = String(req.params.id);
        const row = uuid.safeParse(id).success
          ? await db('residents as r')
              .where('r.id', id)
              .first('r.id', 'r.code', 'r.status', 'r.followed_at', db.raw('(select count(*) from consultations c where c.resident_id = r.id)::int as consultation_count'), db.raw('(select max(opened_at) from consultations c where c.resident_id = r.id) as last_consultation_at'))
          : undefined;
        if (!row) throw new AppError(FailureCode.NotFound, '相談者が見つかりません。');
        const consultations = await listConsultations(db, { residentId: id, visible: visibleCases(db, user, profile) }, { page: 1, perPage: 200, sort: 'openedAt', order: 'desc' });
        if (!seesAllCases(user) && consultations.total === 0) throw notYourCase();
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
