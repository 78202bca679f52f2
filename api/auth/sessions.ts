import crypto from 'node:crypto';
import type { Db } from '../../platform/db';
import type { SignedInUser } from '../http/route';
import type { Role } from './roles';

export const SESSION_COOKIE = 'yorisoi_session';

const sha256 = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(db: Db, userId: string, ttlHours: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db('staff_sessions').insert({ token_hash: sha256(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt });
  return { token, csrfToken, expiresAt };
}

/** The signed-in user behind a cookie token, or undefined when it is unknown, expired or disabled. */
export async function findSessionUser(db: Db, token: string): Promise<SignedInUser | undefined> {
  const row = await db('staff_sessions as s')
    .join('staff_users as u', 'u.id', 's.user_id')
    .where('s.token_hash', sha256(token))
    .andWhere('s.expires_at', '>', db.fn.now())
    .andWhere('u.disabled', false)
    .first('u.id', 'u.email', 'u.display_name', 'u.role', 'u.partner_id', 's.csrf_token');
  if (!row) return undefined;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    partnerId: row.partner_id,
    csrfToken: row.csrf_token,
  };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db('staff_sessions').where({ token_hash: sha256(token) }).delete();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db('staff_sessions').where({ user_id: userId }).delete();
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
