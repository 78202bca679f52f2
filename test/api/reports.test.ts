import holidayJp from '@holiday-jp/holiday_jp';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Report, ReportCell, ReportTable } from '../../api/reports/report-model';
import { parsePeriod } from '../../api/reports/report-model';
import { reportCalendar } from '../../api/reports/report-service';
import { HttpClient } from '../helpers/http-client';
import { insertReportFixture, type ReportFixture } from '../helpers/report-fixtures';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

const FROM = '2026-04-01';
const TO = '2026-06-30';
const START = Date.parse('2026-04-01T00:00:00+09:00');
const END = Date.parse('2026-07-01T00:00:00+09:00');
const MONTHS = ['2026-04', '2026-05', '2026-06'];
const THRESHOLD = 5;
const JST = 9 * 3_600_000;

/** Hand-made waits whose business minutes the test knows without the calendar code. */
const PINNED_WAITS = [
  // Tue 28 April 19:00 → Thu 30 April 9:10: 29 April is 昭和の日, so 10 minutes.
  { waitingSince: '2026-04-28T19:00:00+09:00', firstStaffReply: '2026-04-30T09:10:00+09:00', minutes: 10, afterHours: true },
  // Fri 1 May 17:50 → Thu 7 May 9:05: weekend, then 3–6 May are holidays (6 May 振替休日), so 10 + 5.
  { waitingSince: '2026-05-01T17:50:00+09:00', firstStaffReply: '2026-05-07T09:05:00+09:00', minutes: 15, afterHours: false },
];

// ---------------------------------------------------------------------------------------------
// What the report should say, counted here from the fixture's own rows

const ms = (d: Date | number) => (typeof d === 'number' ? d : d.getTime());
const within = (d: Date | number | null) => d !== null && ms(d) >= START && ms(d) < END;
const tokyo = (d: Date | number) => new Date(ms(d) + JST);
const monthOf = (d: Date | number) => tokyo(d).toISOString().slice(0, 7);
const round1 = (v: number) => Math.round(v * 10) / 10;
const medianOf = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const meanOf = (v: number[]) => (v.length === 0 ? null : v.reduce((a, b) => a + b, 0) / v.length);
const NOT_WRITTEN = new Set(['follow', 'unfollow', 'postback']);

/** Business hours the plain way: Mon–Fri 9:00–18:00 Tokyo, not on holidays or 29 Dec – 3 Jan. */
function inBusinessHours(d: Date): boolean {
  const t = tokyo(d);
  const date = t.toISOString().slice(0, 10);
  const md = date.slice(5);
  const weekday = t.getUTCDay();
  const minutes = t.getUTCHours() * 60 + t.getUTCMinutes();
  return weekday >= 1 && weekday <= 5 && !(date in holidayJp.holidays) && !(md >= '12-29' || md <= '01-03') && minutes >= 540 && minutes < 1080;
}

type Expected = Record<string, Record<string, Record<string, number | null>>>;

/** table id → row key → column key → the true value (null where nothing can be computed). */
function expectedFigures(fx: ReportFixture, stack: TestStack): Expected {
  const buckets = [...MONTHS, 'total'];
  const perBucket = <T>(items: T[], when: (x: T) => Date | number, count: (x: T) => number = () => 1) => {
    const out: Record<string, number> = Object.fromEntries(buckets.map((b) => [b, 0]));
    for (const x of items) {
      const at = when(x);
      if (!within(at)) continue;
      out[monthOf(at)] += count(x);
      out.total += count(x);
    }
    return out;
  };
  const listsPerBucket = <T>(items: T[], when: (x: T) => Date, value: (x: T) => number | null) => {
    const out: Record<string, number[]> = Object.fromEntries(buckets.map((b) => [b, []]));
    for (const x of items) {
      const v = value(x);
      if (!within(when(x)) || v === null) continue;
      out[monthOf(when(x))].push(v);
      out.total.push(v);
    }
    return out;
  };
  const rows = (cols: Record<string, Record<string, number | null>>) => {
    const out: Record<string, Record<string, number | null>> = {};
    for (const [col, byRow] of Object.entries(cols)) for (const [row, v] of Object.entries(byRow)) (out[row] ??= {})[col] = v;
    return out;
  };
  const map = <T extends number | null>(b: Record<string, number>, f: (v: number, key: string) => T): Record<string, T> => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, f(v, k)]));
  const share = (a: Record<string, number>, whole: Record<string, number>) => map(a, (v, k) => (whole[k] > 0 ? round1((100 * v) / whole[k]) : null));

  const follows = perBucket(fx.inbox.filter((r) => r.event_type === 'follow' && r.status !== 'ignored'), (r) => r.event_timestamp);
  const unfollows = perBucket(fx.inbox.filter((r) => r.event_type === 'unfollow' && r.status !== 'ignored'), (r) => r.event_timestamp);
  const texts = fx.messages.filter((m) => m.direction === 'in' && m.kind === 'text' && within(m.created_at));
  const consulters: Record<string, number> = Object.fromEntries(buckets.map((b) => [b, new Set(texts.filter((m) => b === 'total' || monthOf(m.created_at) === b).map((m) => m.resident_id)).size]));
  const consultations = perBucket(fx.consultations, (c) => c.opened_at);
  const written = fx.messages.filter((m) => m.direction === 'in' && !NOT_WRITTEN.has(m.kind));
  const messagesIn = perBucket(written, (m) => m.created_at);
  const sent = fx.messages.filter((m) => m.direction === 'out' && m.delivery_status === 'sent');
  const messagesOut = perBucket(sent, (m) => m.created_at);
  const ai = perBucket(sent.filter((m) => m.sender === 'ai'), (m) => m.created_at);
  const fallback = perBucket(sent.filter((m) => m.sender === 'ai' && m.answered_by === 'fallback'), (m) => m.created_at);
  const aiModel = perBucket(sent.filter((m) => m.sender === 'ai' && m.answered_by === 'ai'), (m) => m.created_at);
  const staff = perBucket(sent.filter((m) => m.sender === 'staff'), (m) => m.created_at);
  const replies = map(ai, (v, k) => v + staff[k]);

  const requested = perBucket(fx.consultations.filter((c) => c.request_reason !== null || c.waiting_since !== null), (c) => c.opened_at);
  const reached = perBucket(fx.consultations.filter((c) => c.first_staff_reply_at !== null), (c) => c.opened_at);
  const aiOnly = perBucket(fx.consultations.filter((c) => c.first_staff_reply_at === null), (c) => c.opened_at);
  const measured = fx.consultations.filter((c) => c.waiting_since !== null && c.first_staff_reply_at !== null);
  const waitOf = (c: (typeof measured)[number]) => {
    const minutes = fx.expectedWaitMinutes.get(c.id);
    if (minutes === undefined) throw new Error(`no expected wait for consultation ${c.id}`);
    return minutes;
  };
  const waits = listsPerBucket(measured, (c) => c.opened_at, waitOf);
  const afterHours = fx.consultations.filter((c) => c.request_reason === 'reservation' || (c.waiting_since !== null && fx.afterHoursRequest.get(c.id) === true));
  const ahAnswered = perBucket(afterHours.filter((c) => c.first_staff_reply_at !== null), (c) => c.opened_at);
  const ahMeasured = afterHours.filter((c) => c.waiting_since !== null && c.first_staff_reply_at !== null);
  const ahMinutes = listsPerBucket(ahMeasured, (c) => c.opened_at, waitOf);
  const ahHours = listsPerBucket(ahMeasured, (c) => c.opened_at, (c) => (ms(c.first_staff_reply_at!) - ms(c.waiting_since!)) / 3_600_000);
  const ahRequests = perBucket(afterHours, (c) => c.opened_at);

  const risk = Object.fromEntries(['none', 'low', 'medium', 'high', 'imminent'].map((l) => [l, perBucket(fx.consultations.filter((c) => c.highest_risk_level === l), (c) => c.opened_at)]));
  const alerts = fx.alerts.filter((a) => a.kind === 'crisis');
  const ackMinutes = listsPerBucket(alerts, (a) => a.created_at, (a) => (a.acknowledged_at ? (ms(a.acknowledged_at) - ms(a.created_at)) / 60_000 : null));
  const alertCount = perBucket(alerts, (a) => a.created_at);
  const ack = perBucket(alerts.filter((a) => a.acknowledged_at), (a) => a.created_at);

  // Nudges: an answer belongs to the latest offer made before it in the same consultation.
  const triggerOf = (n: ReportFixture['nudges'][number]) => {
    if (n.trigger) return n.trigger;
    const offers = fx.nudges.filter((o) => o.consultation_id === n.consultation_id && o.event === 'offered' && ms(o.created_at) <= ms(n.created_at));
    offers.sort((a, b) => ms(b.created_at) - ms(a.created_at));
    return offers[0]?.trigger ?? 'unknown';
  };
  const nudges: Record<string, Record<string, number>> = {};
  for (const n of fx.nudges.filter((x) => within(x.created_at))) {
    for (const row of [triggerOf(n), 'total']) {
      nudges[row] ??= { offered: 0, accepted: 0, declined: 0, reserved: 0 };
      nudges[row][n.event] += 1;
    }
  }
  // Accepted now or reserved for the next opening, of the offers with that trigger.
  for (const counts of Object.values(nudges)) counts.acceptance = counts.offered > 0 ? round1((100 * (counts.accepted + counts.reserved)) / counts.offered) : (null as never);
  // Caring check-ins by the month they were sent; an answer is a person or the AI.
  const checkInsSent = perBucket(fx.checkIns, (c) => c.sent_at);
  const checkInsAnswered = perBucket(fx.checkIns.filter((c) => c.answer !== null), (c) => c.sent_at);
  const checkInsBy = (answer: 'person' | 'ai') => perBucket(fx.checkIns.filter((c) => c.answer === answer), (c) => c.sent_at);

  const consulterIds = new Set(texts.map((m) => m.resident_id));
  const consulterRows = fx.residents.filter((r) => consulterIds.has(r.id));
  const intake: Expected = {};
  for (const q of stack.profile.intake.questions) {
    const t: Record<string, Record<string, number | null>> = {};
    const values = [...q.options.map((o) => o.value), '_unanswered'];
    for (const v of values) {
      const count = consulterRows.filter((r) => (v === '_unanswered' ? !(q.id in r.intake) : r.intake[q.id] === v)).length;
      t[v] = { residents: count, share: consulterRows.length ? round1((100 * count) / consulterRows.length) : null };
    }
    t.total = { residents: consulterRows.length, share: consulterRows.length ? 100 : null };
    intake[`intake-${q.id}`] = t;
  }

  const writtenInPeriod = written.filter((m) => within(m.created_at));
  const hours: Record<string, Record<string, number | null>> = {};
  const weekdays: Record<string, Record<string, number | null>> = {};
  for (let h = 0; h < 24; h += 1) {
    const c = writtenInPeriod.filter((m) => tokyo(m.created_at).getUTCHours() === h).length;
    hours[String(h)] = { messages: c, share: round1((100 * c) / writtenInPeriod.length) };
  }
  for (let d = 1; d <= 7; d += 1) {
    const c = writtenInPeriod.filter((m) => (tokyo(m.created_at).getUTCDay() || 7) === d).length;
    weekdays[String(d)] = { messages: c, share: round1((100 * c) / writtenInPeriod.length) };
  }
  hours.total = { messages: writtenInPeriod.length, share: 100 };
  weekdays.total = { messages: writtenInPeriod.length, share: 100 };
  const inHours = perBucket(written.filter((m) => inBusinessHours(m.created_at)), (m) => m.created_at);
  const outHours = map(messagesIn, (v, k) => v - inHours[k]);

  const { linePlan, minutesPerReply, staffHourlyCostYen } = stack.profile.reports;
  const byReply = perBucket(sent.filter((m) => m.delivery === 'reply'), (m) => m.created_at);
  const byPush = perBucket(sent.filter((m) => m.delivery === 'push'), (m) => m.created_at);
  const monthlyCost = (pushes: number) => linePlan.monthlyFeeYen + Math.max(0, pushes - linePlan.includedMessages) * linePlan.extraMessageYen;
  const messageCost = map(byPush, (v, k) => (k === 'total' ? MONTHS.reduce((s, m) => s + monthlyCost(byPush[m]), 0) : monthlyCost(v)));
  const promptTokens = perBucket(fx.messages, (m) => m.created_at, (m) => m.prompt_tokens ?? 0);
  const completionTokens = perBucket(fx.messages, (m) => m.created_at, (m) => m.completion_tokens ?? 0);

  const stat = (lists: Record<string, number[]>, f: (v: number[]) => number | null) => map(Object.fromEntries(Object.keys(lists).map((k) => [k, 0])), (_, k) => {
    const v = f(lists[k]);
    return v === null ? null : round1(v);
  });

  // Referrals created in the period, by partner × the status they have now; every active partner is listed.
  const STATUSES = ['awaiting_consent', 'consent_declined', 'collecting', 'cancelled', 'sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'];
  const referralsInPeriod = fx.referrals.filter((r) => within(r.created_at));
  const partnerRows = fx.organizations.filter((o) => o.active || referralsInPeriod.some((r) => r.organization_id === o.id)).map((o) => o.id);
  const referrals: Record<string, Record<string, number | null>> = {};
  for (const row of [...partnerRows, 'total']) {
    const mine = referralsInPeriod.filter((r) => row === 'total' || r.organization_id === row);
    // 支援団体へのつなぎ: the referrals that reached the partner, i.e. were ever sent.
    referrals[row] = Object.fromEntries([...STATUSES.map((st) => [st, mine.filter((r) => r.status === st).length]), ['total', mine.length], ['made', mine.filter((r) => r.sent_at !== null).length]]);
  }
  const consentEvent = (column: 'agreed_at' | 'declined_at' | 'withdrawn_at') =>
    perBucket(fx.consents.filter((c) => c[column] !== null), (c) => c[column]!);

  // 「相談してよかったですか」 by the month it was asked: answers by score; skips and silence together.
  const satisfactionRows = rows({
    asked: perBucket(fx.satisfaction, (r) => r.asked_at),
    answered: perBucket(fx.satisfaction.filter((r) => r.score !== null), (r) => r.asked_at),
    unanswered: perBucket(fx.satisfaction.filter((r) => r.score === null), (r) => r.asked_at),
    ...Object.fromEntries([1, 2, 3, 4, 5].map((k) => [`s${k}`, perBucket(fx.satisfaction.filter((r) => r.score === k), (r) => r.asked_at)])),
  });
  for (const row of Object.values(satisfactionRows)) row.goodShare = row.answered! > 0 ? round1((100 * (row.s4! + row.s5!)) / row.answered!) : null;

  // The fixture has no scale answers (their figures are checked in report-outcome-scales.test.ts).
  const noScale = { intake: 0, followUp: 0, pairs: 0, meanChange: null };
  return {
    satisfaction: satisfactionRows,
    outcomeScales: { ucla3: noScale, k6: noScale },
    referrals,
    consents: rows({ agreed: consentEvent('agreed_at'), declined: consentEvent('declined_at'), withdrawn: consentEvent('withdrawn_at') }),
    monthly: rows({ follows, unfollows, consulters, consultations, messagesIn, messagesOut }),
    replies: rows({ ai, fallback, staff, replies, aiShare: share(ai, replies), staffShare: share(staff, replies) }),
    consultationSplit: rows({ aiOnly, reached, consultations, aiOnlyShare: share(aiOnly, consultations), staffShare: share(reached, consultations) }),
    humanHelp: rows({
      requested,
      reached,
      waitMeasured: map(consultations, (_, k) => waits[k].length),
      waitMedian: stat(waits, medianOf),
      waitMean: stat(waits, meanOf),
    }),
    afterHours: rows({
      requests: ahRequests,
      answered: ahAnswered,
      unanswered: map(ahRequests, (v, k) => v - ahAnswered[k]),
      withinHour: map(ahRequests, (_, k) => ahMinutes[k].filter((m) => m <= 60).length),
      minutesMedian: stat(ahMinutes, medianOf),
      hoursMedian: stat(ahHours, medianOf),
    }),
    risk: rows({ ...risk, total: consultations }),
    alerts: rows({
      alerts: alertCount,
      acknowledged: ack,
      unacknowledged: map(alertCount, (v, k) => v - ack[k]),
      escalated: perBucket(alerts.filter((a) => a.escalated_at), (a) => a.created_at),
      ackMedian: stat(ackMinutes, medianOf),
      ackMean: stat(ackMinutes, meanOf),
    }),
    nudges,
    checkIns: rows({ sent: checkInsSent, answered: checkInsAnswered, unanswered: map(checkInsSent, (v, k) => v - checkInsAnswered[k]), person: checkInsBy('person'), ai: checkInsBy('ai') }),
    ...intake,
    hours,
    weekdays,
    businessHours: rows({ inHours, outHours, messagesIn, outShare: share(outHours, messagesIn) }),
    cost: rows({
      byReply,
      byPush,
      messagesOut,
      messageCost,
      promptTokens,
      completionTokens,
      aiModel,
      staffHours: map(aiModel, (v) => round1((v * minutesPerReply) / 60)),
      staffCost: map(aiModel, (v) => Math.round((v * minutesPerReply * staffHourlyCostYen) / 60)),
    }),
  };
}

// ---------------------------------------------------------------------------------------------

const SMALL = `<${THRESHOLD}`;
const cellAt = (report: Report, tableId: string, rowKey: string, column: string): ReportCell => {
  const table = report.tables.find((t) => t.id === tableId);
  if (!table) throw new Error(`no table ${tableId}`);
  const row = table.rows.find((r) => r.key === rowKey);
  if (!row) throw new Error(`no row ${rowKey} in ${tableId}`);
  return row.cells[column];
};

/** Columns whose rows add up to the total row (a distinct count of people does not). */
const notAdditive = (table: ReportTable, column: string) => (table.id === 'monthly' && column === 'consulters') || table.columns.find((c) => c.key === column)!.kind !== 'count';
/** Columns that add up to another column in every row. */
const ROW_GROUPS: Record<string, { members: string[]; total: string }[]> = {
  replies: [{ members: ['ai', 'staff'], total: 'replies' }],
  consultationSplit: [{ members: ['aiOnly', 'reached'], total: 'consultations' }],
  satisfaction: [
    { members: ['answered', 'unanswered'], total: 'asked' },
    { members: ['s1', 's2', 's3', 's4', 's5'], total: 'answered' },
  ],
  afterHours: [{ members: ['answered', 'unanswered'], total: 'requests' }],
  checkIns: [
    { members: ['answered', 'unanswered'], total: 'sent' },
    { members: ['person', 'ai'], total: 'answered' },
  ],
  risk: [{ members: ['none', 'low', 'medium', 'high', 'imminent'], total: 'total' }],
  alerts: [{ members: ['acknowledged', 'unacknowledged'], total: 'alerts' }],
  businessHours: [{ members: ['inHours', 'outHours'], total: 'messagesIn' }],
  cost: [{ members: ['byReply', 'byPush'], total: 'messagesOut' }],
  referrals: [
    { members: ['awaiting_consent', 'consent_declined', 'collecting', 'cancelled', 'sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'], total: 'total' },
    { members: ['sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'], total: 'made' },
  ],
};

/** One more active partner (listed whatever its referrals) and one no longer active (listed only with a referral in the period). */
const EXTRA_PARTNERS = [
  { id: 'quiet-partner', name: 'しずかな相談室', email: 'quiet@example.jp', active: true },
  { id: 'former-partner', name: '旧・連携団体', email: 'former@example.jp', active: false },
];

describe('reports for city officials', () => {
  let stack: TestStack;
  let fixture: ReportFixture;
  let official: HttpClient;
  let officialId: string;
  let report: Report;
  let expected: Expected;

  beforeAll(async () => {
    stack = await startTestStack();
    const period = parsePeriod(FROM, TO);
    fixture = await insertReportFixture(stack.db, {
      seed: 20260401,
      from: FROM,
      to: TO,
      residents: 130,
      outsideResidents: 12,
      consultingShare: 0.62,
      consultationsPerConsulter: 1.8,
      turnsPerConsultation: 5,
      personShare: 0.4,
      calendar: reportCalendar(stack.profile, period),
      pinnedAgeBands: { 'under-20': 4, '60s': 3, 'over-70': 5 },
      silenceCheckIns: 4,
      pinnedWaits: PINNED_WAITS,
      inboxOddities: true,
      referralShare: 0.8,
      satisfactionShare: 0.6,
      checkInShare: 0.3,
      partners: [...stack.profile.partners.map((p) => ({ id: p.id, name: p.name, email: p.email, active: true })), ...EXTRA_PARTNERS],
    });
    expected = expectedFigures(fixture, stack);
    const user = await stack.createUser('official');
    officialId = user.id;
    official = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    const res = await official.get(`/api/reports?from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    report = res.body.data;
  }, 120_000);
  afterAll(() => stack.stop());

  it('gives every figure as counted independently from the data set, hiding only small cells', () => {
    let checked = 0;
    let secondary = 0;
    for (const [tableId, byRow] of Object.entries(expected)) {
      const table = report.tables.find((t) => t.id === tableId)!;
      expect(table.rows.map((r) => r.key).sort()).toEqual(Object.keys(byRow).sort());
      for (const [rowKey, byColumn] of Object.entries(byRow)) {
        for (const [column, want] of Object.entries(byColumn)) {
          const kind = table.columns.find((c) => c.key === column)!.kind;
          const cell = cellAt(report, tableId, rowKey, column);
          const where = `${tableId}/${rowKey}/${column} (expected ${want}, got ${cell.display})`;
          checked += 1;
          if (kind === 'count') {
            if (want! > 0 && want! < THRESHOLD) expect({ where, display: cell.display, value: cell.value }).toEqual({ where, display: SMALL, value: null });
            else if (cell.display === 'X') {
              secondary += 1;
              expect({ where, hidden: cell.hidden, value: cell.value, positive: want! > 0 }).toEqual({ where, hidden: 'secondary', value: null, positive: true });
            } else expect({ where, value: cell.value, display: cell.display }).toEqual({ where, value: want, display: want!.toLocaleString('ja-JP') });
          } else if (cell.value === null) {
            // Not shown: nothing to compute, a median of too few items, or a value that would reveal a hidden count.
            const row = table.rows.find((r) => r.key === rowKey)!;
            const revealsHidden = Object.values(row.cells).some((c) => c.hidden === 'small' || c.hidden === 'secondary');
            const tooFew = kind === 'minutes' || kind === 'hours';
            expect({ where, ok: want === null || revealsHidden || tooFew }).toEqual({ where, ok: true });
            if (tooFew && want !== null) expect(cell.display).toBe('－');
          } else {
            expect({ where, value: cell.value }).toEqual({ where, value: want });
          }
        }
      }
    }
    // Every cell of every table was compared with a figure counted here.
    expect(checked).toBe(report.tables.reduce((n, t) => n + t.rows.length * t.columns.length, 0));
    // The data set is built so that a few small cells, and so a few secondary ones, exist.
    expect(secondary).toBeGreaterThan(0);
  });

  it('shows medians only over at least the threshold, and counts waits in business minutes across holidays', () => {
    for (const row of report.tables.find((t) => t.id === 'humanHelp')!.rows) {
      const n = expected.humanHelp[row.key].waitMeasured!;
      if (n >= THRESHOLD) expect(row.cells.waitMean.value).toBe(expected.humanHelp[row.key].waitMean);
      else expect(row.cells.waitMean.display).toBe('－');
    }
    // The pinned cases are in the total; 540 minutes too many for the holiday would move the mean.
    expect(cellAt(report, 'humanHelp', 'total', 'waitMean').value).toBe(expected.humanHelp.total.waitMean);
    expect(expected.humanHelp.total.waitMeasured).toBeGreaterThanOrEqual(THRESHOLD);
  });

  it('counts caring check-ins sent, answered and leading to a person, with their small cells hidden', () => {
    const total = expected.checkIns.total;
    // The data set is big enough for real figures, and for some small ones.
    expect(total.sent).toBeGreaterThanOrEqual(20);
    expect(cellAt(report, 'checkIns', 'total', 'sent')).toMatchObject({ value: total.sent, display: String(total.sent) });
    expect(cellAt(report, 'checkIns', 'total', 'answered').value).toBe(total.answered);
    const cells = report.tables.find((t) => t.id === 'checkIns')!.rows.flatMap((r) => Object.values(r.cells));
    expect(cells.some((c) => c.display === SMALL)).toBe(true);
  });

  it('hides 4 as 「<5」 and shows 5, at the threshold', () => {
    expect(cellAt(report, 'intake-age-band', 'under-20', 'residents')).toMatchObject({ display: '<5', value: null });
    expect(cellAt(report, 'intake-age-band', '60s', 'residents')).toMatchObject({ display: '<5', value: null });
    // Two small cells already protect each other in that column, so 5 stays as it is.
    expect(cellAt(report, 'intake-age-band', 'over-70', 'residents')).toMatchObject({ display: '5', value: 5 });
    expect(cellAt(report, 'intake-age-band', 'over-70', 'share').value).toBe(expected['intake-age-band']['over-70'].share);
    // A share would reveal the hidden count.
    expect(cellAt(report, 'intake-age-band', 'under-20', 'share').display).toBe('X');
  });

  it('hides the next smallest cell where a single hidden one could be recovered, and keeps the true totals', () => {
    // Four silence check-ins: hidden; the smallest other trigger's offers are hidden with them.
    const offered = report.tables.find((t) => t.id === 'nudges')!;
    expect(cellAt(report, 'nudges', 'silence-check-in', 'offered').display).toBe('<5');
    const offers = (key: string) => expected.nudges[key].offered!;
    const others = offered.rows.filter((r) => !r.total && r.key !== 'silence-check-in' && offers(r.key) > 0);
    const smallest = others.reduce((a, b) => (offers(a.key) <= offers(b.key) ? a : b));
    expect(smallest.cells.offered.display).toBe('X');
    expect(cellAt(report, 'nudges', 'total', 'offered').value).toBe(expected.nudges.total.offered);

    // No column of months (or triggers, options, hours) and no row group has exactly one hidden cell.
    for (const table of report.tables) {
      for (const column of table.columns) {
        if (notAdditive(table, column.key)) continue;
        const hidden = table.rows.filter((r) => r.cells[column.key].value === null && r.cells[column.key].hidden !== 'none').length;
        expect({ table: table.id, column: column.key, single: hidden === 1 }).toEqual({ table: table.id, column: column.key, single: false });
      }
      for (const group of ROW_GROUPS[table.id] ?? []) {
        for (const row of table.rows) {
          const hidden = [...group.members, group.total].filter((k) => row.cells[k].value === null).length;
          expect({ table: table.id, row: row.key, single: hidden === 1 }).toEqual({ table: table.id, row: row.key, single: false });
        }
      }
    }

    // One figure, one display, wherever it appears.
    for (const b of [...MONTHS, 'total']) {
      expect(cellAt(report, 'businessHours', b, 'messagesIn')).toEqual(cellAt(report, 'monthly', b, 'messagesIn'));
      expect(cellAt(report, 'cost', b, 'messagesOut')).toEqual(cellAt(report, 'monthly', b, 'messagesOut'));
      expect(cellAt(report, 'risk', b, 'total')).toEqual(cellAt(report, 'monthly', b, 'consultations'));
    }
    expect(cellAt(report, 'hours', 'total', 'messages')).toEqual(cellAt(report, 'monthly', 'total', 'messagesIn'));
  });

  it('gives the key figures as the totals of the tables', () => {
    const key = Object.fromEntries(report.keyFigures.map((k) => [k.id, k.cell]));
    expect(key.follows.value).toBe(expected.monthly.total.follows);
    expect(key.consulters.value).toBe(expected.monthly.total.consulters);
    expect(key.consultations.value).toBe(expected.monthly.total.consultations);
    expect(key.aiShare.value).toBe(expected.replies.total.aiShare);
    expect(key.staffShare.value).toBe(expected.replies.total.staffShare);
    expect(key.messageCost.value).toBe(expected.cost.total.messageCost);
    expect(key.staffCost.value).toBe(expected.cost.total.staffCost);
  });

  it('gives the figures the source documents publish: AI/staff per consultation, referrals made, the fiscal year in 和暦', () => {
    const key = Object.fromEntries(report.keyFigures.map((k) => [k.id, k]));
    // 生成AI対応 / スタッフ対応 as Yamagata City counts them: consultations the AI handled alone vs those staff answered.
    const opened = fixture.consultations.filter((c) => within(c.opened_at));
    const aiAlone = opened.filter((c) => c.first_staff_reply_at === null).length;
    expect(aiAlone).toBeGreaterThan(0);
    expect(aiAlone).toBeLessThan(opened.length);
    expect(key.aiConsultationShare).toMatchObject({ label: '生成AI対応（相談件数）', cell: { value: round1((100 * aiAlone) / opened.length) } });
    expect(key.staffConsultationShare).toMatchObject({ label: 'スタッフ対応（相談件数）', cell: { value: round1((100 * (opened.length - aiAlone)) / opened.length) } });
    // The per-consultation split differs from the per-reply one, so both are on the page, named apart.
    expect(key.aiConsultationShare.cell.value).not.toBe(key.aiShare.cell.value);
    expect(key.aiShare.label).toBe('AI対応率（返信数）');
    // 支援団体へのつなぎ: referrals of the period that reached a partner; drafts, refusals and cancellations did not.
    const made = fixture.referrals.filter((r) => within(r.created_at) && ['sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'].includes(r.status));
    expect(made.length).toBeGreaterThanOrEqual(THRESHOLD);
    expect(made.length).toBeLessThan(fixture.referrals.filter((r) => within(r.created_at)).length);
    expect(key.referralsMade).toMatchObject({ label: '支援団体へのつなぎ', cell: { value: made.length } });
    expect(report.period.fiscalYear).toEqual({ era: '令和8年度', western: '2026年度', years: [2026, 2026] });
  });

  it('counts referrals by partner and status, and consents given, declined and withdrawn, as counted from the data set', () => {
    // The data set has enough of them for the figures to mean something, across months and partners.
    const inPeriod = fixture.referrals.filter((r) => within(r.created_at));
    expect(inPeriod.length).toBeGreaterThanOrEqual(20);
    expect(new Set(inPeriod.map((r) => r.status)).size).toBeGreaterThanOrEqual(8);
    expect(fixture.referrals.length).toBeGreaterThan(inPeriod.length);
    const table = report.tables.find((t) => t.id === 'referrals')!;
    expect(table.title).toBe('紹介（連携団体別・結果別）');
    expect(table.columns.map((c) => c.label)).toEqual(expect.arrayContaining(['送付済み', '受領', '受諾', '辞退', '連絡済み', '終了', '取り下げ', '同意取り消し', '紹介の合計']));
    // Rows: the active partners, whether or not they had a referral, plus inactive ones that had one.
    expect(table.rows.map((r) => r.key)).toContain('quiet-partner');
    expect(table.rows.find((r) => r.key === 'quiet-partner')!.label).toBe('しずかな相談室');
    expect(table.rows.some((r) => r.key === 'former-partner')).toBe(inPeriod.some((r) => r.organization_id === 'former-partner'));
    expect(cellAt(report, 'referrals', 'total', 'total').value).toBe(inPeriod.length);
    expect(expected.referrals.total.total).toBe(inPeriod.length);

    const consents = report.tables.find((t) => t.id === 'consents')!;
    expect(consents.title).toBe('同意');
    expect(consents.columns.map((c) => c.label)).toEqual(['同意した', '同意しなかった', '同意を取り消した']);
    const agreed = fixture.consents.filter((c) => within(c.agreed_at)).length;
    const withdrawn = fixture.consents.filter((c) => within(c.withdrawn_at)).length;
    expect(cellAt(report, 'consents', 'total', 'agreed').value).toBe(agreed);
    expect(withdrawn).toBeGreaterThan(0);
    // A consent agreed in the period and withdrawn after it counts its agreement only (so the data set must have one).
    expect(fixture.consents.some((c) => within(c.agreed_at) && c.withdrawn_at !== null && !within(c.withdrawn_at))).toBe(true);
  });

  it('reports the closing question by score, hiding small cells, and never the residents’ own words', async () => {
    const inPeriod = fixture.satisfaction.filter((r) => within(r.asked_at));
    expect(inPeriod.length).toBeGreaterThanOrEqual(50);
    expect(cellAt(report, 'satisfaction', 'total', 'asked').value).toBe(inPeriod.length);
    expect(cellAt(report, 'satisfaction', 'total', 'answered').value).toBe(inPeriod.filter((r) => r.score !== null).length);
    // Few residents answer 「よくなかった」 in a month: those cells are hidden, with a partner so they cannot be recovered.
    const hidden = report.tables.find((t) => t.id === 'satisfaction')!.rows.flatMap((r) => Object.values(r.cells)).filter((c) => c.hidden === 'small');
    expect(hidden.length).toBeGreaterThan(0);
    const comments = fixture.satisfaction.filter((r) => r.comment !== null);
    expect(comments.length).toBeGreaterThan(0);
    expect(JSON.stringify(report)).not.toContain(comments[0].comment);
  });

  it('exports a CSV with a BOM that parses back to the same numbers, and audits it', async () => {
    const res = await fetch(`${stack.baseUrl}/api/reports/export.csv?from=${FROM}&to=${TO}`, { headers: { cookie: cookieOf(official) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`yorisoi-report_${FROM}_${TO}.csv`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parseCsv(bytes.subarray(3).toString('utf8'), { relax_column_count: true, skip_empty_lines: false });
    const csvTables = readCsvSections(records);
    for (const table of report.tables) {
      const section = csvTables.get(table.title);
      expect(section).toBeDefined();
      expect(section![0]).toEqual([table.rowHeader, ...table.columns.map((c) => c.label)]);
      table.rows.forEach((row, i) => {
        const line = section![i + 1];
        expect(line[0]).toBe(row.label);
        table.columns.forEach((column, c) => {
          const cell = row.cells[column.key];
          const field = line[c + 1];
          if (cell.value === null) expect(field).toBe(cell.display);
          else expect({ at: `${table.id}/${row.key}/${column.key}`, value: Number(field.replace(/%$/, '')) }).toEqual({ at: `${table.id}/${row.key}/${column.key}`, value: cell.value });
        });
      });
    }
    expect(records).toContainEqual(['年度', '令和8年度（2026年度）']);
    const key = csvTables.get('主な数字')!;
    for (const k of report.keyFigures) expect(key.find((l) => l[0] === k.label)?.[1]).toBe(k.cell.display);

    const audit = await stack.db('audit_log').where({ action: 'report.export', actor_id: officialId }).whereRaw("details->>'format' = 'csv'");
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toEqual({ format: 'csv', from: FROM, to: TO });
  });

  it('exports an XLSX workbook, one sheet per table with Japanese headers, that reads back to the same numbers, and audits it', async () => {
    const res = await fetch(`${stack.baseUrl}/api/reports/export.xlsx?from=${FROM}&to=${TO}`, { headers: { cookie: cookieOf(official) } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['概要', ...report.tables.map((t) => t.sheetName)]);
    const summary = new Map<string, unknown>();
    workbook.getWorksheet('概要')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(summary.get('年度')).toBe('令和8年度（2026年度）');
    expect(summary.get('支援団体へのつなぎ')).toBe(report.keyFigures.find((k) => k.id === 'referralsMade')!.cell.value);
    expect(summary.get('生成AI対応（相談件数）') as number).toBeCloseTo(report.keyFigures.find((k) => k.id === 'aiConsultationShare')!.cell.value! / 100, 6);
    for (const table of report.tables) {
      const sheet = workbook.getWorksheet(table.sheetName)!;
      expect(sheet.getCell(1, 1).value).toBe(table.title);
      expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([table.rowHeader, ...table.columns.map((c) => c.label)]);
      table.rows.forEach((row, i) => {
        const line = sheet.getRow(4 + i);
        expect(line.getCell(1).value).toBe(row.label);
        table.columns.forEach((column, c) => {
          const cell = row.cells[column.key];
          const got = line.getCell(c + 2).value;
          if (cell.value === null) expect(got).toBe(cell.display);
          else if (column.kind === 'percent') expect(got as number).toBeCloseTo(cell.value / 100, 6);
          else expect({ at: `${table.id}/${row.key}/${column.key}`, got }).toEqual({ at: `${table.id}/${row.key}/${column.key}`, got: cell.value });
        });
      });
    }
    const audit = await stack.db('audit_log').where({ action: 'report.export', actor_id: officialId }).whereRaw("details->>'format' = 'xlsx'");
    expect(audit.map((a) => a.details)).toEqual([{ format: 'xlsx', from: FROM, to: TO }]);
  });

  it('lets officials, admins and supervisors read reports; refuses staff and partners (403) and anonymous callers (401)', async () => {
    const paths = ['/api/reports', '/api/reports/export.csv', '/api/reports/export.xlsx'].map((p) => `${p}?from=2026-05-01&to=2026-05-31`);
    const anonymous = new HttpClient(stack.baseUrl);
    const as = async (role: 'staff' | 'partner' | 'admin' | 'supervisor') => new HttpClient(stack.baseUrl).login((await stack.createUser(role)).email, TEST_PASSWORD);
    const [staff, partner, admin, supervisor] = await Promise.all([as('staff'), as('partner'), as('admin'), as('supervisor')]);
    for (const p of paths) {
      expect((await anonymous.get(p)).status).toBe(401);
      expect((await staff.get(p)).status).toBe(403);
      expect((await partner.get(p)).status).toBe(403);
      expect((await admin.get(p)).status).toBe(200);
      expect((await supervisor.get(p)).status).toBe(200);
    }
    // The refused attempts left no export on record.
    expect(await stack.db('audit_log').where({ action: 'report.export' }).whereNot({ actor_id: officialId }).count('* as n').first()).toEqual({ n: '4' });
    // Officials see reports only: a consultation is refused.
    expect((await official.get('/api/consultations')).status).toBe(403);
  });

  it('answers one month with that month alone, and refuses a malformed period in Japanese', async () => {
    const may = (await official.get('/api/reports?from=2026-05-01&to=2026-05-31')).body.data as Report;
    expect(may.tables[0].rows.map((r) => r.label)).toEqual(['2026年5月', '合計']);
    const follows = cellAt(may, 'monthly', 'total', 'follows');
    expect(follows.value).toBe(expected.monthly['2026-05'].follows);
    for (const q of ['', '?from=2026-05-01', '?from=2026-13-01&to=2026-12-31', '?from=2026-06-01&to=2026-05-01']) {
      const res = await official.get(`/api/reports${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/期間/);
    }
  });
});

function cookieOf(client: HttpClient): string {
  return (client as unknown as { cookie: string }).cookie;
}

/** CSV sections: a 「■ title」 line, the header, the rows, until a blank line. */
function readCsvSections(records: string[][]): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (let i = 0; i < records.length; i += 1) {
    const first = records[i][0] ?? '';
    if (!first.startsWith('■ ')) continue;
    const lines: string[][] = [];
    for (let j = i + 1; j < records.length && records[j].some((f) => f !== '') && !records[j][0].startsWith('注: '); j += 1) lines.push(records[j]);
    out.set(first.slice(2), lines);
  }
  return out;
}
