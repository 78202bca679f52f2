import crypto from 'node:crypto';
import { ROLES, Role } from '../../api/auth/roles';
import type { RouteSpec } from '../../api/http/route';
import { HttpClient } from '../helpers/http-client';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];

function expectedOutcome(route: RouteSpec, caller: Caller): 'allowed' | 401 | 403 {
  if (route.access === 'public') return 'allowed';
  // Only LINE's signature opens the webhook; a session of any role does not.
  if (route.access === 'line-signature') return 401;
  if (caller === 'anonymous') return 401;
  if (route.access === 'signed-in') return 'allowed';
  return route.access.includes(caller) ? 'allowed' : 403;
}

describe('authorization matrix: every route × every role', () => {
  let stack: TestStack;
  const emails = new Map<Role, string>();

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    for (const role of ROLES) emails.set(role, (await stack.createUser(role)).email);
  });
  afterAll(() => stack.stop());

  it('declares access on every route express serves', () => {
    // Express 5 keeps its router on app.router; every layer with a route must come from the registry.
    const served = (stack.app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack
      .filter((layer) => layer.route && typeof layer.route.path === 'string' && layer.route.path.startsWith('/'))
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m} ${layer.route!.path}`));
    const declared = stack.routes.map((r) => `${r.method} ${r.path}`);
    expect(served.filter((s) => !s.startsWith('get /admin') && s !== 'get /').sort()).toEqual([...declared].sort());
  });

  it('answers each caller as the route declares', async () => {
    const mismatches: string[] = [];
    // One session per role, renewed after the logout route ends it (argon2 makes each login slow on purpose).
    const sessions = new Map<Caller, HttpClient>();
    const clientFor = async (caller: Caller) => {
      if (!sessions.has(caller)) {
        const client = new HttpClient(stack.baseUrl);
        if (caller !== 'anonymous') await client.login(emails.get(caller)!, TEST_PASSWORD);
        sessions.set(caller, client);
      }
      return sessions.get(caller)!;
    };
    for (const route of stack.routes) {
      for (const caller of CALLERS) {
        const client = await clientFor(caller);
        if (route.path === '/api/auth/logout') sessions.delete(caller);
        const path = route.path.replace(/:[a-zA-Z]+/g, () => crypto.randomUUID());
        const res = await client.request(route.method.toUpperCase(), path, route.method === 'get' ? undefined : {});
        const expected = expectedOutcome(route, caller);
        const ok = expected === 'allowed' ? res.status !== 401 && res.status !== 403 : res.status === expected;
        if (!ok) mismatches.push(`${route.method.toUpperCase()} ${route.path} as ${caller}: expected ${expected}, got ${res.status}`);
        if (expected !== 'allowed') expect(res.body.error.code).toMatch(/UNAUTHENTICATED|FORBIDDEN|INVALID_SIGNATURE/);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const client = await new HttpClient(stack.baseUrl).login(emails.get('admin')!, TEST_PASSWORD);
    client.csrfToken = undefined;
    const res = await client.post('/api/staff-users', { email: 'x@city.example', displayName: 'x', role: 'staff', password: 'long-enough-password' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_MISMATCH');
    expect(await stack.db('staff_users').where({ email: 'x@city.example' }).first()).toBeUndefined();
  });

  describe('need-to-know: object-level access to cases', () => {
    let staffA: { id: string; email: string };
    let staffB: { id: string; email: string };
    let a: HttpClient;
    let b: HttpClient;
    let supervisor: HttpClient;

    /** A case as the workflow would have left it, with one message of each side. */
    const makeCase = async (c: { status: string; assigned?: string; highest?: string; closedDaysAgo?: number; staffWrote?: string }) => {
      const [resident] = await stack.db('residents').insert({ code: `R-${crypto.randomBytes(3).toString('hex')}`, line_user_id: 'U' + crypto.randomBytes(16).toString('hex') }).returning('id');
      const closedAt = c.closedDaysAgo === undefined ? null : new Date(Date.now() - c.closedDaysAgo * 86_400_000);
      const [row] = await stack.db('consultations')
        .insert({ resident_id: resident.id, workflow_id: `consultation-${resident.id}`, status: c.status, assigned_staff_id: c.assigned ?? null, highest_risk_level: c.highest ?? 'none', risk_level: c.highest ?? 'none', closed_at: closedAt, waiting_since: c.status === 'waiting_for_staff' ? new Date() : null })
        .returning('id');
      await stack.db('messages').insert([
        { consultation_id: row.id, resident_id: resident.id, direction: 'in', sender: 'resident', text: '家に帰りたくない' },
        ...(c.staffWrote ? [{ consultation_id: row.id, resident_id: resident.id, direction: 'out', sender: 'staff', staff_id: c.staffWrote, text: 'お話を聞かせてください' }] : []),
      ]);
      return { id: row.id as string, residentId: resident.id as string };
    };
    const listed = async (client: HttpClient) => ((await client.get('/api/consultations?perPage=200')).body.data as { id: string }[]).map((c) => c.id);

    beforeAll(async () => {
      staffA = await stack.createUser('staff');
      staffB = await stack.createUser('staff');
      a = await new HttpClient(stack.baseUrl).login(staffA.email, TEST_PASSWORD);
      b = await new HttpClient(stack.baseUrl).login(staffB.email, TEST_PASSWORD);
      supervisor = await new HttpClient(stack.baseUrl).login(emails.get('supervisor')!, TEST_PASSWORD);
    });

    it("refuses staff B staff A's case: messages, detail, hand-over, follow-ups, notes, personal details, list", async () => {
      const own = await makeCase({ status: 'with_staff', assigned: staffA.id, staffWrote: staffA.id });
      expect((await a.get(`/api/consultations/${own.id}/messages`)).status).toBe(200);
      expect((await a.get(`/api/consultations/${own.id}/handover`)).status).toBe(200);
      const caseReads = ['/messages', '', '/handover', '/follow-ups', '/referrals', '/canned-replies'].map((p) => `/api/consultations/${own.id}${p}`);
      for (const path of [...caseReads, `/api/residents/${own.residentId}/personal-details`, `/api/residents/${own.residentId}`]) {
        const res = await b.get(path);
        expect([path, res.status]).toEqual([path, 403]);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      for (const [path, body] of [[`/api/consultations/${own.id}/notes`, { text: 'メモ' }], [`/api/consultations/${own.id}/close`, {}], [`/api/consultations/${own.id}/claim`, {}]] as const) {
        expect([path, (await b.post(path, body)).status]).toEqual([path, 403]);
      }
      expect((await b.request('PUT', `/api/consultations/${own.id}/handover`, { text: '書き換え' })).status).toBe(403);
      expect(await stack.db('handover_summaries').where({ consultation_id: own.id }).first()).toBeUndefined();
      expect(await listed(b)).not.toContain(own.id);
      expect(await listed(a)).toContain(own.id);
      expect(await listed(supervisor)).toContain(own.id);
      expect((await supervisor.get(`/api/consultations/${own.id}/messages`)).status).toBe(200);
    });

    it('shows staff the queue, and cases they handled only while recent (profile: recentCaseDays)', async () => {
      const waiting = await makeCase({ status: 'waiting_for_staff' });
      const recent = await makeCase({ status: 'closed', closedDaysAgo: 3, staffWrote: staffB.id });
      const old = await makeCase({ status: 'closed', closedDaysAgo: stack.profile.access.recentCaseDays + 1, staffWrote: staffB.id });
      const mine = await listed(b);
      expect(mine).toEqual(expect.arrayContaining([waiting.id, recent.id]));
      expect(mine).not.toContain(old.id);
      expect((await b.get(`/api/consultations/${old.id}/messages`)).status).toBe(403);
    });

    it('audits every read of message text and case detail in the same transaction', async () => {
      const own = await makeCase({ status: 'with_staff', assigned: staffA.id });
      await a.get(`/api/consultations/${own.id}/messages`);
      await a.get(`/api/consultations/${own.id}`);
      await a.get(`/api/consultations/${own.id}/handover`);
      const actions = (await stack.db('audit_log').where({ actor_id: staffA.id, target_id: own.id }).orderBy('id')).map((r) => r.action);
      expect(actions).toEqual(['consultation.read-messages', 'consultation.view', 'consultation.read-handover']);
    });

    it('opens another case by break-glass with a stated reason, audited with that reason', async () => {
      const other = await makeCase({ status: 'with_staff', assigned: staffA.id });
      expect((await b.post(`/api/consultations/${other.id}/break-glass`, { reason: '急ぎ' })).status).toBe(400);
      const reason = '担当者が不在で、本人から緊急の連絡があったため';
      const opened = await b.post(`/api/consultations/${other.id}/break-glass`, { reason });
      expect(opened.status).toBe(201);
      expect((await b.get(`/api/consultations/${other.id}/messages`)).body.data[0].text).toBe('家に帰りたくない');
      const entry = await stack.db('audit_log').where({ actor_id: staffB.id, action: 'consultation.break-glass', target_id: other.id }).first();
      expect(entry.details).toEqual({ reason, minutes: stack.profile.access.breakGlassMinutes });
      // Seeing is not owning: closing stays with the assigned staff or a supervisor.
      expect((await b.post(`/api/consultations/${other.id}/close`)).status).toBe(403);
      // The grant ends.
      await stack.db('case_access_grants').where({ staff_id: staffB.id }).update({ expires_at: new Date(Date.now() - 1000) });
      expect((await b.get(`/api/consultations/${other.id}/messages`)).status).toBe(403);
    });

    it('leaves the review of a high-risk case to a supervisor', async () => {
      const high = await makeCase({ status: 'with_staff', assigned: staffA.id, highest: 'high' });
      const byStaff = await a.post(`/api/consultations/${high.id}/risk-reviews`, { note: '本人と話し、安全を確認した' });
      expect(byStaff.status).toBe(403);
      expect((await supervisor.post(`/api/consultations/${high.id}/risk-reviews`, { note: '本人と話し、安全を確認した' })).status).toBe(201);
      const low = await makeCase({ status: 'with_staff', assigned: staffA.id, highest: 'low' });
      expect((await a.post(`/api/consultations/${low.id}/risk-reviews`, { note: '様子を確認した' })).status).toBe(201);
    });

    it('keeps the audit log append-only for the application', async () => {
      const [entry] = await stack.db('audit_log').insert({ action: 'test.entry', at: new Date(Date.now() - 200 * 86_400_000) }).returning('id');
      await expect(stack.db('audit_log').where({ id: entry.id }).update({ action: 'changed' })).rejects.toThrow(/append-only/);
      await expect(stack.db('audit_log').where({ id: entry.id }).delete()).rejects.toThrow(/append-only/);
      await expect(stack.db.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      await expect(stack.db.raw("SELECT audit_log_purge(now() - interval '10 days')")).rejects.toThrow(/at least 90 days/);
      // Retention may remove entries older than its horizon, through the purge function only.
      await stack.db.raw("SELECT audit_log_purge(now() - interval '100 days')");
      expect(await stack.db('audit_log').where({ id: entry.id }).first()).toBeUndefined();
      expect(await stack.db('audit_log').where({ action: 'consultation.break-glass' }).first()).toBeDefined();
    });
  });
});
