import { Client } from '@temporalio/client';
import { inboxColumns } from '../../api/line-webhook/inbox-content';
import { CONSENT_POSTBACK } from '../../workflows/consent/consent-flow';
import { consultationWorkflowId } from '../../workflows/consultation/messages';
import { referralWorkflowId } from '../../workflows/referral/messages';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startSmtpSink } from '../helpers/smtp-sink';
import { openAroundTheClock, startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

const CANARY_NAME = '鶸田カナリア';
const CANARY_PHONE = '09055550199';
const PARTNER = 'npo-ibasho';
const OTHER_PARTNER = 'jiritsu-shien';

/** Every byte string in a raw (undecoded) history, as text: what the Web UI or a history export would show. */
function rawText(value: unknown, out: string[] = []): string[] {
  if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) rawText(v, out);
  return out;
}

describe('consent, personal details and referrals', () => {
  let stack: TestStack;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const logLines: string[] = [];
  // Deadlines are injected here (the business-day arithmetic is tested in test/workflows/referral/).
  const deadlineMs = { acknowledge: 3_600_000, contact: 3_600_000 };
  let staff: HttpClient;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    stack = await startTestStack({
      worker: true,
      logLines,
      env: { SMTP_URL: smtp.url },
      profile: (p) => {
        p.ai.debounceSeconds = 0;
        openAroundTheClock(p);
      },
      activityOverrides: {
        listJapaneseHolidays: async () => [],
        computeReferralDeadlines: async ({ sentAt }) => ({ acknowledgeDueAt: sentAt + deadlineMs.acknowledge, contactDueAt: sentAt + deadlineMs.contact }),
      },
    });
    // A case in the AI's hands is nobody's: need-to-know leaves referring it to a supervisor.
    staff = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
  });

  const caseOf = async (r: PretendResident) => {
    const resident = await stack.db('residents').where({ line_user_id: r.userId }).first();
    const consultation = await stack.db('consultations').where({ resident_id: resident.id }).orderBy('opened_at', 'desc').first();
    return { residentId: resident.id as string, consultationId: consultation.id as string };
  };

  /** Onboards a resident and has staff draft a referral; returns once the consent question reached them. */
  const drafted = async (share = ['name', 'phone']) => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    const ids = await caseOf(resident);
    // The last intake answer is sent just before the workflow enters the listening phase.
    await eventually(async () => expect((await stack.db('consultations').where({ id: ids.consultationId }).first()).status).toBe('listening'));
    const res = await staff.post(`/api/consultations/${ids.consultationId}/referrals`, { partnerId: PARTNER, reason: '居場所につなぎたい', share });
    expect([res.status, res.body.error?.details]).toEqual([201, undefined]);
    const question = await resident.nextAnswer();
    expect(question.texts.join('\n')).toContain('同意のお願い');
    expect(question.texts.join('\n')).toContain('NPO法人 いばしょサンプル');
    return { resident, ...ids, referralId: res.body.data.id as string };
  };

  const agreeAndGiveDetails = async (d: Awaited<ReturnType<typeof drafted>>) => {
    await d.resident.tap(CONSENT_POSTBACK.agree(d.referralId));
    expect((await d.resident.nextAnswer()).texts[0]).toContain('お名前');
    await d.resident.say(CANARY_NAME);
    expect((await d.resident.nextAnswer()).texts[0]).toContain('電話番号');
    await d.resident.say('090-5555-0199');
    expect((await d.resident.nextAnswer()).texts[0]).toContain('お伝えします');
  };

  it('declined: nothing is asked and nothing is stored', async () => {
    const d = await drafted();
    await d.resident.tap(CONSENT_POSTBACK.decline(d.referralId));
    expect((await d.resident.nextAnswer()).texts).toEqual(['わかりました。情報はお伝えしません。相談はこのまま続けられます。']);
    await d.resident.say('ありがとう。もう少し話してもいい？');
    expect((await d.resident.nextAnswer()).texts[0]).not.toContain('お名前');
    expect(await stack.db('consents').where({ referral_id: d.referralId }).first()).toMatchObject({ agreed_at: null, declined_at: expect.any(Date) });
    expect(await stack.db('personal_details').where({ resident_id: d.residentId })).toEqual([]);
    // Sealed words are gone too, not only unreadable: the staff-edited hand-over included.
    expect(await stack.db('handover_summaries').where({ consultation_id: d.consultationId })).toEqual([]);
    expect((await stack.db('referrals').where({ id: d.referralId }).first()).status).toBe('consent_declined');
  });

  it('agreed: details stored encrypted, never in clear in the database, Temporal, the model or the logs; the partner sees only its own', async () => {
    const d = await drafted();
    await agreeAndGiveDetails(d);
    const partnerMail = await smtp.waitFor((m) => m.to.includes('contact@ibasho.example') && m.subject.includes('新しいご紹介'));
    expect(partnerMail.body).toContain(`/admin/#/referrals/${d.referralId}/show`);
    expect(partnerMail.raw).not.toContain(CANARY_NAME);
    await eventually(async () => expect((await stack.db('referrals').where({ id: d.referralId }).first()).status).toBe('sent'));

    // Postgres: ciphertext only; the resident's words are a placeholder.
    const stored = await stack.db('personal_details').where({ resident_id: d.residentId });
    expect(stored.map((r) => r.field).sort()).toEqual(['name', 'phone']);
    const dump = JSON.stringify(await stack.db.raw("select string_agg(t::text, ' ') as all from (select * from personal_details union all select null, null, null, text, null, null from messages) t"));
    expect(dump).not.toContain(CANARY_NAME);
    expect(dump).not.toContain(CANARY_PHONE);
    const texts = (await stack.db('messages').where({ resident_id: d.residentId, direction: 'in' })).map((m) => stack.sealer.open('messages', 'text', m));
    expect(texts).toEqual(expect.arrayContaining(['［個人情報: 氏名］', '［個人情報: 電話番号］']));

    // Temporal, read without the codec: every payload is encrypted.
    const raw = new Client({ connection: stack.temporal.connection, namespace: stack.env.TEMPORAL_NAMESPACE });
    for (const id of [consultationWorkflowId(d.residentId), referralWorkflowId(d.referralId)]) {
      const history = await raw.workflow.getHandle(id).fetchHistory();
      const all = rawText(history).join('\n');
      expect(all).toContain('binary/encrypted');
      expect(all).not.toContain(CANARY_NAME);
      // The number as typed and as stored (a shorter fragment can occur by chance in the worker's build-id hash).
      expect(all).not.toContain('5555-0199');
      expect(all).not.toContain(CANARY_PHONE);
    }

    // The partner sees it, with the details the resident agreed to share; the view is audited.
    const partner = await new HttpClient(stack.baseUrl).login((await stack.createUser('partner', { partnerId: PARTNER })).email, TEST_PASSWORD);
    expect((await partner.get('/api/partner/referrals')).body.data.map((r: { id: string }) => r.id)).toContain(d.referralId);
    const shown = (await partner.get(`/api/partner/referrals/${d.referralId}`)).body.data;
    expect(shown.details).toEqual([
      { field: 'name', label: '氏名', value: CANARY_NAME },
      { field: 'phone', label: '電話番号', value: CANARY_PHONE },
    ]);
    expect(await stack.db('audit_log').where({ action: 'referral.view', target_id: d.referralId }).first()).toBeDefined();

    // Another organisation sees nothing and can do nothing.
    const other = await new HttpClient(stack.baseUrl).login((await stack.createUser('partner', { partnerId: OTHER_PARTNER })).email, TEST_PASSWORD);
    expect((await other.get('/api/partner/referrals')).body.data).toEqual([]);
    expect((await other.get(`/api/partner/referrals/${d.referralId}`)).status).toBe(404);
    expect((await other.post(`/api/partner/referrals/${d.referralId}/accept`)).status).toBe(404);

    // Accepting tells the resident plainly; the case shows it.
    expect((await partner.post(`/api/partner/referrals/${d.referralId}/accept`)).body.data.status).toBe('accepted');
    const told = await d.resident.nextAnswer();
    expect(told.texts[0]).toContain('NPO法人 いばしょサンプルが、あなたのご相談を引き受けました');
    expect((await staff.get(`/api/consultations/${d.consultationId}/referrals`)).body.data[0]).toMatchObject({ id: d.referralId, status: 'accepted' });
    expect((await partner.post(`/api/partner/referrals/${d.referralId}/accept`)).status).toBe(409);
    expect((await partner.post(`/api/partner/referrals/${d.referralId}/contact`)).body.data.status).toBe('contacted');
    expect((await partner.post(`/api/partner/referrals/${d.referralId}/close`, { outcome: '居場所の利用につながった' })).body.data).toMatchObject({ status: 'closed', outcome: '居場所の利用につながった' });

    // Staff see details only on purpose, audited.
    const details = (await staff.get(`/api/residents/${d.residentId}/personal-details`)).body.data;
    expect(details.map((x: { value: string }) => x.value)).toEqual([CANARY_NAME, CANARY_PHONE]);
    expect(await stack.db('audit_log').where({ action: 'personal-details.view', target_id: d.residentId }).first()).toBeDefined();

    // The model never saw it, and neither did the logs.
    await d.resident.say('連絡を待っています。少し不安です');
    await d.resident.nextAnswer();
    expect(stack.openai.requests.length).toBeGreaterThan(0);
    const toModel = JSON.stringify(stack.openai.requests);
    expect(toModel).not.toContain(CANARY_NAME);
    expect(toModel).not.toContain(CANARY_PHONE);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(CANARY_NAME);
    expect(logLines.join('\n')).not.toContain(CANARY_PHONE);
  });

  it('a crisis text while details are being given: assessed in memory, crisis lines and an alert, never stored or sent to the model in clear', async () => {
    const d = await drafted();
    await d.resident.tap(CONSENT_POSTBACK.agree(d.referralId));
    expect((await d.resident.nextAnswer()).texts[0]).toContain('お名前');
    const modelCallsBefore = stack.openai.requests.length;
    await d.resident.say('もう死にたい');
    const answer = await d.resident.nextAnswer();
    expect(answer.texts.join('\n')).toContain('0120-783-556');
    await eventually(async () => expect(await stack.db('alerts').where({ consultation_id: d.consultationId, kind: 'crisis' }).first()).toMatchObject({ level: 'medium' }));
    const stored = (await stack.db('messages').where({ consultation_id: d.consultationId })).map((m) => stack.sealer.open('messages', 'text', m) ?? '');
    expect(stored.filter((t) => t.includes('死にたい'))).toEqual([]);
    expect(JSON.stringify(stack.openai.requests.slice(modelCallsBefore))).not.toContain('死にたい');
  });

  it('withdrawal stops a pending referral and deletes the details', async () => {
    const d = await drafted();
    await agreeAndGiveDetails(d);
    await eventually(async () => expect((await stack.db('referrals').where({ id: d.referralId }).first()).status).toBe('sent'));
    await d.resident.say('同意を取り消します');
    expect((await d.resident.nextAnswer()).texts[0]).toContain('同意を取り消しました');
    await eventually(async () => expect((await stack.db('referrals').where({ id: d.referralId }).first()).status).toBe('withdrawn'));
    expect(await stack.db('personal_details').where({ resident_id: d.residentId })).toEqual([]);
    // Sealed words are gone too, not only unreadable: the staff-edited hand-over included.
    expect(await stack.db('handover_summaries').where({ consultation_id: d.consultationId })).toEqual([]);
    expect((await stack.temporal.workflow.getHandle(referralWorkflowId(d.referralId)).result())).toEqual({ status: 'withdrawn' });
  });

  it('a referral not acknowledged in time: a reminder mail to the partner and a notice on the dashboard', async () => {
    deadlineMs.acknowledge = 1_500;
    try {
      const d = await drafted(['name']);
      await d.resident.tap(CONSENT_POSTBACK.agree(d.referralId));
      await d.resident.nextAnswer();
      await d.resident.say(CANARY_NAME);
      await d.resident.nextAnswer();
      const reminder = await smtp.waitFor((m) => m.to.includes('contact@ibasho.example') && m.subject.includes('期限を過ぎています'));
      expect(reminder.subject).toContain('受付');
      expect(reminder.raw).not.toContain(CANARY_NAME);
      expect(reminder.body).toContain(`/admin/#/referrals/${d.referralId}/show`);
      const alert = await eventually(async () => {
        const a = await stack.db('alerts').where({ referral_id: d.referralId, kind: 'referral_overdue' }).first();
        expect(a).toBeDefined();
        return a;
      });
      expect(alert).toMatchObject({ consultation_id: d.consultationId, channel: 'dashboard' });
      expect((await stack.db('referrals').where({ id: d.referralId }).first()).overdue).toEqual(['acknowledge']);
    } finally {
      deadlineMs.acknowledge = 3_600_000;
    }
  });

  it('a declined referral can be re-routed to another partner, with a new consent for that recipient', async () => {
    const d = await drafted(['name']);
    await d.resident.tap(CONSENT_POSTBACK.agree(d.referralId));
    await d.resident.nextAnswer();
    await d.resident.say(CANARY_NAME);
    await d.resident.nextAnswer();
    await eventually(async () => expect((await stack.db('referrals').where({ id: d.referralId }).first()).status).toBe('sent'));
    const partner = await new HttpClient(stack.baseUrl).login((await stack.createUser('partner', { partnerId: PARTNER })).email, TEST_PASSWORD);
    expect((await partner.post(`/api/partner/referrals/${d.referralId}/decline`, { reason: '対象地域外のため' })).body.data.status).toBe('declined');
    const rerouted = await staff.post(`/api/referrals/${d.referralId}/reroute`, { partnerId: OTHER_PARTNER });
    expect(rerouted.status).toBe(201);
    expect(rerouted.body.data).toMatchObject({ partnerId: OTHER_PARTNER, status: 'awaiting_consent', reroutedFrom: d.referralId });
    expect((await d.resident.nextAnswer()).texts.join('\n')).toContain('サンプル市 自立相談支援センター');
  });

  it('an admin erases a resident’s personal details and words, keeping the counts', async () => {
    const d = await drafted(['name']);
    await d.resident.tap(CONSENT_POSTBACK.agree(d.referralId));
    await d.resident.nextAnswer();
    await d.resident.say(CANARY_NAME);
    await d.resident.nextAnswer();
    // Words about the resident in every place staff can leave them.
    expect((await staff.post(`/api/consultations/${d.consultationId}/notes`, { text: 'ERASE-CANARY メモ' })).status).toBe(201);
    expect((await staff.post(`/api/consultations/${d.consultationId}/risk-reviews`, { note: 'ERASE-CANARY 確認' })).status).toBe(201);
    await stack.db('consultations').where({ id: d.consultationId }).update({ summary: 'ERASE-CANARY 要約' });
    expect((await staff.request('PUT', `/api/consultations/${d.consultationId}/handover`, { text: 'ERASE-CANARY 引き継ぎ' })).status).toBe(200);
    const lineUserId = d.resident.userId;
    // A satisfaction comment and an event still waiting in the inbox, both sealed as their writers seal them.
    const [comment] = await stack.db('satisfaction_responses').insert({ consultation_id: d.consultationId, resident_id: d.residentId, asked_at: new Date(), score: 3, answered_at: new Date() }).returning('id');
    await stack.db('satisfaction_responses').where({ id: comment.id }).update(stack.sealer.seal('satisfaction_responses', 'comment', comment.id, 'ERASE-CANARY 感想'));
    const waiting = d.resident.event('message', { message: { type: 'text', id: '99', text: 'ERASE-CANARY 未配信' } });
    await stack.db('webhook_inbox').insert({ webhook_event_id: waiting.webhookEventId, event_type: 'message', event_timestamp: waiting.timestamp, status: 'dead', ...inboxColumns(stack.sealer, waiting) });
    const admin = await new HttpClient(stack.baseUrl).login((await stack.createUser('admin')).email, TEST_PASSWORD);
    const before = await stack.db('messages').where({ resident_id: d.residentId }).count<{ count: string }[]>('* as count');
    const erased = await admin.post(`/api/residents/${d.residentId}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body.data).toMatchObject({ workflowEnded: true, withdrawnReferrals: 1 });
    // No text of the resident in any column of any table (the audit log included).
    const columns = (await stack.db.raw("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'ARRAY')")).rows as { table_name: string; column_name: string }[];
    const found: string[] = [];
    for (const { table_name: t, column_name: c } of columns) {
      for (const needle of ['ERASE-CANARY', CANARY_NAME, lineUserId]) {
        const { rows } = await stack.db.raw('SELECT count(*)::int AS n FROM ?? WHERE ??::text LIKE ?', [t, c, `%${needle}%`]);
        if (rows[0].n > 0) found.push(`${t}.${c}: ${needle === lineUserId ? 'LINE user id' : needle}`);
      }
    }
    expect(found).toEqual([]);
    expect((await stack.db('referrals').where({ id: d.referralId }).first()).status).toBe('withdrawn');
    expect((await stack.temporal.workflow.getHandle(`consultation-${d.residentId}`).describe()).status.name).toBe('TERMINATED');
    expect(await stack.db('audit_log').where({ action: 'resident.erase', target_id: d.residentId }).first()).toBeDefined();
    expect(await stack.db('personal_details').where({ resident_id: d.residentId })).toEqual([]);
    // Sealed words are gone too, not only unreadable: the staff-edited hand-over included.
    expect(await stack.db('handover_summaries').where({ consultation_id: d.consultationId })).toEqual([]);
    expect(await stack.db('satisfaction_responses').where({ id: comment.id }).first()).toMatchObject({ comment: null, comment_key_id: null, score: 3 });
    expect(await stack.db('webhook_inbox').where({ webhook_event_id: waiting.webhookEventId }).first()).toMatchObject({ content: null, content_key_id: null });
    expect(await stack.db('messages').where({ resident_id: d.residentId }).whereNotNull('text')).toEqual([]);
    expect(await stack.db('messages').where({ resident_id: d.residentId }).count<{ count: string }[]>('* as count')).toEqual(before);
    expect(await stack.db('residents').where({ id: d.residentId }).first()).toMatchObject({ status: 'erased', line_user_id: null });
  });
});
