import type { PiiKeyring } from '../platform/crypto/pii-cipher';
import { TextSealer } from '../platform/crypto/sealed-text';
import type { MunicipalityProfile } from '../platform/config/profile';
import type { Db } from '../platform/db';
import { publish } from '../platform/events';
import type { Logger } from '../platform/logger';
import { idempotencyMarker, type Mailer } from '../platform/mail';
import { tokyoTime } from '../workflows/calendar/business-calendar';
import { calendarFromProfile, holidayYearsAround } from '../workflows/calendar/calendar-from-profile';
import type { ConsentField, ConsentRequest } from '../workflows/consent/consent-flow';
import { referralDeadlines, type ReferralStatus } from '../workflows/referral/referral-policy';
import { japaneseHolidays } from './calendar/holidays';

/** Binds a ciphertext to its resident and field, so a value cannot be moved to another row and still open. */
export const detailAad = (residentId: string, field: string) => `${residentId}:${field}`;

const SENT_STATES: ReferralStatus[] = ['sent', 'acknowledged', 'accepted', 'contacted'];
const TIMESTAMP_OF: Partial<Record<ReferralStatus, string>> = {
  acknowledged: 'acknowledged_at',
  accepted: 'accepted_at',
  declined: 'declined_at',
  contacted: 'contacted_at',
  closed: 'closed_at',
  withdrawn: 'withdrawn_at',
};

const jst = (ms: number) => {
  const t = tokyoTime(ms);
  return `${t.year}年${t.month}月${t.day}日 ${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
};

/**
 * Consent records, encrypted personal details and referral bookkeeping. Values are encrypted here,
 * before they reach Postgres; they are never logged. Mail to partners carries a link, never details.
 */
export function createReferralActivities(deps: { db: Db; profile: MunicipalityProfile; keyring: PiiKeyring; mailer?: Mailer; publicBaseUrl?: string; logger: Logger }) {
  const { db, profile } = deps;
  const cipher = deps.keyring.cipher('pii-at-rest');
  const sealer = new TextSealer(deps.keyring);

  const event = (referralId: string, name: string, actorType: 'staff' | 'partner' | 'resident' | 'system', actorId?: string | null, details: Record<string, unknown> = {}) =>
    db('referral_events').insert({ referral_id: referralId, event: name, actor_type: actorType, actor_id: actorId ?? null, details: JSON.stringify(details) });

  const touched = async (referralId: string) => {
    const r = await db('referrals').where({ id: referralId }).first('consultation_id');
    if (r) await publish(db, { type: 'consultation', id: r.consultation_id });
  };

  const partnerLink = (referralId: string) => `${deps.publicBaseUrl ?? ''}/admin/#/referrals/${referralId}/show`;

  async function mailPartner(referralId: string, subject: string, lines: string[]): Promise<string | null> {
    const r = await db('referrals as r').join('organizations as o', 'o.id', 'r.organization_id').where('r.id', referralId).first('o.email', 'o.name');
    if (!deps.mailer) return 'SMTP_URL is not set';
    const text = [`${r.name} ご担当者様`, '', ...lines, '', `対応画面: ${partnerLink(referralId)}`, '', 'このメールには相談者の個人情報は含まれていません。対応画面（パートナーポータル）で確認してください。'].join('\n');
    await deps.mailer.sendMail({ to: r.email, subject, text, ...idempotencyMarker(deps.mailer, `referral:${referralId}:${subject}`) });
    return null;
  }

  return {
    async recordConsentAsked(input: ConsentRequest & { residentId: string; consultationId: string; staffId: string }): Promise<void> {
      await db('consents')
        .insert({ id: input.consentId, resident_id: input.residentId, consultation_id: input.consultationId, referral_id: input.referralId, purpose: input.purpose, recipient: input.recipientId, text_version: input.textVersion, channel: 'line' })
        .onConflict('id')
        .ignore();
      await db('referrals').where({ id: input.referralId }).update({ consent_id: input.consentId, updated_at: db.fn.now() });
      await event(input.referralId, 'consent_asked', 'staff', input.staffId, { consentId: input.consentId, fields: input.fields });
      await touched(input.referralId);
    },

    async recordConsentDecision(input: { consentId: string; referralId: string; decision: 'agreed' | 'declined' }): Promise<void> {
      await db('consents')
        .where({ id: input.consentId })
        .whereNull('agreed_at')
        .whereNull('declined_at')
        .update(input.decision === 'agreed' ? { agreed_at: db.fn.now() } : { declined_at: db.fn.now() });
      await db('referrals')
        .where({ id: input.referralId, status: 'awaiting_consent' })
        .update({ status: input.decision === 'agreed' ? 'collecting' : 'consent_declined', updated_at: db.fn.now() });
      await event(input.referralId, `consent_${input.decision}`, 'resident');
      await touched(input.referralId);
    },

    async storePersonalDetail(input: { consentId: string; referralId: string; residentId: string; field: ConsentField; value: string }): Promise<void> {
      const ciphertext = cipher.encrypt(input.value, detailAad(input.residentId, input.field));
      await db('personal_details')
        .insert({ resident_id: input.residentId, consent_id: input.consentId, field: input.field, ciphertext })
        .onConflict(['consent_id', 'field'])
        .merge({ ciphertext, created_at: db.fn.now() });
    },

    async forgetPersonalDetail(input: { consentId: string; field: ConsentField }): Promise<void> {
      await db('personal_details').where({ consent_id: input.consentId, field: input.field }).delete();
    },

    /** The resident stopped giving details (or gave none): nothing is kept and nothing is sent. */
    async stopConsent(input: { consentId: string; referralId: string }): Promise<void> {
      await db('personal_details').where({ consent_id: input.consentId }).delete();
      await db('consents').where({ id: input.consentId }).whereNull('withdrawn_at').update({ withdrawn_at: db.fn.now() });
      await db('referrals').whereIn('status', ['awaiting_consent', 'collecting']).where({ id: input.referralId }).update({ status: 'cancelled', updated_at: db.fn.now() });
      await event(input.referralId, 'cancelled', 'resident');
      await touched(input.referralId);
    },

    /**
     * Withdrawal: every open consent of the resident ends, its details are deleted, referrals not yet
     * sent stop here; those already sent are returned so their workflows stop them.
     */
    async withdrawConsents(input: { residentId: string }): Promise<{ consents: number; activeReferralIds: string[] }> {
      const consents = await db('consents').where({ resident_id: input.residentId }).whereNull('withdrawn_at').whereNull('declined_at').pluck('id');
      if (consents.length === 0) return { consents: 0, activeReferralIds: [] };
      await db('consents').whereIn('id', consents).update({ withdrawn_at: db.fn.now() });
      await db('personal_details').whereIn('consent_id', consents).delete();
      const referrals = await db('referrals').whereIn('consent_id', consents).select('id', 'status');
      for (const r of referrals) {
        if (['awaiting_consent', 'collecting'].includes(r.status)) {
          await db('referrals').where({ id: r.id }).update({ status: 'withdrawn', withdrawn_at: db.fn.now(), updated_at: db.fn.now() });
          await event(r.id, 'withdrawn', 'resident');
          await touched(r.id);
        }
      }
      return { consents: consents.length, activeReferralIds: referrals.filter((r) => SENT_STATES.includes(r.status)).map((r) => r.id) };
    },

    /** Marks the referral sent and tells the partner by mail (once, even when retried). */
    async sendReferral(input: { referralId: string }): Promise<{ sentAt: number }> {
      await db('referrals').where({ id: input.referralId }).whereIn('status', ['collecting', 'awaiting_consent']).update({ status: 'sent', sent_at: db.fn.now(), updated_at: db.fn.now() });
      const row = await db('referrals').where({ id: input.referralId }).first('sent_at');
      if (!(await db('referral_events').where({ referral_id: input.referralId, event: 'sent' }).first('id'))) {
        const error = await mailPartner(input.referralId, '【よりそい】新しいご紹介があります', ['よりそい（市のLINE相談）から、新しいご紹介があります。', '内容の確認と受付（受領）の操作をお願いします。']);
        if (error) deps.logger.warn({ referralId: input.referralId, error }, 'referral mail not sent');
        await event(input.referralId, 'sent', 'system', null, { mailError: error });
        await touched(input.referralId);
      }
      return { sentAt: new Date(row.sent_at).getTime() };
    },

    /** Business days from the profile, across national holidays and the city's closed days. */
    async computeReferralDeadlines(input: { referralId: string; sentAt: number }): Promise<{ acknowledgeDueAt: number; contactDueAt: number }> {
      const years = holidayYearsAround(input.sentAt);
      const calendar = calendarFromProfile(profile.businessHours, japaneseHolidays(years.fromYear, years.toYear));
      const due = referralDeadlines(input.sentAt, profile.referrals, calendar);
      await db('referrals').where({ id: input.referralId }).update({ acknowledge_due_at: new Date(due.acknowledgeDueAt), contact_due_at: new Date(due.contactDueAt) });
      return due;
    },

    async recordReferralTransition(input: { referralId: string; to: ReferralStatus; action: string; actorId?: string; note?: string }): Promise<void> {
      const column = TIMESTAMP_OF[input.to];
      const patch: Record<string, unknown> = { status: input.to, updated_at: db.fn.now() };
      if (column) patch[column] = db.fn.now();
      // Accepting or declining straight from `sent` also acknowledges.
      if (input.to === 'accepted' || input.to === 'declined') patch.acknowledged_at = db.raw('coalesce(acknowledged_at, now())');
      if (input.to === 'declined') Object.assign(patch, sealer.seal('referrals', 'decline_reason', input.referralId, input.note));
      if (input.to === 'closed') Object.assign(patch, sealer.seal('referrals', 'outcome', input.referralId, input.note));
      await db('referrals').where({ id: input.referralId }).update(patch);
      // The note itself lives sealed on the referral; the event only says there was one.
      await event(input.referralId, input.to, input.actorId ? 'partner' : 'resident', input.actorId ?? null, input.note ? { withNote: true } : {});
      await touched(input.referralId);
    },

    /** What the resident is told, in plain words, when the partner accepts. */
    async referralAcceptedMessage(input: { referralId: string }): Promise<string> {
      const r = await db('referrals as r').join('organizations as o', 'o.id', 'r.organization_id').where('r.id', input.referralId).first('o.name');
      return `${r.name}が、あなたのご相談を引き受けました。これから${r.name}の担当の方が、教えていただいた連絡先にご連絡します。\n連絡が来ないときや、不安なことがあるときは、このトークでいつでも話しかけてください。`;
    },

    /** A deadline passed: a notice on the staff dashboard and a reminder mail (a link only) to the partner. */
    async referralOverdue(input: { referralId: string; stage: 'acknowledge' | 'contact'; alertId: string }): Promise<void> {
      const r = await db('referrals').where({ id: input.referralId }).first();
      await db('alerts').insert({ id: input.alertId, consultation_id: r.consultation_id, referral_id: r.id, kind: 'referral_overdue', channel: 'dashboard', categories: [input.stage] }).onConflict('id').ignore();
      await db('referrals').where({ id: r.id }).update({ overdue: db.raw('array(select distinct unnest(array_append(overdue, ?)))', [input.stage]), updated_at: db.fn.now() });
      const alert = await db('alerts').where({ id: input.alertId }).first('notified_at');
      if (!alert.notified_at) {
        const due = new Date(input.stage === 'acknowledge' ? r.acknowledge_due_at : r.contact_due_at).getTime();
        const what = input.stage === 'acknowledge' ? '受付（受領）' : '相談者への最初の連絡';
        const error = await mailPartner(r.id, `【よりそい】ご紹介の${what}期限を過ぎています`, [`ご紹介の${what}の期限（${jst(due)}）を過ぎました。`, '対応画面で状況の確認と記録をお願いします。']);
        await db('alerts').where({ id: input.alertId }).update({ notified_at: db.fn.now(), delivery_error: error });
        await event(r.id, `overdue_${input.stage}`, 'system', null, { mailError: error });
      }
      await publish(db, { type: 'alert', id: input.alertId, consultationId: r.consultation_id, level: null }, { type: 'consultation', id: r.consultation_id });
    },
  };
}
