import { HttpClient } from '../helpers/http-client';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

describe('staff accounts managed by an admin', () => {
  let stack: TestStack;
  let admin: HttpClient;
  let adminId: string;
  beforeAll(async () => {
    stack = await startTestStack();
    const created = await stack.createUser('admin');
    adminId = created.id;
    admin = await new HttpClient(stack.baseUrl).login(created.email, TEST_PASSWORD);
  });
  afterAll(() => stack.stop());

  it('creates an account the new person can sign in with, and audits it', async () => {
    const res = await admin.post('/api/staff-users', { email: 'sato@city.example', displayName: '佐藤 花子', role: 'staff', password: 'a-long-first-password' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ email: 'sato@city.example', displayName: '佐藤 花子', role: 'staff', disabled: false });
    await new HttpClient(stack.baseUrl).login('sato@city.example', 'a-long-first-password');
    const audit = await stack.db('audit_log').where({ action: 'staff-user.create', target_id: res.body.data.id }).first();
    expect(audit.actor_id).toBe(adminId);
    expect(JSON.stringify(audit.details)).not.toContain('a-long-first-password');
  });

  it('refuses a duplicate e-mail whatever its case', async () => {
    await admin.post('/api/staff-users', { email: 'dup@city.example', displayName: 'a', role: 'staff', password: 'a-long-first-password' });
    const res = await admin.post('/api/staff-users', { email: 'DUP@city.example', displayName: 'b', role: 'staff', password: 'a-long-first-password' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('既に登録');
  });

  it('binds a partner user to a partner organisation of the profile', async () => {
    const missing = await admin.post('/api/staff-users', { email: 'p1@npo.example', displayName: 'p', role: 'partner', password: 'a-long-first-password' });
    expect(missing.status).toBe(400);
    const unknown = await admin.post('/api/staff-users', { email: 'p1@npo.example', displayName: 'p', role: 'partner', partnerId: 'nope', password: 'a-long-first-password' });
    expect(unknown.status).toBe(400);
    const ok = await admin.post('/api/staff-users', { email: 'p1@npo.example', displayName: 'p', role: 'partner', partnerId: stack.profile.partners[0].id, password: 'a-long-first-password' });
    expect(ok.status).toBe(201);
    expect(ok.body.data.partnerId).toBe(stack.profile.partners[0].id);
  });

  it('lists with a text filter, sorting and server-side pages', async () => {
    for (const n of [1, 2, 3]) {
      await admin.post('/api/staff-users', { email: `page${n}@city.example`, displayName: `ページ ${n}`, role: 'supervisor', password: 'a-long-first-password' });
    }
    const filter = encodeURIComponent(JSON.stringify({ q: 'page', role: 'supervisor' }));
    const first = await admin.get(`/api/staff-users?page=1&perPage=2&sort=email&order=ASC&filter=${filter}`);
    const second = await admin.get(`/api/staff-users?page=2&perPage=2&sort=email&order=ASC&filter=${filter}`);
    expect(first.body.total).toBe(3);
    expect(first.body.data.map((u: { email: string }) => u.email)).toEqual(['page1@city.example', 'page2@city.example']);
    expect(second.body.data.map((u: { email: string }) => u.email)).toEqual(['page3@city.example']);
    expect((await admin.get('/api/staff-users?sort=password_hash')).status).toBe(400);
  });

  it('applies a role change at once and resets a password', async () => {
    const user = await stack.createUser('staff');
    const session = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    expect((await admin.patch(`/api/staff-users/${user.id}`, { role: 'official' })).body.data.role).toBe('official');
    expect((await session.get('/api/auth/me')).status).toBe(401);

    expect((await admin.post(`/api/staff-users/${user.id}/reset-password`, { password: 'brand-new-password-1' })).status).toBe(204);
    expect((await new HttpClient(stack.baseUrl).post('/api/auth/login', { email: user.email, password: TEST_PASSWORD })).status).toBe(401);
    const again = await new HttpClient(stack.baseUrl).login(user.email, 'brand-new-password-1');
    expect((await again.get('/api/auth/me')).body.user.role).toBe('official');
  });

  it('does not let an admin lock themselves out', async () => {
    const res = await admin.patch(`/api/staff-users/${adminId}`, { disabled: true });
    expect(res.status).toBe(400);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });
});
