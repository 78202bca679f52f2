/**
 * A generated, known data set for the reports: residents who follow the account, go through the terms
 * and the intake, consult the AI, ask for a person (in and outside business hours), reach staff, raise
 * crisis alerts and answer nudges — written straight into the tables with knex, as the workflow and
 * the webhook would have left them.
 *
 * Seeded (same options, same rows), and every row is kept in arrays the tests count on their own.
 * The waiting times are built rather than measured: a request inside business hours is answered k
 * minutes later, one outside them k minutes after the next opening, so the expected business minutes
 * are k by construction (`expectedWaitMinutes`). `pinnedWaits` add hand-made cases whose minutes the
 * test states itself (across a national holiday, say).
 *
 * The benchmark uses the same generator at a larger scale with `keep: false`, inserting as it goes.
 */
import type { Db } from '../../platform/db';
import { type BusinessCalendar, isBusinessDay, isOpen, nextOpening, parseHhmm, tokyoDate, tokyoMidnight } from '../../workflows/calendar/business-calendar';
import type { RiskLevel } from '../../workflows/safety/risk-levels';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface ResidentRow {
  id: string;
  code: string;
  line_user_id: string;
  status: 'active' | 'unreachable';
  followed_at: Date;
  unfollowed_at: Date | null;
  terms_version: string | null;
  terms_agreed_at: Date | null;
  terms_declined_at: Date | null;
  intake: Record<string, string>;
}

export interface ConsultationRow {
  id: string;
  resident_id: string;
  workflow_id: string;
  status: 'closed';
  risk_level: RiskLevel;
  highest_risk_level: RiskLevel;
  opened_at: Date;
  last_message_at: Date;
  closed_at: Date;
  close_reason: string;
  urgent: boolean;
  waiting_since: Date | null;
  request_reason: 'menu' | 'nudge' | 'risk' | 'reservation' | null;
  first_staff_reply_at: Date | null;
}

export interface MessageRow {
  id: string;
  consultation_id: string | null;
  resident_id: string;
  direction: 'in' | 'out';
  sender: 'resident' | 'ai' | 'staff' | 'system';
  kind: string;
  text: string | null;
  delivery: 'reply' | 'push' | null;
  delivery_status: 'none' | 'sent' | 'failed' | 'suppressed';
  answered_by: 'ai' | 'fallback' | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  created_at: Date;
}

export interface InboxRow {
  webhook_event_id: string;
  event_type: string;
  event: string;
  event_timestamp: number;
  status: 'relayed' | 'ignored' | 'pending';
}

export interface AlertRow {
  id: string;
  consultation_id: string;
  kind: 'crisis';
  level: RiskLevel;
  channel: 'dashboard' | 'on-call';
  created_at: Date;
  acknowledged_at: Date | null;
  escalated_at: Date | null;
}

export interface NudgeRow {
  id: string;
  consultation_id: string;
  event: 'offered' | 'accepted' | 'declined' | 'reserved';
  trigger: string | null;
  created_at: Date;
}

export interface OrganizationRow {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

export type ReferralStatusValue = 'awaiting_consent' | 'consent_declined' | 'collecting' | 'cancelled' | 'sent' | 'acknowledged' | 'accepted' | 'declined' | 'contacted' | 'closed' | 'withdrawn';

export interface ReferralRow {
  id: string;
  consultation_id: string;
  resident_id: string;
  organization_id: string;
  reason: string;
  status: ReferralStatusValue;
  sent_at: Date | null;
  closed_at: Date | null;
  outcome: string | null;
  withdrawn_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface ConsentRow {
  id: string;
  resident_id: string;
  consultation_id: string;
  referral_id: string;
  purpose: string;
  recipient: string;
  text_version: string;
  asked_at: Date;
  agreed_at: Date | null;
  declined_at: Date | null;
  withdrawn_at: Date | null;
}

export interface SatisfactionRow {
  id: string;
  consultation_id: string;
  resident_id: string;
  asked_at: Date;
  score: number | null;
  comment: string | null;
  answered_at: Date | null;
  skipped_at: Date | null;
}

export interface CheckInRow {
  id: string;
  resident_id: string;
  sent_at: Date;
  answered_at: Date | null;
  answer: 'person' | 'ai' | null;
}

export interface ReportFixture {
  satisfaction: SatisfactionRow[];
  checkIns: CheckInRow[];
  organizations: OrganizationRow[];
  referrals: ReferralRow[];
  consents: ConsentRow[];
  residents: ResidentRow[];
  consultations: ConsultationRow[];
  messages: MessageRow[];
  inbox: InboxRow[];
  alerts: AlertRow[];
  nudges: NudgeRow[];
  /** Business minutes from the request to the first staff reply, by consultation id, as built. */
  expectedWaitMinutes: Map<string, number>;
  /** Whether the request for a person was made outside business hours, by consultation id, as built. */
  afterHoursRequest: Map<string, boolean>;
}

export interface PinnedWait {
  /** ISO instants. */
  waitingSince: string;
  firstStaffReply: string;
  /** Business minutes between them, as the test knows them. */
  minutes: number;
  afterHours: boolean;
}

export interface ReportFixtureOptions {
  seed: number;
  /** Tokyo dates, both included: the period the in-period residents follow in. */
  from: string;
  to: string;
  /** Residents who follow within the period. */
  residents: number;
  /** Residents whose whole activity lies before or after the period (half each). */
  outsideResidents?: number;
  /** Share of residents who consult (write at least one text). */
  consultingShare: number;
  consultationsPerConsulter: number;
  turnsPerConsultation: number;
  /** Share of consultations in which a person is asked for. */
  personShare: number;
  calendar: BusinessCalendar;
  /** Exact numbers of in-period consulters with these age bands; the rest are spread over the others. */
  pinnedAgeBands?: Record<string, number>;
  /** Exact number of silence check-in offers made in the period. */
  silenceCheckIns?: number;
  pinnedWaits?: PinnedWait[];
  /** Keep every inbound event in webhook_inbox (as production does) rather than only follows and blocks. */
  inboxForMessages?: boolean;
  /** A follow from a group (stored as 'ignored') and one not yet relayed ('pending'). */
  inboxOddities?: boolean;
  /** Partner organisations (inserted when missing); with them, some consultations that reached staff lead to a referral. */
  partners?: OrganizationRow[];
  /** Share of the consultations that reached staff in which a referral is made (default 0.5). */
  referralShare?: number;
  /** Share of the consultations in which the closing satisfaction question is asked (default 0: none). */
  satisfactionShare?: number;
  /** Share of consulting residents who consented to caring check-ins and were sent 1–3 of them (default 0: none). */
  checkInShare?: number;
}

// ---------------------------------------------------------------------------------------------
// Randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rand {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float = () => this.next();
  int = (min: number, max: number) => min + Math.floor(this.next() * (max - min + 1));
  chance = (p: number) => this.next() < p;
  pick = <T>(items: readonly T[]): T => items[Math.floor(this.next() * items.length)];
  weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  };
  /** At least 1, mean about `mean` (geometric). */
  count = (mean: number) => {
    if (mean <= 1) return 1;
    const p = 1 / mean;
    return 1 + Math.floor(Math.log(1 - this.next()) / Math.log(1 - p));
  };
  shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };
  hex = (n: number) => Array.from({ length: n }, () => Math.floor(this.next() * 16).toString(16)).join('');
  uuid = () => {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(this.next() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
}

/** When people write: evenings and late nights more than office hours (weights by Tokyo hour). */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 7], [1, 5], [2, 3], [3, 2], [4, 1], [5, 1], [6, 2], [7, 3], [8, 3], [9, 4], [10, 4], [11, 4],
  [12, 5], [13, 4], [14, 4], [15, 4], [16, 4], [17, 5], [18, 6], [19, 7], [20, 8], [21, 10], [22, 11], [23, 9],
];
const RISK_WEIGHTS: readonly (readonly [RiskLevel, number])[] = [['none', 70], ['low', 12], ['medium', 10], ['high', 6], ['imminent', 2]];
const ELIGIBILITY_WEIGHTS = [['lives', 75], ['works', 14], ['studies', 8], ['none', 3]] as const;
const TOPIC_WEIGHTS = [['loneliness', 30], ['relationships', 15], ['family', 15], ['work', 12], ['money', 8], ['health', 12], ['other', 8]] as const;
const AGE_BANDS = ['under-20', '20s', '30s', '40s', '50s', '60s', 'over-70', 'no-answer'] as const;
const TEXT = 'さいきん眠れなくて、誰とも話していないので少し聞いてほしいです。'; // about the size of a real message

// ---------------------------------------------------------------------------------------------
// Generation

interface Batch {
  satisfaction: SatisfactionRow[];
  checkIns: CheckInRow[];
  organizations: OrganizationRow[];
  referrals: ReferralRow[];
  consents: ConsentRow[];
  residents: ResidentRow[];
  consultations: ConsultationRow[];
  messages: MessageRow[];
  inbox: InboxRow[];
  alerts: AlertRow[];
  nudges: NudgeRow[];
}

const emptyBatch = (): Batch => ({ satisfaction: [], checkIns: [], organizations: [], referrals: [], consents: [], residents: [], consultations: [], messages: [], inbox: [], alerts: [], nudges: [] });

const REFERRAL_STATUS_WEIGHTS: readonly (readonly [ReferralStatusValue, number])[] = [
  ['awaiting_consent', 2], ['consent_declined', 2], ['collecting', 1], ['cancelled', 2], ['sent', 3], ['acknowledged', 2],
  ['accepted', 3], ['declined', 2], ['contacted', 3], ['closed', 4], ['withdrawn', 3],
];

/**
 * Generates the data set resident by resident and hands each resident's rows to `sink` (which may
 * insert them). Returns the expected waits and after-hours flags of the requests for a person.
 */
export async function generateReportData(
  options: ReportFixtureOptions,
  sink: (batch: Batch) => Promise<void>,
): Promise<{ expectedWaitMinutes: Map<string, number>; afterHoursRequest: Map<string, boolean> }> {
  const rand = new Rand(options.seed);
  const cal = options.calendar;
  const startMs = tokyoMidnight(options.from);
  const endMs = tokyoMidnight(options.to) + DAY;
  const openMin = parseHhmm(cal.open);
  const closeMin = parseHhmm(cal.close);
  const expectedWaitMinutes = new Map<string, number>();
  const afterHoursRequest = new Map<string, boolean>();
  let residentSeq = 0;
  // Referrals draw from their own stream, so the rest of the data set is the same with or without them.
  const refRand = new Rand(options.seed ^ 0x5f3759df);
  // So do the answers to the closing question.
  const satRand = new Rand(options.seed ^ 0x2545f491);
  // Its own sequence too, so adding check-ins leaves every other row of a seed as it was.
  const checkInRand = new Rand(options.seed ^ 0x1b873593);
  const partners = options.partners ?? [];
  if (partners.length > 0) await sink({ ...emptyBatch(), organizations: partners });

  // In-period residents, then those entirely before and entirely after the period.
  const outside = options.outsideResidents ?? 0;
  type Plan = { window: [number, number]; consults: boolean; ageBand?: string | null; inPeriod: boolean };
  const plans: Plan[] = [];
  // Consultations of in-period residents may run past the period's end (as they would); the first
  // one starts within the period, so every consulting in-period resident is a consulter of the period.
  for (let i = 0; i < options.residents; i += 1) plans.push({ window: [startMs, endMs], consults: rand.chance(options.consultingShare), inPeriod: true });
  for (let i = 0; i < Math.floor(outside / 2); i += 1) plans.push({ window: [startMs - 70 * DAY, startMs - 20 * DAY], consults: rand.chance(0.7), inPeriod: false });
  for (let i = 0; i < outside - Math.floor(outside / 2); i += 1) plans.push({ window: [endMs + 2 * DAY, endMs + 60 * DAY], consults: rand.chance(0.7), inPeriod: false });

  // Age bands of the in-period consulters: the pinned counts exactly, the others spread evenly.
  const consulting = plans.filter((p) => p.inPeriod && p.consults);
  const pinned = options.pinnedAgeBands ?? {};
  const bands: (string | null)[] = [];
  for (const [band, n] of Object.entries(pinned)) for (let i = 0; i < n; i += 1) bands.push(band);
  const free: (string | null)[] = [...AGE_BANDS.filter((b) => !(b in pinned)), null];
  for (let i = 0; bands.length < consulting.length; i += 1) bands.push(free[i % free.length]);
  if (bands.length > consulting.length) throw new Error(`pinned age bands (${bands.length}) exceed the consulters (${consulting.length}): raise residents or consultingShare`);
  rand.shuffle(bands).forEach((band, i) => (consulting[i].ageBand = band));

  // Silence check-ins are spread over in-period consultations once these exist.
  let silenceLeft = options.silenceCheckIns ?? 0;
  const pinnedWaits = [...(options.pinnedWaits ?? [])];

  for (const plan of plans) {
    const batch = emptyBatch();
    residentSeq += 1;
    const residentId = rand.uuid();
    const lineUserId = `U${rand.hex(32)}`;
    const [w0, w1] = plan.window;
    // Leave room after the follow for the first consultation to start inside the window.
    const followMs = w0 + Math.floor(rand.float() * Math.max(1, w1 - w0 - 2 * DAY));
    const declines = !plan.consults && rand.chance(0.15);
    const intake: Record<string, string> = {};
    if (!declines) {
      if (rand.chance(0.96)) intake.eligibility = rand.weighted(ELIGIBILITY_WEIGHTS);
      const band = plan.ageBand === undefined ? rand.pick([...AGE_BANDS, null]) : plan.ageBand;
      if (band) intake['age-band'] = band;
      if (rand.chance(0.93)) intake.topic = rand.weighted(TOPIC_WEIGHTS);
    }

    const inbound = (consultationId: string | null, kind: string, at: number, text: string | null = null): MessageRow => {
      const row: MessageRow = {
        id: rand.uuid(),
        consultation_id: consultationId,
        resident_id: residentId,
        direction: 'in',
        sender: 'resident',
        kind,
        text,
        delivery: null,
        delivery_status: 'none',
        answered_by: null,
        prompt_tokens: null,
        completion_tokens: null,
        created_at: new Date(at),
      };
      batch.messages.push(row);
      if (options.inboxForMessages && kind !== 'follow' && kind !== 'unfollow') {
        const type = kind === 'postback' ? 'postback' : 'message';
        batch.inbox.push(inboxRow(type, at, { type, source: { type: 'user', userId: lineUserId }, timestamp: at, message: kind === 'text' ? { type: 'text', text } : { type: kind } }));
      }
      return row;
    };
    const outbound = (consultationId: string, sender: MessageRow['sender'], at: number, extra: Partial<MessageRow> = {}): MessageRow => {
      const row: MessageRow = {
        id: rand.uuid(),
        consultation_id: consultationId,
        resident_id: residentId,
        direction: 'out',
        sender,
        kind: 'text',
        text: TEXT,
        delivery: 'reply',
        delivery_status: 'sent',
        answered_by: null,
        prompt_tokens: null,
        completion_tokens: null,
        created_at: new Date(at),
        ...extra,
      };
      batch.messages.push(row);
      return row;
    };
    const inboxRow = (type: string, at: number, event: Record<string, unknown>, status: InboxRow['status'] = 'relayed'): InboxRow => {
      const id = rand.hex(26).toUpperCase();
      return { webhook_event_id: id, event_type: type, event: JSON.stringify({ ...event, webhookEventId: id }), event_timestamp: at, status };
    };

    // Follow, the greeting, the terms and the intake: one consultation opens at the follow.
    batch.inbox.push(inboxRow('follow', followMs, { type: 'follow', source: { type: 'user', userId: lineUserId }, timestamp: followMs }));
    const firstConsultationId = rand.uuid();
    let t = followMs;
    inbound(firstConsultationId, 'follow', t);
    outbound(firstConsultationId, 'system', (t += 2_000));
    t += rand.int(1, 5) * MINUTE;
    inbound(firstConsultationId, 'postback', t);
    outbound(firstConsultationId, 'system', (t += 2_000));
    if (!declines) {
      for (let q = 0; q < 3; q += 1) {
        t += rand.int(10, 60) * 1_000;
        inbound(firstConsultationId, 'postback', t);
        outbound(firstConsultationId, 'system', (t += 2_000));
      }
    }
    const onboardedAt = t;

    let lastActivity = t;
    const consultationCount = plan.consults ? rand.count(options.consultationsPerConsulter) : 0;
    const consultationStarts: number[] = [];
    if (plan.consults) {
      consultationStarts.push(onboardedAt + rand.int(1, 10) * MINUTE);
      for (let c = 1; c < consultationCount; c += 1) {
        // Later consultations: a day within the window (or shortly after it), at an hour people write.
        const dayMs = tokyoMidnight(tokyoDate(onboardedAt + DAY + Math.floor(rand.float() * Math.max(DAY, w1 - onboardedAt))));
        const start = dayMs + rand.weighted(HOUR_WEIGHTS) * HOUR + rand.int(0, 59) * MINUTE;
        // Residents before the period stay before it (their waits for staff take days at most).
        if (!plan.inPeriod && start > w1) continue;
        consultationStarts.push(start);
      }
      consultationStarts.sort((a, b) => a - b);
    }
    if (consultationStarts.length === 0) {
      // A resident who never wrote: the onboarding consultation closes after the silence.
      batch.consultations.push(consultationRow(firstConsultationId, followMs, t, 'none', null));
    }

    consultationStarts.forEach((start, index) => {
      const consultationId = index === 0 ? firstConsultationId : rand.uuid();
      const openedAt = index === 0 ? followMs : start;
      if (index > 0) inbound(consultationId, 'text', start, TEXT);
      const risk = rand.weighted(RISK_WEIGHTS);
      let at = start;
      const turns = rand.count(options.turnsPerConsultation);
      for (let turn = 0; turn < turns; turn += 1) {
        // The first message of a consultation is a text, so every consultation makes its resident a consulter.
        if (turn > 0 || index === 0) inbound(consultationId, turn > 0 && rand.chance(0.05) ? 'sticker' : 'text', at, TEXT);
        const last = batch.messages[batch.messages.length - 1];
        if (last.kind === 'sticker') {
          outbound(consultationId, 'system', at + 2_000);
        } else {
          const fallback = rand.chance(0.04);
          const status = rand.weighted([['sent', 98], ['failed', 1], ['suppressed', 1]] as const);
          outbound(consultationId, 'ai', at + rand.int(3, 12) * 1_000, {
            answered_by: fallback ? 'fallback' : 'ai',
            delivery: rand.chance(0.04) ? 'push' : 'reply',
            delivery_status: status,
            prompt_tokens: fallback ? null : rand.int(600, 1600),
            completion_tokens: fallback ? null : rand.int(40, 160),
          });
        }
        at += rand.int(1, 12) * MINUTE;
      }

      // Crisis: an alert at high risk and above; most are acknowledged within minutes.
      if (risk === 'high' || risk === 'imminent') {
        const acked = rand.chance(0.9);
        const created = at - MINUTE;
        batch.alerts.push({
          id: rand.uuid(),
          consultation_id: consultationId,
          kind: 'crisis',
          level: risk,
          channel: isOpen(created, cal) ? 'dashboard' : 'on-call',
          created_at: new Date(created),
          acknowledged_at: acked ? new Date(created + rand.int(30, 15 * 60) * 1_000) : null,
          escalated_at: !acked || (risk === 'imminent' && rand.chance(0.3)) ? new Date(created + 5 * MINUTE) : null,
        });
      }

      // Nudges: the AI offers a person; the resident accepts, declines, reserves or lets it pass.
      let reason: ConsultationRow['request_reason'] = risk === 'high' || risk === 'imminent' ? 'risk' : null;
      const wantsPerson = reason !== null || rand.chance(options.personShare);
      let offerTrigger: string | null = null;
      if (reason === null && rand.chance(0.35)) {
        offerTrigger = rand.weighted([['turn', 6], ['risk', 3], ['topic', 2]] as const);
        batch.nudges.push({ id: rand.uuid(), consultation_id: consultationId, event: 'offered', trigger: offerTrigger, created_at: new Date(at) });
      }
      let waitingSince: number | null = null;
      let firstReply: number | null = null;
      if (wantsPerson) {
        const pinnedWait = plan.inPeriod && index === 0 ? pinnedWaits.shift() : undefined;
        let afterHours: boolean;
        if (pinnedWait) {
          waitingSince = Date.parse(pinnedWait.waitingSince);
          firstReply = Date.parse(pinnedWait.firstStaffReply);
          afterHours = pinnedWait.afterHours;
          expectedWaitMinutes.set(consultationId, pinnedWait.minutes);
          reason ??= 'menu';
        } else {
          afterHours = rand.chance(0.5);
          waitingSince = afterHours ? offHoursAfter(at, rand, cal, openMin, closeMin) : inHoursAfter(at, rand, cal, openMin, closeMin);
          const k = afterHours ? rand.int(1, 120) : rand.int(1, 55);
          const answered = rand.chance(0.85);
          firstReply = answered ? (afterHours ? nextOpening(waitingSince, cal) : waitingSince) + k * MINUTE : null;
          if (answered) expectedWaitMinutes.set(consultationId, k);
          if (reason === null) {
            if (offerTrigger && afterHours && rand.chance(0.5)) reason = 'reservation';
            else if (offerTrigger) reason = 'nudge';
            else reason = 'menu';
          }
        }
        afterHoursRequest.set(consultationId, afterHours);
        if (reason === 'nudge') batch.nudges.push({ id: rand.uuid(), consultation_id: consultationId, event: 'accepted', trigger: null, created_at: new Date(waitingSince - 1_000) });
        if (reason === 'reservation') batch.nudges.push({ id: rand.uuid(), consultation_id: consultationId, event: 'reserved', trigger: null, created_at: new Date(waitingSince - 1_000) });
        if (firstReply !== null) {
          let s = firstReply;
          const exchanges = rand.int(2, 8);
          for (let e = 0; e < exchanges; e += 1) {
            outbound(consultationId, 'staff', s, { delivery: 'push' });
            s += rand.int(1, 8) * MINUTE;
            if (e < exchanges - 1) inbound(consultationId, 'text', s, TEXT);
            s += rand.int(1, 8) * MINUTE;
          }
          at = Math.max(at, s);
        }
        // Some requests lose their waiting_since once the case left the queue (as the queue code does).
        if (rand.chance(0.1) && !pinnedWait) {
          expectedWaitMinutes.delete(consultationId);
          waitingSince = null;
        }
      } else if (silenceLeft > 0 && plan.inPeriod && at + 2 * DAY < endMs && rand.chance(0.2)) {
        // A check-in a day after a conversation that ended without a person (the answer is left out).
        silenceLeft -= 1;
        batch.nudges.push({ id: rand.uuid(), consultation_id: consultationId, event: 'offered', trigger: 'silence-check-in', created_at: new Date(at + DAY) });
      }
      if (!wantsPerson && offerTrigger) {
        const answer = rand.weighted([['declined', 3], ['none', 2]] as const);
        if (answer === 'declined') batch.nudges.push({ id: rand.uuid(), consultation_id: consultationId, event: 'declined', trigger: null, created_at: new Date(at + 30_000) });
      }

      batch.consultations.push(consultationRow(consultationId, openedAt, at, risk, reason, waitingSince, firstReply));
      // At close (72 hours of silence), 「相談してよかったですか」 is asked in most consultations; some skip it.
      if (satRand.chance(options.satisfactionShare ?? 0)) {
        const asked = at + 72 * HOUR;
        const outcome = satRand.weighted([['answered', 7], ['skipped', 2], ['none', 1]] as const);
        const score = outcome === 'answered' ? satRand.weighted([[5, 5], [4, 6], [3, 3], [2, 1], [1, 1]] as const) : null;
        batch.satisfaction.push({
          id: satRand.uuid(),
          consultation_id: consultationId,
          resident_id: residentId,
          asked_at: new Date(asked),
          score,
          comment: score !== null && satRand.chance(0.3) ? '話せてすこし楽になりました' : null,
          answered_at: score === null ? null : new Date(asked + satRand.int(1, 120) * MINUTE),
          skipped_at: outcome === 'skipped' ? new Date(asked + MINUTE) : null,
        });
      }
      if (partners.length > 0 && firstReply !== null && refRand.chance(options.referralShare ?? 0.5)) {
        referral(consultationId, firstReply + refRand.int(10, 48 * 60) * MINUTE);
      }
      lastActivity = Math.max(lastActivity, at);
    });

    // Caring check-ins (with consent) a week or more after the last conversation; some answered.
    if (plan.consults && checkInRand.chance(options.checkInShare ?? 0)) {
      let sent = lastActivity + checkInRand.int(7, 20) * DAY;
      for (let k = checkInRand.int(1, 3); k > 0; k -= 1) {
        const answer = checkInRand.weighted([['person', 2], ['ai', 3], [null, 5]] as const);
        batch.checkIns.push({ id: checkInRand.uuid(), resident_id: residentId, sent_at: new Date(sent), answer, answered_at: answer === null ? null : new Date(sent + checkInRand.int(5, 600) * MINUTE) });
        sent += checkInRand.int(10, 30) * DAY;
      }
    }

    // Some residents block the account afterwards.
    const unfollowMs = rand.chance(0.08) ? lastActivity + rand.int(1, 20) * DAY : null;
    if (unfollowMs !== null) {
      batch.inbox.push(inboxRow('unfollow', unfollowMs, { type: 'unfollow', source: { type: 'user', userId: lineUserId }, timestamp: unfollowMs }));
      inbound(null, 'unfollow', unfollowMs);
    }
    batch.residents.push({
      id: residentId,
      code: `R${String(residentSeq).padStart(6, '0')}`,
      line_user_id: lineUserId,
      status: unfollowMs === null ? 'active' : 'unreachable',
      followed_at: new Date(followMs),
      unfollowed_at: unfollowMs === null ? null : new Date(unfollowMs),
      terms_version: declines ? null : '2026-04-01',
      terms_agreed_at: declines ? null : new Date(followMs + MINUTE),
      terms_declined_at: declines ? new Date(followMs + MINUTE) : null,
      intake,
    });
    await sink(batch);

    /** A referral made by staff at `created`, its consent and where they stand now. */
    function referral(consultationId: string, created: number): void {
      const id = refRand.uuid();
      const status = refRand.weighted(REFERRAL_STATUS_WEIGHTS);
      const organization = refRand.pick(partners);
      const answered = created + refRand.int(5, 3 * 24 * 60) * MINUTE;
      const agreed = status !== 'awaiting_consent' && status !== 'consent_declined';
      // Withdrawn a few days to weeks later, so some withdrawals fall in another month than the consent.
      const withdrawn = status === 'cancelled' || status === 'withdrawn' ? answered + refRand.int(1, 25) * DAY + refRand.int(0, 600) * MINUTE : null;
      const sent = ['sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'].includes(status) ? answered + 30 * MINUTE : null;
      const closed = status === 'closed' ? answered + refRand.int(3, 20) * DAY : null;
      batch.referrals.push({
        id,
        consultation_id: consultationId,
        resident_id: residentId,
        organization_id: organization.id,
        reason: '生活の相談先として紹介',
        status,
        sent_at: sent === null ? null : new Date(sent),
        closed_at: closed === null ? null : new Date(closed),
        outcome: closed === null ? null : '支援につながった',
        withdrawn_at: status === 'withdrawn' ? new Date(withdrawn!) : null,
        created_at: new Date(created),
        updated_at: new Date(Math.max(created, withdrawn ?? 0, closed ?? 0, sent ?? 0)),
      });
      batch.consents.push({
        id: refRand.uuid(),
        resident_id: residentId,
        consultation_id: consultationId,
        referral_id: id,
        purpose: 'referral',
        recipient: organization.id,
        text_version: '2026-04-01',
        asked_at: new Date(created + MINUTE),
        agreed_at: agreed ? new Date(answered) : null,
        declined_at: status === 'consent_declined' ? new Date(answered) : null,
        withdrawn_at: withdrawn === null ? null : new Date(withdrawn),
      });
    }

    function consultationRow(
      id: string,
      openedAt: number,
      lastAt: number,
      risk: RiskLevel,
      reason: ConsultationRow['request_reason'],
      waiting: number | null = null,
      reply: number | null = null,
    ): ConsultationRow {
      return {
        id,
        resident_id: residentId,
        workflow_id: `consultation-${residentId}`,
        status: 'closed',
        risk_level: risk,
        highest_risk_level: risk,
        opened_at: new Date(openedAt),
        last_message_at: new Date(lastAt),
        closed_at: new Date(lastAt + 72 * HOUR),
        close_reason: 'silence',
        urgent: risk === 'high' || risk === 'imminent',
        waiting_since: waiting === null ? null : new Date(waiting),
        request_reason: reason,
        first_staff_reply_at: reply === null ? null : new Date(reply),
      };
    }
  }

  if (options.inboxOddities) {
    const batch = emptyBatch();
    const at = startMs + 3 * DAY;
    batch.inbox.push({ webhook_event_id: `GROUP${rand.hex(21).toUpperCase()}`, event_type: 'follow', event: JSON.stringify({ type: 'follow', source: { type: 'group', groupId: 'C1' }, timestamp: at }), event_timestamp: at, status: 'ignored' });
    batch.inbox.push({ webhook_event_id: `PEND${rand.hex(22).toUpperCase()}`, event_type: 'follow', event: JSON.stringify({ type: 'follow', source: { type: 'user', userId: `U${rand.hex(32)}` }, timestamp: at + HOUR }), event_timestamp: at + HOUR, status: 'pending' });
    await sink(batch);
  }
  if (silenceLeft > 0) throw new Error(`could not place ${silenceLeft} silence check-ins: raise residents`);
  if (pinnedWaits.length > 0) throw new Error(`could not place ${pinnedWaits.length} pinned waits: raise residents or personShare`);
  return { expectedWaitMinutes, afterHoursRequest };
}

/** A request time inside business hours, at least an hour before closing, not before `after`. */
function inHoursAfter(after: number, rand: Rand, cal: BusinessCalendar, openMin: number, closeMin: number): number {
  let date = tokyoDate(after);
  for (let i = 0; i < 30; i += 1, date = tokyoDate(tokyoMidnight(date) + DAY + HOUR)) {
    if (!isBusinessDay(date, cal)) continue;
    const t = tokyoMidnight(date) + (openMin + rand.int(0, closeMin - openMin - 60)) * MINUTE;
    if (t >= after) return t;
  }
  throw new Error('no business day within 30 days');
}

/** A request time outside business hours, not before `after`. */
function offHoursAfter(after: number, rand: Rand, cal: BusinessCalendar, openMin: number, closeMin: number): number {
  let date = tokyoDate(after);
  for (let i = 0; i < 30; i += 1, date = tokyoDate(tokyoMidnight(date) + DAY + HOUR)) {
    const minute = isBusinessDay(date, cal)
      ? rand.chance(0.8)
        ? rand.int(closeMin + 1, 24 * 60 - 1)
        : rand.int(6 * 60, openMin - 1)
      : rand.int(7 * 60, 24 * 60 - 1);
    const t = tokyoMidnight(date) + minute * MINUTE;
    if (t >= after && !isOpen(t, cal)) return t;
  }
  throw new Error('no evening within 30 days');
}

// ---------------------------------------------------------------------------------------------
// Inserting

const CHUNK = 1000;

async function insertChunked(db: Db, table: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db(table).insert(rows.slice(i, i + CHUNK));
}

const residentRecord = (r: ResidentRow) => ({ ...r, intake: JSON.stringify(r.intake) });

/** Inserts a batch in foreign-key order. */
export async function insertBatch(db: Db, batch: Batch): Promise<void> {
  for (const o of batch.organizations) await db('organizations').insert({ ...o, source: 'profile' }).onConflict('id').ignore();
  await insertChunked(db, 'residents', batch.residents.map(residentRecord));
  await insertChunked(db, 'consultations', batch.consultations);
  // A referral and its consent point at each other: the referral first, then the consent, then the link.
  await insertChunked(db, 'referrals', batch.referrals);
  await insertChunked(db, 'consents', batch.consents);
  if (batch.consents.length > 0) {
    await db.raw('UPDATE referrals r SET consent_id = c.id FROM consents c WHERE c.referral_id = r.id AND r.id = ANY(CAST(? AS uuid[]))', [`{${batch.referrals.map((r) => r.id).join(',')}}`]);
  }
  await Promise.all([
    insertChunked(db, 'messages', batch.messages),
    insertChunked(db, 'webhook_inbox', batch.inbox),
    insertChunked(db, 'alerts', batch.alerts),
    insertChunked(db, 'nudge_events', batch.nudges),
    insertChunked(db, 'satisfaction_responses', batch.satisfaction),
    insertChunked(db, 'check_ins', batch.checkIns),
  ]);
}

/**
 * Generates and inserts the data set. With `keep` (tests) every row is returned; without it
 * (benchmark) rows are inserted every `flushEvery` rows and dropped, and only the counts come back.
 */
export async function insertReportFixture(
  db: Db,
  options: ReportFixtureOptions,
  { keep = true, flushEvery = 20_000 }: { keep?: boolean; flushEvery?: number } = {},
): Promise<ReportFixture & { counts: Record<keyof Batch, number> }> {
  const all = emptyBatch();
  let pending = emptyBatch();
  let pendingRows = 0;
  const counts = { satisfaction: 0, checkIns: 0, organizations: 0, referrals: 0, consents: 0, residents: 0, consultations: 0, messages: 0, inbox: 0, alerts: 0, nudges: 0 };
  const flush = async () => {
    await insertBatch(db, pending);
    pending = emptyBatch();
    pendingRows = 0;
  };
  const expectations = await generateReportData(options, async (batch) => {
    for (const key of Object.keys(batch) as (keyof Batch)[]) {
      (pending[key] as object[]).push(...batch[key]);
      if (keep) (all[key] as object[]).push(...batch[key]);
      counts[key] += batch[key].length;
      pendingRows += batch[key].length;
    }
    if (pendingRows >= flushEvery) await flush();
  });
  await flush();
  return { ...all, ...expectations, counts };
}
