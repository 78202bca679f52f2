import { HttpClient, nextSecondFactorCode } from '../helpers/http-client';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';
import { ensureFirstAdmin } from '../../api/staff-users/staff-user-repository';
import { secondFactorRequired } from '../../api/auth/auth-routes';
import { totpCode } from '../../api/auth/totp';

const login = (stack: TestStack, email: string, password: string) => new HttpClient(stack.baseUrl).post('/api/auth/login', { email, password });

describe('staff sign-in', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_IP_MAX_FAILURES: '1000' } });
  });
  afterAll(() => stack.stop());

  it('signs in with an httpOnly session cookie and knows who is signed in', async () => {
    const user = await stack.createUser('staff');
    const client = new HttpClient(stack.baseUrl);
    const res = await client.post('/api/auth/login', { email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('full');
    // Over plain http (tests, development) the cookie cannot be __Host- (that needs Secure).
    expect(res.headers.get('set-cookie')).toMatch(/^yorisoi_session=.+HttpOnly.+SameSite=Lax/i);
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

  it('gives one answer for an unknown address, a wrong password and a locked account', async () => {
    const user = await stack.createUser('staff');
    const locked = await stack.createUser('staff');
    await stack.db('staff_users').where({ id: locked.id }).update({ locked_until: new Date(Date.now() + 600_000) });
    const wrong = await login(stack, user.email, 'wrong-password!');
    const unknown = await login(stack, 'nobody@city.example', 'wrong-password!');
    const lockedRight = await login(stack, locked.email, TEST_PASSWORD);
    for (const res of [wrong, unknown, lockedRight]) {
      expect(res.status).toBe(401);
      expect(res.body.error).toEqual(wrong.body.error);
    }
    expect(wrong.body.error.message).toContain('パスワード');
  });

  it('locks the account after 40 parallel wrong passwords and refuses the right one until the lock ends', async () => {
    const user = await stack.createUser('staff');
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(stack, user.email, `guess-${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(401));
    // Exactly one failure locked it: the counter is read and written in one statement.
    const actions = (await stack.db('audit_log').where({ actor_id: user.id }).select('action')).map((r) => r.action);
    expect(actions.filter((a) => a === 'auth.locked')).toHaveLength(1);
    expect(actions.filter((a) => a === 'auth.login-failed')).toHaveLength(2);
    expect(actions.filter((a) => a === 'auth.login-locked')).toHaveLength(37);

    const refused = await login(stack, user.email, TEST_PASSWORD);
    expect(refused.status).toBe(401);
    expect(await stack.db('audit_log').where({ actor_id: user.id, action: 'auth.login-locked' })).toHaveLength(38);

    // The lock ends (as 15 minutes passing would): the right password is accepted again.
    await stack.db('staff_users').where({ id: user.id }).update({ locked_until: new Date(Date.now() - 1000) });
    expect((await login(stack, user.email, TEST_PASSWORD)).status).toBe(200);
    // argon2 is slow on purpose: 40 verifications on 2 shared cores take a while.
  }, 240_000);

  it('asks admins for the authenticator code and lets nothing through before it', async () => {
    const admin = await stack.createUser('admin');
    const client = new HttpClient(stack.baseUrl);
    const first = await client.post('/api/auth/login', { email: admin.email, password: TEST_PASSWORD });
    expect(first.status).toBe(200);
    expect(first.body.stage).toBe('second-factor');
    client.csrfToken = first.body.csrfToken;
    expect((await client.get('/api/auth/me')).body.stage).toBe('second-factor');
    expect((await client.get('/api/staff-users')).status).toBe(401);

    const wrongCode = await client.post('/api/auth/second-factor', { code: '000000' });
    expect(wrongCode.status).toBe(401);
    const code = nextSecondFactorCode(admin.email);
    const ok = await client.post('/api/auth/second-factor', { code });
    expect(ok.status).toBe(200);
    client.csrfToken = ok.body.csrfToken;
    expect((await client.get('/api/staff-users')).status).toBe(200);

    // The same code cannot be used twice (an overheard code is worthless).
    const other = new HttpClient(stack.baseUrl);
    other.csrfToken = (await other.post('/api/auth/login', { email: admin.email, password: TEST_PASSWORD })).body.csrfToken;
    expect((await other.post('/api/auth/second-factor', { code })).status).toBe(401);
    // A recovery code works once.
    const recovery = nextSecondFactorCode(admin.email);
    expect(recovery).toMatch(/^[a-z2-7]{4}-/);
    expect((await other.post('/api/auth/second-factor', { code: recovery })).status).toBe(200);
    const third = new HttpClient(stack.baseUrl);
    third.csrfToken = (await third.post('/api/auth/login', { email: admin.email, password: TEST_PASSWORD })).body.csrfToken;
    expect((await third.post('/api/auth/second-factor', { code: recovery })).status).toBe(401);
  });

  it('makes a supervisor without a second factor enrol before anything else', async () => {
    const supervisor = await stack.createUser('supervisor', { secondFactor: false });
    const client = new HttpClient(stack.baseUrl);
    const first = await client.post('/api/auth/login', { email: supervisor.email, password: TEST_PASSWORD });
    expect(first.body.stage).toBe('enrol');
    client.csrfToken = first.body.csrfToken;
    expect((await client.get('/api/consultations')).status).toBe(401);
    // Two setup calls at once (a screen rendered twice) show the one secret that is stored.
    const [setup, again] = await Promise.all([client.post('/api/auth/totp/setup'), client.post('/api/auth/totp/setup')]);
    expect(again.body.data.secret).toBe(setup.body.data.secret);
    expect(setup.body.data.otpauthUri).toMatch(/^otpauth:\/\/totp\/.+secret=[A-Z2-7]+/);
    expect((await client.post('/api/auth/totp/confirm', { code: '123456' })).status).toBe(401);
    const confirmed = await client.post('/api/auth/totp/confirm', { code: totpCode(setup.body.data.secret, Date.now()) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data.recoveryCodes).toHaveLength(10);
    client.csrfToken = confirmed.body.csrfToken;
    expect((await client.get('/api/consultations')).status).toBe(200);
    const row = await stack.db('staff_users').where({ id: supervisor.id }).first();
    expect(row.totp_secret).not.toContain(setup.body.data.secret);
  });

  it('requires the second factor of staff only when the profile says so', () => {
    const profile = structuredClone(stack.profile);
    expect(secondFactorRequired('staff', profile)).toBe(false);
    expect(secondFactorRequired('supervisor', profile)).toBe(true);
    profile.access.secondFactorForStaff = true;
    expect(secondFactorRequired('staff', profile)).toBe(true);
  });

  it('changes the password after checking the current one and ends the other sessions', async () => {
    const user = await stack.createUser('staff');
    const a = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    const b = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    expect((await a.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'a-new-long-password' })).status).toBe(400);
    expect((await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' })).status).toBe(400);
    expect((await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-password' })).status).toBe(204);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await login(stack, user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(stack, user.email, 'a-new-long-password')).status).toBe(200);
  });

  it('ends a session left unused for 30 minutes', async () => {
    const user = await stack.createUser('staff');
    const client = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    await stack.db('staff_sessions').where({ user_id: user.id }).update({ last_seen_at: new Date(Date.now() - 29 * 60_000) });
    expect((await client.get('/api/auth/me')).status).toBe(200);
    await stack.db('staff_sessions').where({ user_id: user.id }).update({ last_seen_at: new Date(Date.now() - 31 * 60_000) });
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('treats a malformed cookie as signed out', async () => {
    const res = await new HttpClient(stack.baseUrl).request('GET', '/api/auth/me', undefined, { cookie: 'yorisoi_session=%E0' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
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
    expect((await login(stack, user.email, TEST_PASSWORD)).status).toBe(401);
  });

  it('treats an expired session as signed out', async () => {
    const user = await stack.createUser('supervisor');
    const client = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    await stack.db('staff_sessions').where({ user_id: user.id }).update({ expires_at: new Date(Date.now() - 1000) });
    const res = await client.get('/api/audit-log');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD only when no admin exists, who then enrols', async () => {
    await stack.db('staff_users').where({ role: 'admin' }).delete();
    expect(await ensureFirstAdmin(stack.db, 'first@city.example', 'first-admin-password')).toBe('created');
    expect(await ensureFirstAdmin(stack.db, 'second@city.example', 'first-admin-password')).toBe('exists');
    const res = await login(stack, 'first@city.example', 'first-admin-password');
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('enrol');
  });
});

describe('sign-in limits per address and the __Host- cookie over https', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ env: { LOGIN_IP_MAX_FAILURES: '4', PUBLIC_BASE_URL: 'https://yorisoi.city.example' } });
  });
  afterAll(() => stack.stop());

  it('refuses an address after repeated failures across accounts, kept in PostgreSQL', async () => {
    const a = await stack.createUser('staff');
    // A success gives its attempt back: a busy office behind one address is not locked out by its own sign-ins.
    expect((await login(stack, a.email, TEST_PASSWORD)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await login(stack, `someone${i}@city.example`, 'guess-password')).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    const refused = await login(stack, a.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(await stack.db('sign_in_throttle').where({ key: 'ip:127.0.0.1' }).first()).toMatchObject({ failures: 5 });
  });

  it('names the cookie __Host- with Secure and Path=/ when served over https', async () => {
    await stack.db('sign_in_throttle').delete();
    const user = await stack.createUser('staff');
    const client = new HttpClient(stack.baseUrl);
    const res = await client.post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^__Host-yorisoi_session=/);
    expect(setCookie).toMatch(/; Path=\/;/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    // The plain name is not read over https.
    const plain = await new HttpClient(stack.baseUrl).request('GET', '/api/auth/me', undefined, { cookie: setCookie.split(';')[0].replace('__Host-', '') });
    expect(plain.status).toBe(401);
  });
});
