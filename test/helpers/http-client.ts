import { totpCode, totpStep } from '../../api/auth/totp';

/** Second factors of the accounts tests created (test-stack's createUser), by e-mail. */
const secondFactors = new Map<string, { secret: string; recoveryCodes: string[]; lastStep?: number }>();
export function rememberSecondFactor(email: string, secret: string, recoveryCodes: string[]): void {
  secondFactors.set(email.toLowerCase(), { secret, recoveryCodes: [...recoveryCodes] });
}

export const hasSecondFactor = (email: string) => secondFactors.has(email.toLowerCase());

/** The code a person would type: the authenticator's, or (its code already used this half-minute) a recovery code. */
export function nextSecondFactorCode(email: string): string {
  const f = secondFactors.get(email.toLowerCase());
  if (!f) throw new Error(`no second factor known for ${email}`);
  const now = Date.now();
  if (f.lastStep === undefined || totpStep(now) > f.lastStep) {
    f.lastStep = totpStep(now);
    return totpCode(f.secret, now);
  }
  const code = f.recoveryCodes.shift();
  if (!code) throw new Error(`out of recovery codes for ${email}`);
  return code;
}

/** A tiny browser-like client: keeps the session cookie and sends the CSRF token on writes. */
export class HttpClient {
  private cookie?: string;
  csrfToken?: string;

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    // An event stream never ends: report that it opened and close it.
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, body: '', headers: res.headers };
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string, body?: unknown) => this.request('DELETE', path, body);

  /** Signs in, typing the second factor when the account has one. */
  async login(email: string, password: string): Promise<this> {
    let res = await this.post('/api/auth/login', { email, password });
    if (res.status === 200 && res.body.stage === 'second-factor') {
      this.csrfToken = res.body.csrfToken;
      res = await this.post('/api/auth/second-factor', { code: nextSecondFactorCode(email) });
    }
    if (res.status !== 200 || res.body.stage !== 'full') throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.csrfToken = res.body.csrfToken;
    return this;
  }
}
