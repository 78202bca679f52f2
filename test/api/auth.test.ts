import { HttpClient } from '../helpers/http-client';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';
import { ensureFirstAdmin } from '../../api/staff-users/staff-user-repository';

describe('staff sign-in', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { LOGIN_MAX_FAILURES: '3' } });
  });
  afterAll(() => stack.stop());

  it('signs in with an httpOnly session cookie and knows who is signed in', async () => {
    const user = await stack.createUser('staff');
    const client = new HttpClient(stack.baseUrl);
    const res = await client.post('/api/auth/login', { email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/yorisoi_session=.+HttpOnly.+SameSite=Lax/i);
    expect(res.body.user).toMatchObject({ email: user.email, role: 'staff' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const me = await client.get('/api/auth/me');
    expect(me.body.user.id).toBe(user.id);
  });

  it('stores passwords as argon2id hashes and sessions as token hashes', async () => {
    const user = await stack.createUser('staff');
    const row = await stack.db('staff_users').where({ id: user.id }).first();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const client = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    const session = await stack.db('staff_sessions').where({ user_id: user.id }).first();
    expect(session.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(client.csrfToken).toBe(session.csrf_token);
  });

  it('answers a wrong password with a Japanese message and no hint which part was wrong', async () => {
    const user = await stack.createUser('staff');
    const wrong = await new HttpClient(stack.baseUrl).post('/api/auth/login', { email: user.email, password: 'wrong-password!' });
    const unknown = await new HttpClient(stack.baseUrl).post('/api/auth/login', { email: 'nobody@city.example', password: 'wrong-password!' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.message).toContain('パスワード');
  });

  it('locks the account after repeated failures, even against the right password', async () => {
    const user = await stack.createUser('staff');
    for (let i = 0; i < 3; i += 1) {
      expect((await new HttpClient(stack.baseUrl).post('/api/auth/login', { email: user.email, password: 'guess-' + i })).status).toBe(401);
    }
    const locked = await new HttpClient(stack.baseUrl).post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    const actions = (await stack.db('audit_log').where({ actor_id: user.id }).orderBy('id')).map((r) => r.action);
    expect(actions).toEqual(['auth.login-failed', 'auth.login-failed', 'auth.locked', 'auth.login-locked']);
  });

  it('ends the session on logout and when an admin disables the account', async () => {
    const admin = await new HttpClient(stack.baseUrl).login((await stack.createUser('admin')).email, TEST_PASSWORD);
    const user = await stack.createUser('staff');
    const a = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    expect((await a.post('/api/auth/logout')).status).toBe(204);
    expect((await a.get('/api/auth/me')).status).toBe(401);

    const b = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    expect((await admin.patch(`/api/staff-users/${user.id}`, { disabled: true })).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await new HttpClient(stack.baseUrl).post('/api/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
  });

  it('treats an expired session as signed out', async () => {
    const user = await stack.createUser('supervisor');
    const client = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    await stack.db('staff_sessions').where({ user_id: user.id }).update({ expires_at: new Date(Date.now() - 1000) });
    const res = await client.get('/api/audit-log');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD only when no admin exists', async () => {
    await stack.db('staff_users').where({ role: 'admin' }).delete();
    expect(await ensureFirstAdmin(stack.db, 'first@city.example', 'first-admin-password')).toBe('created');
    expect(await ensureFirstAdmin(stack.db, 'second@city.example', 'first-admin-password')).toBe('exists');
    const client = await new HttpClient(stack.baseUrl).login('first@city.example', 'first-admin-password');
    expect((await client.get('/api/staff-users')).status).toBe(200);
  });
});
