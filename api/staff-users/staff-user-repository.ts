import type { Db } from '../../platform/db';
import type { Role } from '../auth/roles';
import { hashPassword } from '../auth/passwords';

export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  partnerId: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export const STAFF_USER_COLUMNS = {
  id: 'id',
  email: 'email',
  displayName: 'display_name',
  role: 'role',
  partnerId: 'partner_id',
  disabled: 'disabled',
  lockedUntil: 'locked_until',
  lastLoginAt: 'last_login_at',
  createdAt: 'created_at',
} as const;

const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

export function toStaffUser(row: Record<string, unknown>): StaffUser {
  return {
    id: row.id as string,
    email: row.email as string,
    displayName: row.display_name as string,
    role: row.role as Role,
    partnerId: (row.partner_id as string | null) ?? null,
    disabled: row.disabled as boolean,
    lockedUntil: iso(row.locked_until as Date | null),
    lastLoginAt: iso(row.last_login_at as Date | null),
    createdAt: iso(row.created_at as Date) as string,
  };
}

export async function insertStaffUser(
  db: Db,
  input: { email: string; displayName: string; role: Role; partnerId?: string | null; password: string },
): Promise<StaffUser> {
  const [row] = await db('staff_users')
    .insert({
      email: input.email,
      display_name: input.displayName,
      role: input.role,
      partner_id: input.role === 'partner' ? input.partnerId : null,
      password_hash: await hashPassword(input.password),
    })
    .returning('*');
  return toStaffUser(row);
}

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists yet. */
export async function ensureFirstAdmin(db: Db, email: string | undefined, password: string | undefined): Promise<'created' | 'exists' | 'missing'> {
  const admin = await db('staff_users').where({ role: 'admin' }).first('id');
  if (admin) return 'exists';
  if (!email || !password) return 'missing';
  await insertStaffUser(db, { email, displayName: '管理者', role: 'admin', password });
  return 'created';
}
