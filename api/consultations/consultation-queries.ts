import type { MunicipalityProfile } from '../../platform/config/profile';
import type { Knex } from 'knex';
import type { Db } from '../../platform/db';
import { containsPattern } from '../http/list-query';
import { TextSealer } from '../../platform/crypto/sealed-text';

const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : null);
const RISK_ORDER = "array_position(ARRAY['none','low','medium','high','imminent'], c.highest_risk_level)";

/** Columns every consultation listing shows; the resident appears by pseudonymous code only. */
function baseQuery(db: Db) {
  return db('consultations as c')
    .join('residents as r', 'r.id', 'c.resident_id')
    .leftJoin('staff_users as s', 's.id', 'c.assigned_staff_id')
    .leftJoin('staff_users as o', 'o.id', 'c.offered_to_staff_id')
    .select(
      'c.*',
      'r.code as resident_code',
      's.display_name as assigned_staff_name',
      'o.display_name as offered_to_name',
      db.raw('(select count(*) from messages m where m.consultation_id = c.id)::int as message_count'),
      db.raw("exists(select 1 from messages m where m.consultation_id = c.id and m.sender = 'staff') as staff_involved"),
    );
}

export function toConsultationSummary(row: Record<string, any>) {
  return {
    id: row.id as string,
    residentId: row.resident_id as string,
    residentCode: row.resident_code as string,
    status: row.status as string,
    riskLevel: row.risk_level as string,
    highestRiskLevel: row.highest_risk_level as string,
    urgent: row.urgent as boolean,
    assignedStaffId: row.assigned_staff_id as string | null,
    assignedStaffName: (row.assigned_staff_name as string | null) ?? null,
    offeredToStaffId: row.offered_to_staff_id as string | null,
    offeredToName: (row.offered_to_name as string | null) ?? null,
    requestReason: row.request_reason as string | null,
    waitingSince: iso(row.waiting_since),
    reservedFor: iso(row.reserved_for),
    openedAt: iso(row.opened_at) as string,
    lastMessageAt: iso(row.last_message_at),
    closedAt: iso(row.closed_at),
    messageCount: Number(row.message_count ?? 0),
    staffInvolved: Boolean(row.staff_involved),
  };
}

export type ConsultationSummary = ReturnType<typeof toConsultationSummary>;

/** Waiting cases, urgent and riskiest first, then whoever has waited longest. */
export async function listQueue(db: Db): Promise<ConsultationSummary[]> {
  const rows = await baseQuery(db).where('c.status', 'waiting_for_staff').orderBy('c.urgent', 'desc').orderByRaw(`${RISK_ORDER} desc`).orderBy('c.waiting_since', 'asc');
  return rows.map(toConsultationSummary);
}

export interface ConsultationFilter {
  status?: string;
  riskLevel?: string;
  assignedTo?: string;
  waiting?: boolean;
  openedFrom?: string;
  openedTo?: string;
  answeredBy?: 'ai-only' | 'with-staff';
  residentId?: string;
  /** Part of a resident code, e.g. 'A7F' finds R-A7F3C2. */
  residentCode?: string;
  /** Cases a staff member has (assigned) or wrote in. */
  staffId?: string;
  /** Cases with a referral to this partner organisation. */
  partnerId?: string;
  /** Only these cases (the result of a message-text search, search-text.ts). */
  ids?: string[];
  /** Need-to-know: narrows to the cases the caller may see (case-access.ts). */
  visible?: (q: Knex.QueryBuilder) => void;
}

const SORT_COLUMNS = { openedAt: 'c.opened_at', lastMessageAt: 'c.last_message_at', waitingSince: 'c.waiting_since', highestRiskLevel: RISK_ORDER } as const;
export const CONSULTATION_SORTS = Object.keys(SORT_COLUMNS) as (keyof typeof SORT_COLUMNS)[];

export async function listConsultations(
  db: Db,
  filter: ConsultationFilter,
  page: { page: number; perPage: number; sort: keyof typeof SORT_COLUMNS; order: 'asc' | 'desc' },
): Promise<{ data: ConsultationSummary[]; total: number }> {
  const where = (q: ReturnType<typeof baseQuery>) =>
    q.where((w) => {
      if (filter.status) w.where('c.status', filter.status);
      if (filter.riskLevel) w.where('c.highest_risk_level', filter.riskLevel);
      if (filter.assignedTo) w.where('c.assigned_staff_id', filter.assignedTo);
      if (filter.waiting !== undefined) w.where('c.status', filter.waiting ? '=' : '<>', 'waiting_for_staff');
      // Dates are Tokyo calendar days.
      if (filter.openedFrom) w.whereRaw("c.opened_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Tokyo'", [filter.openedFrom]);
      if (filter.openedTo) w.whereRaw("c.opened_at < ((?::date) + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'", [filter.openedTo]);
      if (filter.residentId) w.where('c.resident_id', filter.residentId);
      if (filter.residentCode) w.whereILike('r.code', containsPattern(filter.residentCode));
      if (filter.staffId) w.where((s) => s.where('c.assigned_staff_id', filter.staffId!).orWhereExists(db('messages as sm').whereRaw('sm.consultation_id = c.id').where('sm.staff_id', filter.staffId!)));
      if (filter.partnerId) w.whereExists(db('referrals as rf').whereRaw('rf.consultation_id = c.id').where('rf.organization_id', filter.partnerId));
      if (filter.ids) w.whereIn('c.id', filter.ids);
      const staffSpoke = "exists(select 1 from messages m where m.consultation_id = c.id and m.sender = 'staff')";
      if (filter.answeredBy === 'with-staff') w.whereRaw(staffSpoke);
      if (filter.answeredBy === 'ai-only') w.whereRaw(`not ${staffSpoke}`);
      if (filter.visible) w.modify(filter.visible);
    });
  const [{ count }] = await where(db('consultations as c').join('residents as r', 'r.id', 'c.resident_id').count({ count: '*' }) as never);
  const rows = await where(baseQuery(db))
    .orderByRaw(`${SORT_COLUMNS[page.sort]} ${page.order} nulls last`)
    .orderBy('c.id')
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage);
  return { data: rows.map(toConsultationSummary), total: Number(count) };
}

export async function findConsultation(db: Db, id: string): Promise<ConsultationSummary | undefined> {
  const row = await baseQuery(db).where('c.id', id).first();
  return row ? toConsultationSummary(row) : undefined;
}

/** Everything a staff member sees on the case screen, except the messages (loaded separately). */
export async function consultationDetail(db: Db, profile: MunicipalityProfile, sealer: TextSealer, id: string) {
  const summary = await findConsultation(db, id);
  if (!summary) return undefined;
  // One after another: `db` is the audited read's transaction, a single connection (pg refuses overlapping queries on one).
  const consultation = await db('consultations').where({ id }).first(TextSealer.select('summary'));
  const resident = await db('residents').where({ id: summary.residentId }).first('intake', 'language', 'language_source');
  const risks = await db('risk_assessments').where({ consultation_id: id }).orderBy('created_at');
  const alerts = await db('alerts').where({ consultation_id: id }).orderBy('created_at');
  const notes = await db('consultation_notes as n').leftJoin('staff_users as s', 's.id', 'n.staff_id').where('n.consultation_id', id).orderBy('n.created_at').select('n.*', 's.display_name');
  const reviews = await db('risk_reviews as v').leftJoin('staff_users as s', 's.id', 'v.staff_id').where('v.consultation_id', id).orderBy('v.created_at').select('v.*', 's.display_name');
  const intake = (resident?.intake ?? {}) as Record<string, string>;
  return {
    ...summary,
    intake,
    /** The language the resident is answered in and where it came from; null: Japanese, never set. */
    residentLanguage: resident?.language ? { code: resident.language as string, source: resident.language_source as 'line' | 'detected' | 'chosen' } : null,
    intakeLabels: profile.intake.questions
      .filter((q) => intake[q.id] !== undefined)
      .map((q) => ({ question: q.text, answer: q.options.find((o) => o.value === intake[q.id])?.label ?? intake[q.id] })),
    summary: consultation ? sealer.open('consultations', 'summary', consultation, id) : null,
    needsReview: ['high', 'imminent'].includes(summary.highestRiskLevel) && reviews.length === 0,
    riskHistory: risks.map((r) => ({ at: iso(r.created_at), level: r.level, categories: r.categories, decidedBy: r.decided_by })),
    alerts: alerts.map((a) => ({ id: a.id, kind: a.kind, level: a.level, channel: a.channel, createdAt: iso(a.created_at), acknowledgedAt: iso(a.acknowledged_at) })),
    notes: notes.map((n) => ({ id: n.id, at: iso(n.created_at), staffName: n.display_name ?? null, text: sealer.open('consultation_notes', 'text', n) })),
    reviews: reviews.map((v) => ({ id: v.id, at: iso(v.created_at), staffName: v.display_name ?? null, note: sealer.open('risk_reviews', 'note', v) })),
  };
}

/** Every message of one case, opened: only for a reader the route has checked and audited. */
export async function consultationMessages(db: Db, sealer: TextSealer, id: string) {
  const rows = await db('messages as m').leftJoin('staff_users as s', 's.id', 'm.staff_id').where('m.consultation_id', id).orderBy('m.created_at').orderBy('m.id').select('m.*', 's.display_name');
  return rows.map((m) => ({
    id: m.id as string,
    at: iso(m.created_at) as string,
    direction: m.direction as 'in' | 'out',
    sender: m.sender as string,
    kind: m.kind as string,
    text: sealer.open('messages', 'text', m) ?? (m.kind === 'postback' ? `［ボタン: ${(m.payload as { data?: string })?.data ?? ''}］` : null),
    delivery: m.delivery as string | null,
    deliveryStatus: m.delivery_status as string,
    answeredBy: m.answered_by as string | null,
    staffName: (m.display_name as string | null) ?? null,
  }));
}
