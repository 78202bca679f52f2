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

  /** A binary answer (an image, a file) as bytes, with the session's cookie. */
  async bytes(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(this.baseUrl + path, { headers: this.cookie ? { cookie: this.cookie } : {}, redirect: 'manual' });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, body ?? {});
  patch = (path: string, body: unknown) => this.request('PATCH', path, body);
  delete = (path: string, body?: unknown) => this.request('DELETE', path, body);

  /** Opens a server-sent event stream with this session and collects its named events as they arrive. */
  async openEventStream(path: string): Promise<{ events: { type: string; data: unknown }[]; close(): void }> {
    const controller = new AbortController();
    const res = await fetch(this.baseUrl + path, { headers: this.cookie ? { cookie: this.cookie } : {}, signal: controller.signal });
    if (res.status !== 200 || !res.body) throw new Error(`event stream ${path} answered ${res.status}`);
    const events: { type: string; data: unknown }[] = [];
    void (async () => {
      const decoder = new TextDecoder();
      let buffered = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffered += decoder.decode(chunk, { stream: true });
          const blocks = buffered.split('\n\n');
          buffered = blocks.pop() ?? '';
          for (const block of blocks) {
            const type = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (type) events.push({ type, data: data ? JSON.parse(data) : undefined });
          }
        }
      } catch {
        // Aborted by close().
      }
    })();
    return { events, close: () => controller.abort() };
  }

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
