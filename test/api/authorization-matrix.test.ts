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
});
