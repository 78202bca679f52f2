import crypto from 'node:crypto';
import fs from 'node:fs';
import { neutraliseFormula } from '../../api/reports/report-export';
import { signWebhook } from '../../activities/alert-activities';
import { parseProfile } from '../../platform/config/profile';
import { HttpClient } from '../helpers/http-client';
import { EXAMPLE_PROFILE, startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

const BOT = 'U' + 'a'.repeat(32);

describe('input and output hygiene', () => {
  let stack: TestStack;
  const logLines: string[] = [];
  let staff: HttpClient;

  beforeAll(async () => {
    stack = await startTestStack({ logLines, env: { LINE_BOT_USER_ID: BOT } });
    staff = await new HttpClient(stack.baseUrl).login((await stack.createUser('staff')).email, TEST_PASSWORD);
  });
  afterAll(() => stack.stop());

  const list = (path: string, filter: unknown) => staff.get(`${path}?filter=${encodeURIComponent(JSON.stringify(filter))}`);

  it('answers a filter with a non-uuid resident id 400, and the value reaches no log', async () => {
    const res = await list('/api/consultations', { residentId: 'MARKER-12345' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BAD_INPUT', details: [{ field: 'filter.residentId' }] });
    expect(JSON.stringify(res.body)).not.toContain('MARKER-12345');
    expect(logLines.join('\n')).not.toContain('MARKER-12345');
  });

  it('validates every list filter: dates, enums, booleans and ids', async () => {
    const bad: [string, unknown][] = [
      ['/api/consultations', { openedFrom: '2026-02-30' }],
      ['/api/consultations', { openedTo: 'yesterday' }],
      ['/api/consultations', { status: 'anything' }],
      ['/api/consultations', { waiting: 'yes' }],
      ['/api/residents', { status: 'gone' }],
      ['/api/residents', { q: 'x'.repeat(101) }],
    ];
    for (const [path, filter] of bad) {
      const res = await list(path, filter);
      expect([path, filter, res.status]).toEqual([path, filter, 400]);
      expect(res.body.error.code).toBe('BAD_INPUT');
    }
    expect((await list('/api/consultations', { openedFrom: '2026-04-01', status: 'closed', waiting: false })).status).toBe(200);
    const admin = await new HttpClient(stack.baseUrl).login((await stack.createUser('admin')).email, TEST_PASSWORD);
    expect((await admin.get(`/api/audit-log?filter=${encodeURIComponent('{"actorId":"not-a-uuid"}')}`)).status).toBe(400);
    expect((await admin.get(`/api/staff-users?filter=${encodeURIComponent('{"role":"wizard"}')}`)).status).toBe(400);
    expect((await admin.get(`/api/staff-users?filter=${encodeURIComponent('{"role":"staff"}')}`)).status).toBe(200);
  });

  it('treats a malformed session cookie as signed out', async () => {
    const res = await new HttpClient(stack.baseUrl).request('GET', '/api/consultations', undefined, { cookie: 'yorisoi_session=%E0' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses webhook events addressed to another bot, even when signed', async () => {
    const post = (destination: string) => {
      const body = JSON.stringify({ destination, events: [{ type: 'follow', mode: 'active', timestamp: Date.now(), webhookEventId: crypto.randomUUID(), source: { type: 'user', userId: 'U' + 'b'.repeat(32) } }] });
      const signature = crypto.createHmac('sha256', 'test-channel-secret').update(body).digest('base64');
      return fetch(`${stack.baseUrl}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': signature }, body });
    };
    expect((await post('U' + 'c'.repeat(32))).status).toBe(400);
    expect(await stack.db('webhook_inbox').count({ n: '*' }).first()).toEqual({ n: '0' });
    expect((await post(BOT)).status).toBe(200);
  });

  it('gives officials reports only for whole months or fiscal periods', async () => {
    const official = await new HttpClient(stack.baseUrl).login((await stack.createUser('official')).email, TEST_PASSWORD);
    for (const [from, to] of [['2026-05-02', '2026-05-31'], ['2026-05-01', '2026-05-30'], ['2026-04-15', '2026-06-14']]) {
      const res = await official.get(`/api/reports?from=${from}&to=${to}`);
      expect([from, to, res.status]).toEqual([from, to, 400]);
    }
    expect((await official.get('/api/reports?from=2026-04-01&to=2027-03-31')).status).toBe(200);
    expect((await official.get('/api/reports?from=2026-02-01&to=2026-02-28')).status).toBe(200);
  });
});

describe('files and messages that leave the platform', () => {
  it('neutralises CSV cells Excel would run as formulas, keeping numbers', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","y")')).toBe('\'=HYPERLINK("http://x","y")');
    expect(neutraliseFormula('+81')).toBe("'+81");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('-1+2')).toBe("'-1+2");
    expect(neutraliseFormula('-12')).toBe('-12');
    expect(neutraliseFormula('12.5%')).toBe('12.5%');
    expect(neutraliseFormula('<5')).toBe('<5');
  });

  it('accepts only an https on-call webhook', () => {
    const yaml = fs.readFileSync(EXAMPLE_PROFILE, 'utf8');
    expect(() => parseProfile(yaml.replace('email: oncall@city.example', 'webhookUrl: http://oncall.city.example/hook'))).toThrow(/webhookUrl.*https/);
    expect(parseProfile(yaml.replace('email: oncall@city.example', 'webhookUrl: https://oncall.city.example/hook')).escalation.onCall.webhookUrl).toBe('https://oncall.city.example/hook');
  });

  it('signs the on-call webhook so the receiver can check sender and freshness', () => {
    const secret = 'k'.repeat(40);
    const body = JSON.stringify({ type: 'yorisoi.alert', alertId: 'a' });
    const headers = signWebhook(secret, body, Date.UTC(2026, 10, 30, 12));
    expect(headers['x-yorisoi-timestamp']).toBe(String(Date.UTC(2026, 10, 30, 12) / 1000));
    const expected = crypto.createHmac('sha256', secret).update(`${headers['x-yorisoi-timestamp']}.${body}`).digest('hex');
    expect(headers['x-yorisoi-signature']).toBe(`sha256=${expected}`);
  });
});
