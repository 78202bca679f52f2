import crypto from 'node:crypto';
import type { Db } from '../../platform/db';
import type { SignedInUser } from '../http/route';
import type { Role } from './roles';

/**
 * Over https the cookie is `__Host-yorisoi_session` (Secure, Path=/, no Domain: a sibling host cannot
 * set or overwrite it). Browsers refuse a `__Host-` cookie without Secure, and Secure cookies over
 * plain http, so development and tests on http://127.0.0.1 use the plain name; which one is decided
 * by `sessionCookie` from NODE_ENV and PUBLIC_BASE_URL, and only that name is ever read.
 */
export const SESSION_COOKIE = 'yorisoi_session';
export const SECURE_SESSION_COOKIE = '__Host-yorisoi_session';

export interface SessionCookie {
  name: string;
  secure: boolean;
}

export function sessionCookie(env: { isProduction: boolean; PUBLIC_BASE_URL?: string }): SessionCookie {
  const secure = env.isProduction || (env.PUBLIC_BASE_URL ?? '').startsWith('https://');
  return { name: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, secure };
}

/** A session that has passed the password but not yet the second factor (or its enrolment). */
export type SessionStage = 'full' | 'second-factor' | 'enrol';
/** How long a half-finished sign-in waits for its code. */
export const PENDING_SESSION_MINUTES = 10;

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Db,
  userId: string,
  lifetime: { hours: number } | { minutes: number },
  stage: SessionStage = 'full',
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const ms = 'hours' in lifetime ? lifetime.hours * 3600_000 : lifetime.minutes * 60_000;
  const expiresAt = new Date(Date.now() + ms);
  await db('staff_sessions').insert({ token_hash: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt, stage });
  return { token, csrfToken, expiresAt };
}

/**
 * The signed-in user behind a cookie token, or undefined when it is unknown, expired, idle for longer
 * than `idleMinutes` or disabled. Finding it also marks it as used, in the same statement.
 */
export async function findSessionUser(db: Db, token: string, idleMinutes: number): Promise<SignedInUser | undefined> {
  const { rows } = await db.raw(
    `UPDATE staff_sessions s SET last_seen_at = now()
       FROM staff_users u
      WHERE s.token_hash = ? AND u.id = s.user_id AND NOT u.disabled
        AND s.expires_at > now() AND s.last_seen_at > now() - ? * interval '1 minute'
     RETURNING u.id, u.email, u.display_name, u.role, u.partner_id, s.csrf_token, s.stage`,
    [sha256(token), idleMinutes],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    partnerId: row.partner_id,
    csrfToken: row.csrf_token,
    sessionStage: row.stage as SessionStage,
  };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db('staff_sessions').where({ token_hash: sha256(token) }).delete();
}

export async function deleteUserSessions(db: Db, userId: string, exceptToken?: string): Promise<void> {
  const q = db('staff_sessions').where({ user_id: userId });
  if (exceptToken) q.whereNot({ token_hash: sha256(exceptToken) });
  await q.delete();
}

/** A cookie's value, or undefined when it is missing or malformed (a bad %-escape is not an error: it is no session). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
