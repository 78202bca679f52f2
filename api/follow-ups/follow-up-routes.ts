import { z } from 'zod';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { publish } from '../../platform/events';
import { recordAudit } from '../audit/audit-log';
import { STAFF_ROLES } from '../auth/roles';
import { assertCanSeeCase, seesAllCases, visibleCases } from '../consultations/case-access';
import { AppError, FailureCode } from '../http/errors';
import { calendarDate, parseBody } from '../http/list-query';
import { RouteSpec, SignedInUser, signedInUser } from '../http/route';

const uuid = z.uuid();
const TOKYO_TODAY = "(now() AT TIME ZONE 'Asia/Tokyo')::date";

/** Tasks with their case's resident code and who made and completed them; the due day as YYYY-MM-DD. */
const tasks = (db: Db) =>
  db('follow_up_tasks as t')
    .join('consultations as c', 'c.id', 't.consultation_id')
    .join('residents as r', 'r.id', 'c.resident_id')
    .leftJoin('staff_users as cb', 'cb.id', 't.created_by')
    .leftJoin('staff_users as db', 'db.id', 't.completed_by')
    .select('t.*', db.raw("to_char(t.due_on, 'YYYY-MM-DD') as due_day"), db.raw(`t.due_on < ${TOKYO_TODAY} as overdue`), 'r.code as resident_code', 'cb.display_name as created_by_name', 'db.display_name as completed_by_name');

const toTask = (t: Record<string, any>) => ({
  id: t.id as string,
  consultationId: t.consultation_id as string,
  residentCode: t.resident_code as string,
  title: t.title as string,
  dueOn: t.due_day as string,
  overdue: Boolean(t.overdue) && !t.completed_at,
  createdAt: new Date(t.created_at).toISOString(),
  createdByName: (t.created_by_name as string | null) ?? null,
  completedAt: t.completed_at ? new Date(t.completed_at).toISOString() : null,
  completedByName: (t.completed_by_name as string | null) ?? null,
});

/**
 * Follow-up tasks on a case (「3日後に様子を聞く」) and 今日の予定: the open tasks due today or
 * earlier on the caller's own cases (assigned to them, or tasks they set), every case for supervisors.
 */
export function followUpRoutes(deps: { db: Db; profile: MunicipalityProfile }): RouteSpec[] {
  const { db, profile } = deps;
  const caseFor = async (id: string, user: SignedInUser) => {
    const c = uuid.safeParse(id).success ? await db('consultations').where({ id }).first('id') : undefined;
    if (!c) throw new AppError(FailureCode.NotFound, '相談が見つかりません。');
    await assertCanSeeCase(db, user, profile, c.id);
    return c.id as string;
  };

  return [
    {
      method: 'get',
      path: '/api/consultations/:id/follow-ups',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const id = await caseFor(String(req.params.id), signedInUser(req));
        const rows = await tasks(db).where('t.consultation_id', id).orderByRaw('t.completed_at is not null, t.due_on, t.created_at');
        res.json({ data: rows.map(toTask) });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/follow-ups',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const id = await caseFor(String(req.params.id), user);
        const body = parseBody(z.object({ title: z.string().trim().min(1, '内容を入力してください').max(200), dueOn: calendarDate }), req.body);
        const [row] = await db('follow_up_tasks').insert({ consultation_id: id, title: body.title, due_on: body.dueOn, created_by: user.id }).returning('id');
        await recordAudit(db, user, { action: 'follow-up.create', targetType: 'consultation', targetId: id, details: { taskId: row.id } });
        await publish(db, { type: 'consultation', id });
        res.status(201).json({ data: toTask(await tasks(db).where('t.id', row.id).first()) });
      },
    },
    {
      method: 'post',
      path: '/api/follow-ups/:id/complete',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const id = String(req.params.id);
        const task = uuid.safeParse(id).success ? await db('follow_up_tasks').where({ id }).first('id', 'consultation_id', 'completed_at') : undefined;
        if (!task) throw new AppError(FailureCode.NotFound, '予定が見つかりません。');
        await assertCanSeeCase(db, user, profile, task.consultation_id);
        // Completing twice keeps the first completion (a double click, or two staff at once).
        if (!task.completed_at) {
          await db('follow_up_tasks').where({ id: task.id }).whereNull('completed_at').update({ completed_at: db.fn.now(), completed_by: user.id });
          await recordAudit(db, user, { action: 'follow-up.complete', targetType: 'consultation', targetId: task.consultation_id, details: { taskId: task.id } });
          await publish(db, { type: 'consultation', id: task.consultation_id });
        }
        res.json({ data: toTask(await tasks(db).where('t.id', task.id).first()) });
      },
    },
    {
      method: 'get',
      path: '/api/follow-ups/today',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const q = tasks(db).whereNull('t.completed_at').whereRaw(`t.due_on <= ${TOKYO_TODAY}`);
        if (!seesAllCases(user)) q.where((w) => w.where('c.assigned_staff_id', user.id).orWhere('t.created_by', user.id)).modify(visibleCases(db, user, profile));
        const rows = await q.orderBy('t.due_on').orderBy('t.created_at');
        res.json({ data: rows.map(toTask), total: rows.length });
      },
    },
  ];
}
