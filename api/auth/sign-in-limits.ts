import type { Db } from '../../platform/db';

/**
 * Sign-in limits kept in PostgreSQL, so they hold across every API instance. Each check is one
 * statement: reading the counter and writing it in two steps would let parallel guesses through
 * (40 at once all saw "0 failures" before the lock-out was atomic).
 */

/**
 * Counts one attempt from an address and answers whether it is still within the limit. The attempt
 * is counted before the password is checked, so a burst cannot race past the limit; a successful
 * sign-in gives its attempt back (`refundAddressAttempt`), so only failures use the allowance.
 */
export async function admitAddressAttempt(db: Db, address: string, max: number, windowMinutes: number): Promise<boolean> {
  const { rows } = await db.raw(
    `INSERT INTO sign_in_throttle AS t (key, window_started_at, failures) VALUES (?, now(), 1)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN t.window_started_at <= now() - ? * interval '1 minute' THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at <= now() - ? * interval '1 minute' THEN now() ELSE t.window_started_at END
     RETURNING failures`,
    [`ip:${address}`, windowMinutes, windowMinutes],
  );
  return rows[0].failures <= max;
}

export async function refundAddressAttempt(db: Db, address: string): Promise<void> {
  await db.raw('UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0) WHERE key = ?', [`ip:${address}`]);
}

/**
 * Records a failed password or code on an account. While the account is locked nothing is counted;
 * the failure that reaches `max` locks it for `lockMinutes` and starts the count again.
 * Answers whether this very failure locked the account, and whether it is locked now.
 */
export async function recordAccountFailure(db: Db, userId: string, max: number, lockMinutes: number): Promise<{ justLocked: boolean; locked: boolean }> {
  const { rows } = await db.raw(
    `UPDATE staff_users SET
       failed_logins = CASE WHEN locked_until > now() THEN failed_logins WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END,
       locked_until = CASE WHEN locked_until > now() THEN locked_until WHEN failed_logins + 1 >= ? THEN now() + ? * interval '1 minute' ELSE locked_until END
     WHERE id = ?
     RETURNING locked_until = now() + ? * interval '1 minute' AS just_locked, coalesce(locked_until > now(), false) AS locked`,
    [max, max, lockMinutes, userId, lockMinutes],
  );
  return { justLocked: Boolean(rows[0]?.just_locked), locked: Boolean(rows[0]?.locked) };
}

/**
 * Accepts a correct password only if the account is neither locked nor disabled at this instant,
 * in the same statement that clears the failure count: a right guess racing the guess that locks
 * the account cannot slip in.
 */
export async function admitAccount(db: Db, userId: string): Promise<boolean> {
  const { rowCount } = await db.raw(
    `UPDATE staff_users SET failed_logins = 0, last_login_at = now()
      WHERE id = ? AND NOT disabled AND (locked_until IS NULL OR locked_until <= now())`,
    [userId],
  );
  return rowCount === 1;
}
