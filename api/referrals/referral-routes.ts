import crypto from 'node:crypto';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import type { PiiKeyring } from '../../platform/crypto/pii-cipher';
import { TextSealer } from '../../platform/crypto/sealed-text';
import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { publish } from '../../platform/events';
import { detailAad } from '../../activities/referral-activities';
import { CONSENT_FIELDS, ConsentField, FIELD_LABELS_JA } from '../../workflows/consent/consent-flow';
import { consultationWorkflowId, requestConsentUpdate } from '../../workflows/consultation/messages';
import { referralActionUpdate, referralWorkflowId } from '../../workflows/referral/messages';
import type { ReferralAction } from '../../workflows/referral/referral-policy';
import { recordAudit } from '../audit/audit-log';
import { STAFF_ROLES } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { parseBody } from '../http/list-query';
import { assertCanSeeCase } from '../consultations/case-access';
import { RouteSpec, signedInUser, SignedInUser } from '../http/route';
import { directoryReady, listPartners } from '../partners/partner-directory';

const uuid = z.uuid();
const PARTNER: ['partner'] = ['partner'];
/** What a partner ever sees: referrals that were sent to them, never drafts or ones the resident refused. */
const VISIBLE_TO_PARTNER = ['sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'];

export function toReferral(sealer: TextSealer, r: Record<string, any>) {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: r.id as string,
    consultationId: r.consultation_id as string,
    partnerId: r.organization_id as string,
    partnerName: (r.partner_name as string) ?? null,
    reason: sealer.open('referrals', 'reason', r) as string,
    share: r.share as string[],
    shareLabels: (r.share as ConsentField[]).map((f) => FIELD_LABELS_JA[f] ?? f),
    status: r.status as string,
    createdAt: iso(r.created_at),
    sentAt: iso(r.sent_at),
    acknowledgeDueAt: iso(r.acknowledge_due_at),
    contactDueAt: iso(r.contact_due_at),
    acknowledgedAt: iso(r.acknowledged_at),
    acceptedAt: iso(r.accepted_at),
    declinedAt: iso(r.declined_at),
    declineReason: sealer.open('referrals', 'decline_reason', r),
    contactedAt: iso(r.contacted_at),
    closedAt: iso(r.closed_at),
    outcome: sealer.open('referrals', 'outcome', r),
    withdrawnAt: iso(r.withdrawn_at),
    overdue: r.overdue as string[],
    reroutedFrom: (r.rerouted_from as string) ?? null,
    reroutedTo: (r.rerouted_to as string) ?? null,
  };
}

const referrals = (db: Db) => db('referrals as r').join('organizations as o', 'o.id', 'r.organization_id').select('r.*', 'o.name as partner_name');

/**
 * Referrals: staff draft one on a case (the resident is asked for consent through LINE), re-route a
 * declined one; partners see and work only their own organisation's referrals. Every view of personal
 * details and every change is audited.
 */
export function referralRoutes(deps: { db: Db; temporal: Client; profile: MunicipalityProfile; keyring: PiiKeyring }): RouteSpec[] {
  const { db, temporal, profile } = deps;
  const cipher = deps.keyring.cipher('pii-at-rest');
  const sealer = new TextSealer(deps.keyring);

  /** The case, if it exists and the caller may see it (need-to-know). */
  const loadConsultation = async (id: string, user: SignedInUser) => {
    const c = uuid.safeParse(id).success ? await db('consultations').where({ id }).first('id', 'resident_id', 'status') : undefined;
    if (!c) throw new AppError(FailureCode.NotFound, '相談が見つかりません。');
    await assertCanSeeCase(db, user, profile, c.id);
    return c;
  };

  /** A partner's own referral, or 404: another organisation's referral is indistinguishable from none. */
  const loadForPartner = async (user: SignedInUser, id: string) => {
    const r = uuid.safeParse(id).success && user.partnerId ? await referrals(db).where({ 'r.id': id, 'r.organization_id': user.partnerId }).whereIn('r.status', VISIBLE_TO_PARTNER).first() : undefined;
    if (!r) throw new AppError(FailureCode.NotFound, '紹介が見つかりません。');
    return r;
  };

  /** Drafts a referral and asks the resident for consent; nothing is sent before they agree. */
  const draft = async (user: SignedInUser, consultation: { id: string; resident_id: string }, body: { partnerId: string; reason: string; share: ConsentField[] }, reroutedFrom?: string) => {
    await directoryReady(db, profile);
    const org = await db('organizations').where({ id: body.partnerId, active: true }).first('id', 'name');
    if (!org) throw new AppError(FailureCode.BadInput, '紹介先の連携団体が見つかりません。', [{ field: 'partnerId', message: 'unknown partner' }]);
    const referralId = crypto.randomUUID();
    const fields = CONSENT_FIELDS.filter((f) => body.share.includes(f));
    await db('referrals').insert({ id: referralId, consultation_id: consultation.id, resident_id: consultation.resident_id, organization_id: org.id, ...sealer.seal('referrals', 'reason', referralId, body.reason), share: fields, status: 'awaiting_consent', created_by: user.id, rerouted_from: reroutedFrom ?? null });
    try {
      await temporal.workflow.getHandle(consultationWorkflowId(consultation.resident_id)).executeUpdate(requestConsentUpdate, {
        args: [{ referralId, consentId: crypto.randomUUID(), recipientId: org.id, recipientName: org.name, purpose: profile.consent.referralPurpose.replaceAll('{recipient}', org.name), textVersion: profile.consent.version, fields, staffId: user.id }],
      });
    } catch (err) {
      await db('referrals').where({ id: referralId }).delete();
      const reason = err instanceof WorkflowUpdateFailedError ? (err.cause as Error)?.message : (err as Error).name;
      throw new AppError(FailureCode.Conflict, 'いまは相談者に同意をお願いできません（相談が終了しているか、別の同意の確認中です）。', { reason });
    }
    await db('referral_events').insert({ referral_id: referralId, event: 'drafted', actor_type: 'staff', actor_id: user.id, details: JSON.stringify({ reroutedFrom: reroutedFrom ?? null }) });
    await recordAudit(db, user, { action: 'referral.draft', targetType: 'referral', targetId: referralId, details: { partnerId: org.id, fields, reroutedFrom } });
    await publish(db, { type: 'consultation', id: consultation.id });
    return toReferral(sealer, await referrals(db).where('r.id', referralId).first());
  };

  const partnerAction = (action: ReferralAction, noteSchema?: z.ZodType<{ note?: string }>): RouteSpec => ({
    method: 'post',
    path: `/api/partner/referrals/:id/${action}`,
    access: PARTNER,
    handler: async (req, res) => {
      const user = signedInUser(req);
      const r = await loadForPartner(user, String(req.params.id));
      const { note } = noteSchema ? parseBody(noteSchema, req.body) : { note: undefined };
      try {
        await temporal.workflow.getHandle(referralWorkflowId(r.id)).executeUpdate(referralActionUpdate, { args: [{ action, actorId: user.id, note }] });
      } catch (err) {
        const reason = err instanceof WorkflowUpdateFailedError ? (err.cause as Error)?.message : (err as Error).name;
        throw new AppError(FailureCode.Conflict, 'この操作はいまの紹介の状態ではできません。画面を更新して確認してください。', { reason });
      }
      await recordAudit(db, user, { action: `referral.${action}`, targetType: 'referral', targetId: r.id });
      res.json({ data: toReferral(sealer, await referrals(db).where('r.id', r.id).first()) });
    },
  });

  return [
    {
      method: 'get',
      path: '/api/consultations/:id/referrals',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const c = await loadConsultation(String(req.params.id), signedInUser(req));
        const rows = await referrals(db).where('r.consultation_id', c.id).orderBy('r.created_at', 'desc');
        res.json({ data: rows.map((r) => toReferral(sealer, r)) });
      },
    },
    {
      method: 'get',
      path: '/api/consultations/:id/partner-suggestions',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const c = await loadConsultation(String(req.params.id), signedInUser(req));
        await directoryReady(db, profile);
        const resident = await db('residents').where({ id: c.resident_id }).first('intake');
        const topics = Object.values((resident?.intake ?? {}) as Record<string, string>);
        const partners = (await listPartners(db)).filter((p) => p.active && p.services.some((s) => s.topics.some((t) => topics.includes(t))));
        res.json({ data: partners.map((p) => ({ id: p.id, name: p.name, services: p.services.map((s) => s.name), matchedTopics: [...new Set(p.services.flatMap((s) => s.topics.filter((t) => topics.includes(t))))] })) });
      },
    },
    {
      method: 'post',
      path: '/api/consultations/:id/referrals',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const c = await loadConsultation(String(req.params.id), signedInUser(req));
        const body = parseBody(z.object({ partnerId: z.string().min(1), reason: z.string().trim().min(1, '紹介の理由を入力してください').max(2000), share: z.array(z.enum(CONSENT_FIELDS)).min(1, '共有する項目を選んでください') }), req.body);
        res.status(201).json({ data: await draft(signedInUser(req), c, body) });
      },
    },
    {
      method: 'post',
      path: '/api/referrals/:id/reroute',
      access: STAFF_ROLES,
      handler: async (req, res) => {
        const id = String(req.params.id);
        const old = uuid.safeParse(id).success ? await db('referrals').where({ id }).first() : undefined;
        if (!old) throw new AppError(FailureCode.NotFound, '紹介が見つかりません。');
        const body = parseBody(z.object({ partnerId: z.string().min(1), reason: z.string().trim().max(2000).optional() }), req.body);
        if (old.status !== 'declined' || old.rerouted_to) throw new AppError(FailureCode.Conflict, '断られた紹介だけを、一度だけ別の団体に紹介しなおせます。');
        if (body.partnerId === old.organization_id) throw new AppError(FailureCode.BadInput, '別の連携団体を選んでください。');
        const c = await loadConsultation(old.consultation_id, signedInUser(req));
        const fresh = await draft(signedInUser(req), c, { partnerId: body.partnerId, reason: body.reason || (sealer.open('referrals', 'reason', old) as string), share: old.share }, old.id);
        await db('referrals').where({ id: old.id }).update({ rerouted_to: fresh.id, updated_at: db.fn.now() });
        res.status(201).json({ data: fresh });
      },
    },

    // ---- The partner portal ----
    {
      method: 'get',
      path: '/api/partner/referrals',
      access: PARTNER,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const rows = user.partnerId ? await referrals(db).where('r.organization_id', user.partnerId).whereIn('r.status', VISIBLE_TO_PARTNER).orderBy('r.sent_at', 'desc') : [];
        res.json({ data: rows.map((r) => toReferral(sealer, r)), total: rows.length });
      },
    },
    {
      method: 'get',
      path: '/api/partner/referrals/:id',
      access: PARTNER,
      handler: async (req, res) => {
        const user = signedInUser(req);
        const r = await loadForPartner(user, String(req.params.id));
        // Only what the resident agreed to share with this partner, and only while the consent stands.
        const consent = r.consent_id ? await db('consents').where({ id: r.consent_id }).first() : undefined;
        const usable = consent?.agreed_at && !consent.withdrawn_at && r.status !== 'withdrawn';
        const rows = usable ? await db('personal_details').where({ consent_id: consent.id }).whereIn('field', r.share) : [];
        const details = rows.map((d) => ({ field: d.field as string, label: FIELD_LABELS_JA[d.field as ConsentField], value: cipher.decrypt(d.ciphertext, detailAad(d.resident_id, d.field)) }));
        await recordAudit(db, user, { action: 'referral.view', targetType: 'referral', targetId: r.id, details: { fieldsShown: details.map((d) => d.field) } });
        await db('referral_events').insert({ referral_id: r.id, event: 'viewed', actor_type: 'partner', actor_id: user.id, details: JSON.stringify({ fieldsShown: details.map((d) => d.field) }) });
        res.json({ data: { ...toReferral(sealer, r), details, consent: consent ? { purpose: consent.purpose, textVersion: consent.text_version, agreedAt: consent.agreed_at ? new Date(consent.agreed_at).toISOString() : null, withdrawn: Boolean(consent.withdrawn_at) } : null } });
      },
    },
    partnerAction('acknowledge'),
    partnerAction('accept'),
    partnerAction('decline', z.object({ reason: z.string().trim().min(1, '理由を入力してください').max(2000) }).transform((b) => ({ note: b.reason }))),
    partnerAction('contact'),
    partnerAction('close', z.object({ outcome: z.string().trim().min(1, '結果を入力してください').max(2000) }).transform((b) => ({ note: b.outcome }))),
  ];
}
