import path from 'node:path';
import { parsePeriod } from '../../api/reports/report-model';
import { queryReport, type RawReport, type ReportPeriod } from '../../api/reports/report-queries';
import { ensureReportRollups, rollUpReportableDays } from '../../api/reports/report-rollups';
import { produceReport, reportCalendar } from '../../api/reports/report-service';
import { loadProfile, type MunicipalityProfile } from '../../platform/config/profile';
import type { Db } from '../../platform/db';
import { insertReportFixture } from '../helpers/report-fixtures';
import { createTestDatabase } from '../helpers/test-database';

const DAY = 86_400_000;
const tokyoDate = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
/** A period of 60 days ending today: the older days are closed and rolled up, the last two are scanned. */
const TO = tokyoDate(Date.now());
const FROM = tokyoDate(Date.now() - 59 * DAY);
const LAST_CLOSED = tokyoDate(Date.now() - 2 * DAY);
const TEN_DAYS_AGO = new Date(Date.parse(`${tokyoDate(Date.now() - 10 * DAY)}T10:00:00+09:00`));

/** Rows in a stable order, so two reports compare by content. */
const sorted = (raw: RawReport) =>
  Object.fromEntries(Object.entries(raw).map(([k, rows]) => [k, Array.isArray(rows) ? rows.map((r) => JSON.stringify(r)).sort() : rows]));

describe('the report’s daily rollups', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let profile: MunicipalityProfile;
  let period: ReportPeriod;

  const options = (p: MunicipalityProfile) => ({ open: p.businessHours.open, close: p.businessHours.close, intakeQuestionIds: p.intake.questions.map((q) => q.id) });
  /** The raw figures as the report reads them (closed days from the rollups) and by scanning every message. */
  const both = async (p: MunicipalityProfile = profile) => {
    const { rolledThrough } = await ensureReportRollups(db, FROM, TO);
    const [rolled, scanned] = await Promise.all([queryReport(db, { ...period, rolledThrough }, options(p)), queryReport(db, period, options(p))]);
    return { rolledThrough, rolled, scanned };
  };
  const total = <T>(rows: T[], f: (r: T) => number) => rows.reduce((sum, r) => sum + f(r), 0);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    profile = loadProfile(path.resolve(__dirname, '../../profiles/example.yaml'));
    period = parsePeriod(FROM, TO);
    await insertReportFixture(db, {
      seed: 20261201,
      from: FROM,
      to: TO,
      residents: 70,
      outsideResidents: 6,
      consultingShare: 0.6,
      consultationsPerConsulter: 1.6,
      turnsPerConsultation: 4,
      personShare: 0.3,
      calendar: reportCalendar(profile, period),
      satisfactionShare: 0.3,
      checkInShare: 0.2,
    });
  }, 120_000);
  afterAll(() => database.drop());

  it('gives the same report from the rollups as from scanning every message, for a period ending today', async () => {
    const { rolledThrough, rolled, scanned } = await both();
    // Closed days (ended a day ago) are rolled up; today and yesterday are scanned.
    expect(rolledThrough).toBe(LAST_CLOSED);
    expect(Number((await db('report_days').count('* as n').first())!.n)).toBe(58);
    expect(total(scanned.messages, (m) => m.messagesIn)).toBeGreaterThan(100);
    expect(sorted(rolled)).toEqual(sorted(scanned));

    const report = await produceReport(db, profile, FROM, TO);
    expect(report.tables).toEqual((await produceReport(db, profile, FROM, TO, { rollups: false })).tables);
  });

  it('shows a message recorded, resent or removed on a day already rolled up in the next report', async () => {
    const before = (await both()).rolled;
    const [resident] = await db('residents').insert({ code: 'R-LATE' }).returning('id');
    await db('messages').insert({ resident_id: resident.id, direction: 'in', sender: 'resident', kind: 'text', text: '遅れて届いた相談', created_at: TEN_DAYS_AGO });
    const sent = await db('messages').where({ direction: 'out', delivery_status: 'sent' }).where('created_at', '<', TEN_DAYS_AGO).first('id');
    await db('messages').where({ id: sent.id }).update({ delivery_status: 'failed' });

    const after = await both();
    expect(total(after.rolled.messages, (m) => m.messagesIn)).toBe(total(before.messages, (m) => m.messagesIn) + 1);
    expect(total(after.rolled.messages, (m) => m.messagesOut)).toBe(total(before.messages, (m) => m.messagesOut) - 1);
    const whole = (raw: RawReport) => raw.consulters.find((c) => c.month === null)!.consulters;
    expect(whole(after.rolled)).toBe(whole(before) + 1);
    expect(sorted(after.rolled)).toEqual(sorted(after.scanned));

    await db('messages').where({ resident_id: resident.id }).delete();
    const removed = await both();
    expect(whole(removed.rolled)).toBe(whole(before));
    expect(sorted(removed.rolled)).toEqual(sorted(removed.scanned));
  });

  it('counts a nudge answer under the offer recorded for it later, on an earlier day already rolled up', async () => {
    const [resident] = await db('residents').insert({ code: 'R-NUDGE' }).returning('id');
    const [consultation] = await db('consultations').insert({ resident_id: resident.id, workflow_id: 'consultation-rollup-nudge' }).returning('id');
    const accepted = (raw: RawReport, trigger: string | null) => total(raw.nudges.filter((x) => x.event === 'accepted' && x.trigger === trigger), (x) => x.count);
    const before = (await both()).rolled;
    await db('nudge_events').insert({ id: '00000000-0000-4000-8000-00000000a001', consultation_id: consultation.id, event: 'accepted', created_at: TEN_DAYS_AGO });
    const answered = await both();
    expect(accepted(answered.rolled, null)).toBe(accepted(before, null) + 1);

    // The offer, three days before the answer, is recorded only now: the answer moves under its trigger.
    await db('nudge_events').insert({ id: '00000000-0000-4000-8000-00000000a002', consultation_id: consultation.id, event: 'offered', trigger: 'risk', created_at: new Date(TEN_DAYS_AGO.getTime() - 3 * DAY) });
    const offered = await both();
    expect(accepted(offered.rolled, null)).toBe(accepted(before, null));
    expect(accepted(offered.rolled, 'risk')).toBe(accepted(before, 'risk') + 1);
    expect(sorted(offered.rolled)).toEqual(sorted(offered.scanned));
  });

  it('splits messages at opening hours off the quarter hour as a scan does', async () => {
    const [resident] = await db('residents').insert({ code: 'R-EARLY' }).returning('id');
    const early = new Date(TEN_DAYS_AGO.getTime() - 55 * 60_000); // 09:05 Tokyo
    await db('messages').insert({ resident_id: resident.id, direction: 'in', sender: 'resident', kind: 'text', text: '朝早くの相談', created_at: early });
    const offQuarter = { ...profile, businessHours: { ...profile.businessHours, open: '09:10', close: '17:50' } };
    const { rolled, scanned } = await both(offQuarter);
    expect(sorted(rolled)).toEqual(sorted(scanned));
    // The split moved: messages between 09:00 and 09:10 are now outside the hours.
    const inWindow = (raw: RawReport) => total(raw.inbound.filter((s) => s.inWindow), (s) => s.count);
    expect(inWindow(rolled)).toBeLessThan(inWindow((await both()).rolled));
  });

  it('rolls each day up once when two reports ask at the same moment', async () => {
    await db('report_days').delete();
    const [first, second] = await Promise.all([produceReport(db, profile, FROM, TO), produceReport(db, profile, FROM, TO)]);
    expect(second.tables).toEqual(first.tables);
    expect(Number((await db('report_days').count('* as n').first())!.n)).toBe(58);
    const rolledUp = await db('report_day_consulters').count('* as n').first();
    const fromMessages = await db.raw(
      `SELECT count(DISTINCT (report_tokyo_day(created_at), resident_id)) AS n FROM messages
        WHERE direction = 'in' AND kind = 'text' AND report_tokyo_day(created_at) BETWEEN ? AND ?`,
      [FROM, LAST_CLOSED],
    );
    expect(Number(rolledUp!.n)).toBe(Number(fromMessages.rows[0].n));
  });

  it('rolls up every closed day a report may cover, back three years, as the API does when it starts', async () => {
    await db('report_days').delete();
    const [resident] = await db('residents').insert({ code: 'R-OLD' }).returning('id');
    const twoYearsAgo = new Date(Date.now() - 730 * DAY);
    await db('messages').insert({ resident_id: resident.id, direction: 'in', sender: 'resident', kind: 'text', text: '二年前の相談', created_at: twoYearsAgo });

    const { rolledDays, rolledThrough } = await rollUpReportableDays(db);
    expect(rolledThrough).toBe(LAST_CLOSED);
    expect(rolledDays).toBeGreaterThan(3 * 365);
    expect(await db('report_day_consulters').where({ resident_id: resident.id }).select('day')).toHaveLength(1);
    // The next report rolls up nothing more.
    expect((await ensureReportRollups(db, FROM, TO)).rolledDays).toBe(0);
  });
});
