import { z } from 'zod';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { recordAudit } from '../audit/audit-log';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../auth/passwords';
import { ADMIN_ONLY, ROLES } from '../auth/roles';
import { deleteUserSessions } from '../auth/sessions';
import { AppError, FailureCode } from '../http/errors';
import { parseBody, parseListQuery, searchText } from '../http/list-query';
import { RouteSpec, signedInUser } from '../http/route';
import { insertStaffUser, STAFF_USER_COLUMNS, toStaffUser } from './staff-user-repository';

const password = z.string().min(MIN_PASSWORD_LENGTH, `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`).max(1024);
const createBody = z.object({
  email: z.email('メールアドレスの形式が正しくありません').max(320),
  displayName: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  partnerId: z.string().nullish(),
  password,
});
const updateBody = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    role: z.enum(ROLES),
    partnerId: z.string().nullable(),
    disabled: z.boolean(),
  })
  .partial()
  .strict();

const SORTABLE = ['createdAt', 'email', 'displayName', 'role', 'lastLoginAt'] as const;

export function staffUserRoutes(deps: { db: Db; profile: MunicipalityProfile }): RouteSpec[] {
  const { db, profile } = deps;
  const partnerIds = new Set(profile.partners.map((p) => p.id));
  const checkPartner = (role: string, partnerId: string | null | undefined) => {
    if (role === 'partner' && (!partnerId || !partnerIds.has(partnerId))) {
      throw new AppError(FailureCode.BadInput, '連携団体ユーザーには、登録済みの連携団体を指定してください。', [{ field: 'partnerId', message: 'unknown partner' }]);
    }
  };
  const findOrFail = async (id: string) => {
    const row = z.uuid().safeParse(id).success ? await db('staff_users').where({ id }).first() : undefined;
    if (!row) throw new AppError(FailureCode.NotFound, 'スタッフが見つかりません。');
    return row;
  };

  return [
    {
      method: 'get',
      path: '/api/staff-users',
      access: ADMIN_ONLY,
      handler: async (req, res) => {
        const q = parseListQuery(req, SORTABLE, 'createdAt', z.object({ q: searchText.optional(), role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }));
        const query = db('staff_users').where((w) => {
          if (q.filter.q) {
            const like = `%${q.filter.q.replace(/[%_\\]/g, '\\$&')}%`;
            w.where((o) => o.whereILike('email', like).orWhereILike('display_name', like));
          }
          if (q.filter.role) w.where('role', q.filter.role);
          if (q.filter.disabled !== undefined) w.where('disabled', q.filter.disabled);
        });
        const [{ count }] = await query.clone().count<{ count: string }[]>('* as count');
        const rows = await query
          .orderBy(STAFF_USER_COLUMNS[q.sort], q.order)
          .orderBy('id')
          .limit(q.perPage)
          .offset((q.page - 1) * q.perPage);
        res.json({ data: rows.map(toStaffUser), total: Number(count) });
      },
    },
    {
      method: 'get',
      path: '/api/staff-users/:id',
      access: ADMIN_ONLY,
      handler: async (req, res) => {
        res.json({ data: toStaffUser(await findOrFail(String(req.params.id))) });
      },
    },
    {
      method: 'post',
      path: '/api/staff-users',
      access: ADMIN_ONLY,
      handler: async (req, res) => {
        const body = parseBody(createBody, req.body);
        checkPartner(body.role, body.partnerId);
        const taken = await db('staff_users').whereRaw('lower(email) = lower(?)', [body.email]).first('id');
        if (taken) throw new AppError(FailureCode.Conflict, 'このメールアドレスは既に登録されています。');
        const user = await insertStaffUser(db, body);
        await recordAudit(db, signedInUser(req), { action: 'staff-user.create', targetType: 'staff-user', targetId: user.id, details: { role: user.role } });
        res.status(201).json({ data: user });
      },
    },
    {
      method: 'patch',
      path: '/api/staff-users/:id',
      access: ADMIN_ONLY,
      handler: async (req, res) => {
        const actor = signedInUser(req);
        const current = await findOrFail(String(req.params.id));
        const body = parseBody(updateBody, req.body);
        const role = body.role ?? current.role;
        const partnerId = role === 'partner' ? (body.partnerId !== undefined ? body.partnerId : current.partner_id) : null;
        checkPartner(role, partnerId);
        if (current.id === actor.id && (body.disabled || (body.role && body.role !== 'admin'))) {
          throw new AppError(FailureCode.BadInput, '自分自身を無効にしたり、管理者権限を外したりすることはできません。');
        }
        const [row] = await db('staff_users')
          .where({ id: current.id })
          .update({
            display_name: body.displayName ?? current.display_name,
            role,
            partner_id: partnerId,
            disabled: body.disabled ?? current.disabled,
            updated_at: db.fn.now(),
          })
          .returning('*');
        // A role change or disabling takes effect at once, not at the next login.
        if (body.disabled || role !== current.role) await deleteUserSessions(db, current.id);
        await recordAudit(db, actor, { action: 'staff-user.update', targetType: 'staff-user', targetId: current.id, details: { fields: Object.keys(body) } });
        res.json({ data: toStaffUser(row) });
      },
    },
    {
      method: 'post',
      path: '/api/staff-users/:id/reset-password',
      access: ADMIN_ONLY,
      handler: async (req, res) => {
        const current = await findOrFail(String(req.params.id));
        const body = parseBody(z.object({ password }), req.body);
        await db('staff_users')
          .where({ id: current.id })
          .update({ password_hash: await hashPassword(body.password), failed_logins: 0, locked_until: null, updated_at: db.fn.now() });
        await deleteUserSessions(db, current.id);
        await recordAudit(db, signedInUser(req), { action: 'staff-user.reset-password', targetType: 'staff-user', targetId: current.id });
        res.status(204).end();
      },
    },
  ];
}
