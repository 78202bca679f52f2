import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Env } from '../../platform/config/env';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { PiiKeyring } from '../../platform/crypto/pii-cipher';
import type { Db } from '../../platform/db';
import { recordAudit } from '../audit/audit-log';
import { AppError, FailureCode } from '../http/errors';
import { parseBody } from '../http/list-query';
import { RouteSpec, SignedInUser, signedInUser } from '../http/route';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import type { Role } from './roles';
import { admitAccount, admitAddressAttempt, recordAccountFailure, refundAddressAttempt } from './sign-in-limits';
import { createSession, deleteSession, deleteUserSessions, PENDING_SESSION_MINUTES, readCookie, sessionCookie, SessionStage } from './sessions';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, otpauthUri } from './totp';

const loginBody = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) });
const codeBody = z.object({ code: z.string().trim().min(6).max(32) });
const passwordBody = z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(MIN_PASSWORD_LENGTH, `${MIN_PASSWORD_LENGTH} 文字以上にしてください`).max(1024) });

/** One answer for an unknown address, a wrong password and a locked or disabled account. */
const BAD_CREDENTIALS = 'メールアドレスまたはパスワードが正しくありません。失敗が続くと、しばらくログインできなくなります。';
const BAD_CODE = '確認コードが正しくありません。';

/** Admins and supervisors always sign in with a second factor; staff when the profile says so. */
export function secondFactorRequired(role: Role, profile: MunicipalityProfile): boolean {
  return role === 'admin' || role === 'supervisor' || (role === 'staff' && profile.access.secondFactorForStaff);
}

const publicUser = (u: { id: string; email: string; displayName: string; role: string; partnerId: string | null }) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  partnerId: u.partnerId,
});

/** Binds a stored TOTP secret to its account. */
export const TOTP_AAD = (userId: string) => `staff-totp:${userId}`;

export function authRoutes(deps: { db: Db; env: Env; profile: MunicipalityProfile; keyring: PiiKeyring }): RouteSpec[] {
  const { db, env, profile } = deps;
  const cipher = deps.keyring.cipher('pii-at-rest');
  const cookie = sessionCookie(env);
  const issuer = `よりそい ${profile.municipality.name}`;

  /** Starts a session at `stage`, replacing the caller's current one (a new token at each step: no fixation). */
  const startSession = async (req: Request, res: Response, userId: string, stage: SessionStage) => {
    const old = readCookie(req.headers.cookie, cookie.name);
    if (old) await deleteSession(db, old);
    const session = await createSession(db, userId, stage === 'full' ? { hours: env.SESSION_TTL_HOURS } : { minutes: PENDING_SESSION_MINUTES }, stage);
    res.cookie(cookie.name, session.token, { httpOnly: true, sameSite: 'lax', secure: cookie.secure, path: '/', expires: session.expiresAt });
    return session;
  };

  const loadUser = (id: string) => db('staff_users').where({ id }).first();
  const userOf = (row: Record<string, any>) => publicUser({ id: row.id, email: row.email, displayName: row.display_name, role: row.role, partnerId: row.partner_id });

  /** A six-digit code from the authenticator (each accepted once) or an unused recovery code (then spent). */
  const checkSecondFactor = async (user: SignedInUser, code: string): Promise<'totp' | 'recovery' | undefined> => {
    const row = await loadUser(user.id);
    if (!row?.totp_secret) return undefined;
    const step = matchTotp(cipher.decrypt(row.totp_secret, TOTP_AAD(user.id)), code.replace(/\s/g, ''), Date.now());
    if (step !== undefined) {
      const accepted = await db('staff_users')
        .where({ id: user.id })
        .andWhere((w) => w.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
        .update({ totp_last_step: step });
      return accepted === 1 ? 'totp' : undefined;
    }
    const { rowCount } = await db.raw('UPDATE staff_users SET recovery_code_hashes = array_remove(recovery_code_hashes, ?) WHERE id = ? AND ? = ANY(recovery_code_hashes)', [hashRecoveryCode(code), user.id, hashRecoveryCode(code)]);
    return rowCount === 1 ? 'recovery' : undefined;
  };

  const failCode = async (req: Request, user: SignedInUser) => {
    const { justLocked } = await recordAccountFailure(db, user.id, env.LOGIN_MAX_FAILURES, env.LOGIN_LOCK_MINUTES);
    await recordAudit(db, user, { action: justLocked ? 'auth.locked' : 'auth.second-factor-failed' });
    if (justLocked) {
      const token = readCookie(req.headers.cookie, cookie.name);
      if (token) await deleteSession(db, token);
    }
    throw new AppError(FailureCode.InvalidCredentials, BAD_CODE);
  };

  return [
    {
      method: 'post',
      path: '/api/auth/login',
      access: 'public',
      handler: async (req, res) => {
        const { email, password } = parseBody(loginBody, req.body);
        const address = req.ip ?? 'unknown';
        if (!(await admitAddressAttempt(db, address, env.LOGIN_IP_MAX_FAILURES, env.LOGIN_LOCK_MINUTES))) {
          throw new AppError(FailureCode.TooManyRequests, 'ログインの試行が多すぎます。しばらくしてからお試しください。');
        }
        const user = await db('staff_users').whereRaw('lower(email) = lower(?)', [email]).first();
        // The password is checked in every case (a dummy hash for unknown addresses) so that the
        // time to answer does not tell unknown, locked and wrong apart; the answer is the same too.
        const ok = await verifyPassword(user?.password_hash, password);
        if (!user) throw new AppError(FailureCode.InvalidCredentials, BAD_CREDENTIALS);
        const actor = { id: user.id, email: user.email };
        if (!ok) {
          const { justLocked, locked } = await recordAccountFailure(db, user.id, env.LOGIN_MAX_FAILURES, env.LOGIN_LOCK_MINUTES);
          await recordAudit(db, actor, { action: justLocked ? 'auth.locked' : locked ? 'auth.login-locked' : 'auth.login-failed' });
          throw new AppError(FailureCode.InvalidCredentials, BAD_CREDENTIALS);
        }
        if (!(await admitAccount(db, user.id))) {
          await recordAudit(db, actor, { action: user.disabled ? 'auth.login-disabled' : 'auth.login-locked' });
          throw new AppError(FailureCode.InvalidCredentials, BAD_CREDENTIALS);
        }
        await refundAddressAttempt(db, address);
        const stage: SessionStage = user.totp_secret ? 'second-factor' : secondFactorRequired(user.role, profile) ? 'enrol' : 'full';
        const session = await startSession(req, res, user.id, stage);
        await recordAudit(db, actor, { action: stage === 'full' ? 'auth.login' : 'auth.password-accepted', details: { stage } });
        res.json({ user: userOf(user), csrfToken: session.csrfToken, stage });
      },
    },
    {
      method: 'post',
      path: '/api/auth/second-factor',
      access: 'signed-in',
      beforeSecondFactor: true,
      handler: async (req, res) => {
        const user = signedInUser(req);
        if (user.sessionStage !== 'second-factor') throw new AppError(FailureCode.Conflict, '確認コードは必要ありません。');
        const { code } = parseBody(codeBody, req.body);
        const how = await checkSecondFactor(user, code);
        if (!how) return failCode(req, user);
        // The code proves the person; the lock-out still applies (a lock set meanwhile wins).
        if (!(await admitAccount(db, user.id))) throw new AppError(FailureCode.InvalidCredentials, BAD_CODE);
        const session = await startSession(req, res, user.id, 'full');
        const row = await loadUser(user.id);
        await recordAudit(db, user, { action: 'auth.login', details: { secondFactor: how, recoveryCodesLeft: how === 'recovery' ? row.recovery_code_hashes.length : undefined } });
        res.json({ user: userOf(row), csrfToken: session.csrfToken, stage: 'full' });
      },
    },
    {
      method: 'post',
      path: '/api/auth/totp/setup',
      access: 'signed-in',
      beforeSecondFactor: true,
      handler: async (req, res) => {
        const user = signedInUser(req);
        if (user.sessionStage === 'second-factor') throw new AppError(FailureCode.Conflict, '先に確認コードを入力してください。');
        // Keep a pending secret once made: a screen that asks twice (React's StrictMode, a reload)
        // must not show one secret while another is stored.
        const [row] = await db('staff_users')
          .where({ id: user.id })
          .update({ totp_pending_secret: db.raw('coalesce(totp_pending_secret, ?)', [cipher.encrypt(newTotpSecret(), TOTP_AAD(user.id))]) })
          .returning('totp_pending_secret');
        const secret = cipher.decrypt(row.totp_pending_secret, TOTP_AAD(user.id));
        res.json({ data: { secret, otpauthUri: otpauthUri(secret, user.email, issuer) } });
      },
    },
    {
      method: 'post',
      path: '/api/auth/totp/confirm',
      access: 'signed-in',
      beforeSecondFactor: true,
      handler: async (req, res) => {
        const user = signedInUser(req);
        if (user.sessionStage === 'second-factor') throw new AppError(FailureCode.Conflict, '先に確認コードを入力してください。');
        const { code } = parseBody(codeBody, req.body);
        const row = await loadUser(user.id);
        if (!row.totp_pending_secret) throw new AppError(FailureCode.Conflict, '登録をやり直してください。');
        const step = matchTotp(cipher.decrypt(row.totp_pending_secret, TOTP_AAD(user.id)), code, Date.now());
        if (step === undefined) return failCode(req, user);
        const recoveryCodes = newRecoveryCodes();
        await db('staff_users')
          .where({ id: user.id })
          .update({ totp_secret: row.totp_pending_secret, totp_pending_secret: null, totp_last_step: step, recovery_code_hashes: recoveryCodes.map(hashRecoveryCode) });
        await recordAudit(db, user, { action: 'auth.totp-enrolled' });
        const session = user.sessionStage === 'enrol' ? await startSession(req, res, user.id, 'full') : undefined;
        res.json({ data: { recoveryCodes }, user: userOf(row), csrfToken: session?.csrfToken ?? user.csrfToken, stage: 'full' });
      },
    },
    {
      method: 'delete',
      path: '/api/auth/totp',
      // Admins and supervisors always keep their second factor; staff only when the profile does not require it.
      access: ['staff', 'partner', 'official'],
      handler: async (req, res) => {
        const user = signedInUser(req);
        if (secondFactorRequired(user.role, profile)) throw new AppError(FailureCode.Forbidden, 'この役割では確認コードを止められません。');
        await db('staff_users').where({ id: user.id }).update({ totp_secret: null, totp_pending_secret: null, recovery_code_hashes: [] });
        await recordAudit(db, user, { action: 'auth.totp-removed' });
        res.status(204).end();
      },
    },
    {
      method: 'post',
      path: '/api/auth/password',
      access: 'signed-in',
      handler: async (req, res) => {
        const user = signedInUser(req);
        const body = parseBody(passwordBody, req.body);
        const row = await loadUser(user.id);
        if (!(await verifyPassword(row.password_hash, body.currentPassword))) {
          await recordAccountFailure(db, user.id, env.LOGIN_MAX_FAILURES, env.LOGIN_LOCK_MINUTES);
          throw new AppError(FailureCode.BadInput, 'いまのパスワードが正しくありません。', [{ field: 'currentPassword', message: 'いまのパスワードが正しくありません' }]);
        }
        await db('staff_users').where({ id: user.id }).update({ password_hash: await hashPassword(body.newPassword), password_changed_at: db.fn.now() });
        // Every other session ends: whoever knew the old password is signed out.
        await deleteUserSessions(db, user.id, readCookie(req.headers.cookie, cookie.name));
        await recordAudit(db, user, { action: 'auth.password-changed' });
        res.status(204).end();
      },
    },
    {
      method: 'post',
      path: '/api/auth/logout',
      access: 'signed-in',
      beforeSecondFactor: true,
      handler: async (req, res) => {
        const token = readCookie(req.headers.cookie, cookie.name);
        if (token) await deleteSession(db, token);
        await recordAudit(db, signedInUser(req), { action: 'auth.logout' });
        res.clearCookie(cookie.name, { path: '/', secure: cookie.secure });
        res.status(204).end();
      },
    },
    {
      method: 'get',
      path: '/api/auth/me',
      access: 'signed-in',
      beforeSecondFactor: true,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const row = await loadUser(user.id);
        res.json({
          user: publicUser(user),
          csrfToken: user.csrfToken,
          stage: user.sessionStage,
          secondFactor: { enrolled: Boolean(row.totp_secret), required: secondFactorRequired(user.role, profile), recoveryCodesLeft: row.recovery_code_hashes.length },
        });
      },
    },
  ];
}
