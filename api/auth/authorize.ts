import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Db } from '../../platform/db';
import { AppError, FailureCode } from '../http/errors';
import type { RouteSpec } from '../http/route';
import { findSessionUser, readCookie, SessionCookie } from './sessions';

const SAFE_METHODS = new Set(['get', 'head', 'options']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Enforces a route's declared access: session cookie (not idle for longer than `idleMinutes`), a
 * finished second factor, role, and the CSRF token on writes.
 */
export function authorize(db: Db, route: RouteSpec, session: { cookie: SessionCookie; idleMinutes: number }): RequestHandler {
  return async (req, _res, next) => {
    try {
      // The LINE webhook checks its own signature over the raw body.
      if (route.access === 'public' || route.access === 'line-signature') return next();
      const token = readCookie(req.headers.cookie, session.cookie.name);
      const user = token ? await findSessionUser(db, token, session.idleMinutes) : undefined;
      if (!user) throw new AppError(FailureCode.Unauthenticated, 'ログインが必要です。もう一度ログインしてください。');
      // Half-way through sign-in, only the sign-in steps answer: the session is not yet a sign-in.
      if (user.sessionStage !== 'full' && !route.beforeSecondFactor) {
        throw new AppError(FailureCode.Unauthenticated, '確認コードの入力が終わっていません。もう一度ログインしてください。');
      }
      if (route.access !== 'signed-in' && !route.access.includes(user.role)) {
        throw new AppError(FailureCode.Forbidden, 'この操作を行う権限がありません。');
      }
      if (route.csrf !== false && !SAFE_METHODS.has(route.method)) {
        const sent = req.get('x-csrf-token');
        if (!sent || !sameToken(sent, user.csrfToken)) {
          throw new AppError(FailureCode.CsrfMismatch, '画面を再読み込みしてからもう一度お試しください。');
        }
      }
      req.user = user;
      next();
    } catch (err) {
      next(err);
    }
  };
}
