import type { Response } from 'express';
import { z } from 'zod';
import type { Env } from '../../platform/config/env';
import type { Db } from '../../platform/db';
import { recordAudit } from '../audit/audit-log';
import { AppError, FailureCode } from '../http/errors';
import { parseBody } from '../http/list-query';
import { RouteSpec, signedInUser } from '../http/route';
import { verifyPassword } from './passwords';
import { createSession, deleteSession, readCookie, SESSION_COOKIE } from './sessions';

const loginBody = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });

const publicUser = (u: { id: string; email: string; displayName: string; role: string; partnerId: string | null }) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  partnerId: u.partnerId,
});

export function authRoutes(deps: { db: Db; env: Env }): RouteSpec[] {
  const { db, env } = deps;
  const secureCookie = env.isProduction || (env.PUBLIC_BASE_URL ?? '').startsWith('https://');
  const setCookie = (res: Response, token: string, expires: Date) =>
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookie, path: '/', expires });

  return [
    {
      method: 'post',
      path: '/api/auth/login',
      access: 'public',
      handler: async (req, res) => {
        const { email, password } = parseBody(loginBody, req.body);
        const user = await db('staff_users').whereRaw('lower(email) = lower(?)', [email]).first();
        const now = new Date();
        if (user?.locked_until && new Date(user.locked_until) > now) {
          await recordAudit(db, { id: user.id, email: user.email }, { action: 'auth.login-locked' });
          throw new AppError(FailureCode.AccountLocked, 'ログインの失敗が続いたため、しばらくロックされています。時間をおいてお試しください。');
        }
        const ok = await verifyPassword(user?.password_hash, password);
        if (!user || !ok || user.disabled) {
          if (user) {
            const failures = user.failed_logins + 1;
            const lock = failures >= env.LOGIN_MAX_FAILURES;
            await db('staff_users')
              .where({ id: user.id })
              .update({
                failed_logins: lock ? 0 : failures,
                locked_until: lock ? new Date(now.getTime() + env.LOGIN_LOCK_MINUTES * 60_000) : user.locked_until,
              });
            await recordAudit(db, { id: user.id, email: user.email }, { action: lock ? 'auth.locked' : 'auth.login-failed' });
          }
          throw new AppError(FailureCode.InvalidCredentials, 'メールアドレスまたはパスワードが正しくありません。');
        }
        await db('staff_users').where({ id: user.id }).update({ failed_logins: 0, locked_until: null, last_login_at: now });
        const session = await createSession(db, user.id, env.SESSION_TTL_HOURS);
        await recordAudit(db, { id: user.id, email: user.email }, { action: 'auth.login' });
        setCookie(res, session.token, session.expiresAt);
        res.json({
          user: publicUser({ id: user.id, email: user.email, displayName: user.display_name, role: user.role, partnerId: user.partner_id }),
          csrfToken: session.csrfToken,
        });
      },
    },
    {
      method: 'post',
      path: '/api/auth/logout',
      access: 'signed-in',
      handler: async (req, res) => {
        const token = readCookie(req.headers.cookie, SESSION_COOKIE);
        if (token) await deleteSession(db, token);
        await recordAudit(db, signedInUser(req), { action: 'auth.logout' });
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.status(204).end();
      },
    },
    {
      method: 'get',
      path: '/api/auth/me',
      access: 'signed-in',
      handler: (req, res) => {
        const user = signedInUser(req);
        res.json({ user: publicUser(user), csrfToken: user.csrfToken });
      },
    },
  ];
}
