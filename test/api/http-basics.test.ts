import http from 'node:http';
import { createApp } from '../../api/app';
import { createDb } from '../../platform/db';
import { createLogger } from '../../platform/logger';
import { HttpClient } from '../helpers/http-client';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

describe('API basics: health, metrics, errors, headers', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.stop());

  it('is live and ready when Postgres and Temporal answer', async () => {
    const client = new HttpClient(stack.baseUrl);
    expect((await client.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: 'ok', temporal: 'ok', liveEvents: 'ok' });
  });

  it('exposes Prometheus metrics labelled by route pattern', async () => {
    const client = new HttpClient(stack.baseUrl);
    await client.get('/healthz');
    const metrics = await client.get('/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.body).toMatch(/yorisoi_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('sends security headers', async () => {
    const res = await new HttpClient(stack.baseUrl).get('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers every error with the same JSON shape', async () => {
    const client = await new HttpClient(stack.baseUrl).login((await stack.createUser('admin')).email, TEST_PASSWORD);
    const notFound = await client.get('/api/no-such-thing');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });

    const malformed = await client.request('POST', '/api/staff-users', '{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BAD_INPUT');

    const huge = await client.request('POST', '/api/staff-users', JSON.stringify({ displayName: 'x'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const invalid = await client.post('/api/staff-users', { email: 'not-an-email', displayName: '', role: 'wizard', password: 'short' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['displayName', 'email', 'password', 'role']);
  });

  it('reports not ready, naming the part without driver errors, when Postgres is unreachable', async () => {
    const deadDb = createDb('postgres://nobody:x@127.0.0.1:1/none', { min: 0, max: 1 });
    const { app } = createApp({ db: deadDb, temporal: stack.temporal, env: stack.env, profile: stack.profile, logger: createLogger('silent'), keyring: stack.keyring });
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await new HttpClient(`http://127.0.0.1:${port}`).get('/readyz');
      expect(res.status).toBe(503);
      // The public answer names the part, never the driver's error (addresses, user names, versions).
      expect(res.body.checks).toMatchObject({ postgres: 'unavailable', temporal: 'ok' });
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|nobody/);
    } finally {
      server.close();
      await deadDb.destroy();
    }
  });
});
