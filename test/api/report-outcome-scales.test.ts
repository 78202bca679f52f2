import type { Report, ReportCell } from '../../contracts/report';
import { HttpClient } from '../helpers/http-client';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

/**
 * The outcome scales in the officials' report: completed answers at intake and at follow-up, and the
 * mean change among residents with both, with the report's small-cell suppression (below 5 hidden).
 */
describe('outcome scales in the report', () => {
  let stack: TestStack;
  let report: Report;

  beforeAll(async () => {
    stack = await startTestStack();
    const at = (day: number) => new Date(`2026-05-${String(day).padStart(2, '0')}T03:00:00Z`);
    const rows: Record<string, unknown>[] = [];
    // UCLA-3: 7 residents at intake, 6 of them again at follow-up, each 2 points lower except one 1 higher → mean (-2·5 + 1) / 6 = -1.5.
    for (let i = 0; i < 7; i += 1) {
      const [resident] = await stack.db('residents').insert({ code: `R-UCLA${i}` }).returning('id');
      rows.push({ resident_id: resident.id, scale: 'ucla3', occasion: 'intake', total: 8, completed_at: at(1), answers: '{}' });
      if (i < 6) rows.push({ resident_id: resident.id, scale: 'ucla3', occasion: 'follow-up', total: i === 5 ? 9 : 6, completed_at: at(20), answers: '{}' });
      // K6: every one at intake, only 2 at follow-up (too few for a mean), and one skipped scale (not counted).
      rows.push({ resident_id: resident.id, scale: 'k6', occasion: 'intake', total: 14, completed_at: at(1), answers: '{}' });
      if (i < 2) rows.push({ resident_id: resident.id, scale: 'k6', occasion: 'follow-up', total: 10, completed_at: at(20), answers: '{}' });
    }
    const [skipper] = await stack.db('residents').insert({ code: 'R-SKIP' }).returning('id');
    rows.push({ resident_id: skipper.id, scale: 'ucla3', occasion: 'intake', total: null, skipped_at: at(2), answers: '{}' });
    await stack.db('scale_responses').insert(rows);

    const user = await stack.createUser('official');
    const official = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    const res = await official.get('/api/reports?from=2026-04-01&to=2026-06-30');
    expect(res.status).toBe(200);
    report = res.body.data;
  }, 120_000);
  afterAll(() => stack.stop());

  const cell = (row: string, column: string): ReportCell => report.tables.find((t) => t.id === 'outcomeScales')!.rows.find((r) => r.key === row)!.cells[column];

  it('counts completed answers by occasion and gives the mean change among those with both', () => {
    expect(cell('ucla3', 'intake')).toMatchObject({ value: 7 });
    expect(cell('ucla3', 'followUp')).toMatchObject({ value: 6 });
    expect(cell('ucla3', 'pairs')).toMatchObject({ value: 6 });
    expect(cell('ucla3', 'meanChange')).toMatchObject({ value: -1.5, display: '-1.5点' });
    expect(cell('k6', 'intake')).toMatchObject({ value: 7 });
  });

  it('hides small counts and a mean over fewer than 5 residents', () => {
    expect(cell('k6', 'followUp')).toMatchObject({ value: null, hidden: 'small', display: '<5' });
    expect(cell('k6', 'pairs')).toMatchObject({ value: null, hidden: 'small' });
    expect(cell('k6', 'meanChange')).toMatchObject({ value: null, hidden: 'few' });
  });
});
