import type { Payload } from '@temporalio/common';
import { EncryptionCodec, ENCRYPTED_ENCODING } from '../../../platform/temporal/encryption-codec';
import { consultationWorkflowId } from '../../../workflows/consultation/messages';
import { eventually } from '../../helpers/eventually';
import { HttpClient } from '../../helpers/http-client';
import { PretendResident } from '../../helpers/pretend-resident';
import { startTestStack, staffedAroundTheClock, TestStack, TEST_PASSWORD } from '../../helpers/test-stack';

const WEB_UI = 'https://temporal-ui.city.example';
const MARKER = 'CODEC-MARKER-5e1d';

const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('base64');
const asJson = (p: Payload) => ({ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(p.data) });
const text = (v: string) => Buffer.from(v, 'base64').toString('utf8');

/**
 * The Temporal Web UI's remote codec, as the Web UI calls it: payloads taken from a real workflow
 * history (sealed by the relay's client and by the worker), decoded only for a supervisor signed in
 * through the session cookie, each decode audited, CORS only for the configured Web UI.
 */
describe('the Temporal codec endpoint', () => {
  let stack: TestStack;
  const logLines: string[] = [];
  let supervisorEmail: string;
  let supervisor: HttpClient;
  let staff: HttpClient;
  let history: { payloads: ReturnType<typeof asJson>[] };

  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock({ env: { TEMPORAL_UI_ORIGINS: WEB_UI }, logLines }));
    supervisorEmail = (await stack.createUser('supervisor')).email;
    supervisor = await new HttpClient(stack.baseUrl).login(supervisorEmail, TEST_PASSWORD);
    staff = await new HttpClient(stack.baseUrl).login((await stack.createUser('staff')).email, TEST_PASSWORD);
    const resident = new PretendResident(stack);
    await resident.follow();
    await resident.say(`${MARKER} のことで相談したいです`);
    await resident.nextAnswer();
    const { id: residentId } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    // The signal that carried the marker (sealed by the relay) and an activity result (sealed by the worker).
    const payloads = await eventually(async () => {
      const { events } = await stack.temporal.workflow.getHandle(consultationWorkflowId(residentId)).fetchHistory();
      // The follow's signal, then the message's.
      const signals = events!.flatMap((e) => e.workflowExecutionSignaledEventAttributes?.input?.payloads ?? []);
      const results = events!.flatMap((e) => e.activityTaskCompletedEventAttributes?.result?.payloads ?? []);
      expect(signals.length).toBeGreaterThanOrEqual(2);
      expect(results.length).toBeGreaterThanOrEqual(1);
      return [signals[1], results[0]] as Payload[];
    });
    history = { payloads: payloads.map(asJson) };
  }, 120_000);
  afterAll(() => stack.stop());

  const decodeAs = (client: HttpClient, headers: Record<string, string> = { origin: WEB_UI }) =>
    client.request('POST', '/codec/decode', history, { 'x-namespace': stack.env.TEMPORAL_NAMESPACE, ...headers });
  const decodeAudits = () => stack.db('audit_log').where({ action: 'temporal.payloads.decode' });

  it('stores what the history carries sealed, so the Web UI alone shows nothing', () => {
    expect(history.payloads.every((p) => text(p.metadata.encoding) === ENCRYPTED_ENCODING)).toBe(true);
    expect(history.payloads.map((p) => text(p.data)).join('')).not.toContain(MARKER);
  });

  it('decodes for a supervisor signed in with the session cookie, with CORS for the Web UI, and audits it', async () => {
    const res = await decodeAs(supervisor);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(WEB_UI);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const [signal, result] = res.body.payloads as ReturnType<typeof asJson>[];
    expect(text(signal.metadata.encoding)).toBe('json/plain');
    expect(text(signal.data)).toContain(MARKER);
    expect(text(result.metadata.encoding)).toMatch(/^(json\/plain|binary\/null)$/);

    const audits = await decodeAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_email: supervisorEmail, target_id: stack.env.TEMPORAL_NAMESPACE, details: { payloads: 2 } });
    expect(JSON.stringify(audits)).not.toContain(MARKER);
    expect(logLines.join('\n')).not.toContain(MARKER);
  });

  it('refuses anonymous callers (401) and staff without oversight (403), decrypting and auditing nothing', async () => {
    const anonymous = await decodeAs(new HttpClient(stack.baseUrl));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    const plainStaff = await decodeAs(staff);
    expect(plainStaff.status).toBe(403);
    expect(plainStaff.body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify([anonymous.body, plainStaff.body])).not.toContain(MARKER);
    expect(await decodeAudits()).toHaveLength(1);
  });

  it('answers the CORS preflight for the configured Web UI only, and refuses a request from any other origin', async () => {
    const preflight = (origin: string) =>
      new HttpClient(stack.baseUrl).request('OPTIONS', '/codec/decode', undefined, { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' });
    const ours = await preflight(WEB_UI);
    expect(ours.status).toBe(204);
    expect(ours.headers.get('access-control-allow-origin')).toBe(WEB_UI);
    expect(ours.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ours.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ours.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-namespace');

    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    // A page elsewhere that posts anyway (its own cookie jar aside) is refused before anything is read.
    const posted = await decodeAs(supervisor, { origin: 'https://evil.example' });
    expect(posted.status).toBe(403);
    expect(JSON.stringify(posted.body)).not.toContain(MARKER);
    expect(await decodeAudits()).toHaveLength(1);
  });

  it('encodes for the Web UI with the key the worker reads', async () => {
    const plain = { metadata: { encoding: b64(Buffer.from('json/plain')) }, data: b64(Buffer.from(JSON.stringify({ note: MARKER }))) };
    const res = await supervisor.request('POST', '/codec/encode', { payloads: [plain] }, { origin: WEB_UI, 'x-namespace': stack.env.TEMPORAL_NAMESPACE });
    expect(res.status).toBe(200);
    const [sealed] = res.body.payloads as ReturnType<typeof asJson>[];
    expect(text(sealed.metadata.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed.data)).not.toContain(MARKER);
    const worker = new EncryptionCodec(stack.keyring.cipher('temporal-payload'));
    const [opened] = await worker.decode([{ metadata: { encoding: Buffer.from(text(sealed.metadata.encoding)), 'encryption-key-id': Buffer.from(sealed.metadata['encryption-key-id'], 'base64') }, data: Buffer.from(sealed.data, 'base64') }]);
    expect(JSON.parse(Buffer.from(opened.data!).toString('utf8'))).toEqual({ note: MARKER });
  });
});
