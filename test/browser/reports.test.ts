import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { parsePeriod } from '../../api/reports/report-model';
import { reportCalendar } from '../../api/reports/report-service';
import { insertReportFixture } from '../helpers/report-fixtures';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

/** Committed, so reviewers can see the reports page without running anything. */
const SCREENSHOT = path.resolve(__dirname, '../../test-artifacts/screenshots/reports.png');
const FROM = '2026-04-01';
const TO = '2026-06-30';

/** 「1,234」「84.7%」「15,000円」「40.0分」「3.2時間」 → the number; marks (「<5」「X」「－」) stay text. */
function pageValue(display: string): number | string {
  const m = /^(-?[\d,]+(?:\.\d+)?)(%|円|分|時間)?$/.exec(display.trim());
  return m ? Number(m[1].replace(/,/g, '')) : display.trim();
}

/**
 * The officials' reports page (admin-ui, a development build made by jest's global setup) in Debian's Chromium against
 * the real API and Postgres, on the generated data set the report test checks figure by figure.
 */
describe('reports page in a real browser, as an official', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack();
    await insertReportFixture(stack.db, {
      seed: 7,
      from: FROM,
      to: TO,
      residents: 150,
      outsideResidents: 10,
      consultingShare: 0.6,
      consultationsPerConsulter: 1.8,
      turnsPerConsultation: 5,
      personShare: 0.35,
      calendar: reportCalendar(stack.profile, parsePeriod(FROM, TO)),
      pinnedAgeBands: { 'under-20': 4 },
    });
    browser = await launchChromium();
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const signIn = (email: string) => signInToAdmin(browser, stack.baseUrl, email, { context: { viewport: { width: 1280, height: 1400 }, acceptDownloads: true } });

  it('lands on the reports, shows the figures, and both downloads carry the same figures; consultations are refused', async () => {
    const official = await stack.createUser('official');
    const { page, errors } = await signIn(official.email);

    // Officials land on the reports page; it is their menu's only item.
    await page.getByRole('button', { name: 'Excel', exact: true }).or(page.getByRole('link', { name: 'Excel', exact: true })).first().waitFor();
    expect(page.url()).toContain('/admin/#/reports');
    await page.getByRole('menuitem', { name: '利用状況報告' }).waitFor();
    expect(await page.getByRole('menuitem').count()).toBe(1);

    // The period: from and to dates (the presets are there too).
    for (const preset of ['今月', '先月', '今年度']) await page.getByRole('button', { name: preset, exact: true }).waitFor();
    await page.getByLabel('開始日').fill(FROM);
    await page.getByLabel('終了日').fill(TO);
    await page.getByText(`集計期間：${FROM} 〜 ${TO}（日本時間）`).waitFor();
    await page.locator('[data-figure="follows"]').waitFor();

    // What the page shows: the key figures and the monthly table.
    const figures = await page.locator('[data-figure]').evaluateAll((cards) =>
      cards.map((c) => ({ id: c.getAttribute('data-figure')!, label: c.querySelector('.figure-label')!.textContent!, value: c.querySelector('.figure-value')!.textContent! })),
    );
    expect(figures.map((f) => f.label)).toEqual(expect.arrayContaining(['友だち登録', '相談者（人）', '相談件数', 'AI対応率', 'スタッフ対応率']));
    expect(pageValue(figures.find((f) => f.id === 'follows')!.value)).toBe(150);
    const monthly = await page.locator('[data-table="monthly"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('th')!.textContent!, ...Array.from(r.querySelectorAll('td')).map((td) => td.textContent!)]),
    );
    expect(monthly.map((r) => r[0])).toEqual(['2026年4月', '2026年5月', '2026年6月', '合計']);
    // Charts: the monthly volume and the hour of day as SVG, the AI/staff shares as bars; a hidden cell never becomes a bar.
    expect(await page.getByRole('img', { name: /月別の相談件数と相談者/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /時間帯別の受信メッセージ/ }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /AIとスタッフの対応率/ }).count()).toBe(1);
    await expect(page.locator('[data-table="intake-age-band"] tr[data-row="under-20"] td[data-column="residents"]').textContent()).resolves.toBe('<5');

    await page.getByLabel('終了日').blur();
    await page.screenshot({ path: SCREENSHOT });

    // CSV: UTF-8 with a BOM, the same key figures and the same monthly table.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV（Excel用）' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe(`yorisoi-report_${FROM}_${TO}.csv`);
    const csvBytes = fs.readFileSync((await csvDownload.path())!);
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parseCsv(csvBytes.subarray(3).toString('utf8'), { relax_column_count: true });
    const after = (title: string) => records.slice(records.findIndex((r) => r[0] === `■ ${title}`) + 2);
    const csvKey = after('主な数字');
    for (const f of figures) expect({ label: f.label, csv: csvKey.find((r) => r[0] === f.label)?.[1] }).toEqual({ label: f.label, csv: f.value });
    const csvMonthly = after('月別の利用状況').slice(0, monthly.length);
    expect(csvMonthly.map((r) => r.map(pageValue))).toEqual(monthly.map((r) => r.map(pageValue)));

    // XLSX: the summary sheet's key figures and the monthly sheet read back to the page's numbers.
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel', exact: true }).click()]);
    expect(xlsxDownload.suggestedFilename()).toBe(`yorisoi-report_${FROM}_${TO}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsxDownload.path())!);
    const summary = workbook.getWorksheet('概要')!;
    const summaryValues = new Map<string, unknown>();
    summary.eachRow((row) => summaryValues.set(String(row.getCell(1).value), row.getCell(2).value));
    for (const f of figures) {
      const want = pageValue(f.value);
      const got = summaryValues.get(f.label);
      if (typeof want === 'string') expect({ label: f.label, got }).toEqual({ label: f.label, got: want });
      else expect({ label: f.label, got: Math.round((got as number) * (f.value.endsWith('%') ? 1000 : 10)) / 10 }).toEqual({ label: f.label, got: want });
    }
    const sheet = workbook.getWorksheet('月別の利用状況')!;
    const xlsxMonthly = monthly.map((_, i) => (sheet.getRow(4 + i).values as unknown[]).slice(1));
    expect(xlsxMonthly).toEqual(monthly.map((r) => r.map(pageValue)));

    // Both downloads are on record.
    const audit = await stack.db('audit_log').where({ action: 'report.export', actor_id: official.id }).orderBy('id');
    expect(audit.map((a) => a.details)).toEqual([
      { format: 'csv', from: FROM, to: TO },
      { format: 'xlsx', from: FROM, to: TO },
    ]);

    // The same official may not open a consultation: the API refuses and the screen does not exist for them.
    expect((await page.request.get(`${stack.baseUrl}/api/consultations`)).status()).toBe(403);
    await page.goto(`${stack.baseUrl}/admin/#/consultations`);
    await page.getByText('このページは表示できません').first().waitFor();
    expect(await page.locator('table').count()).toBe(0);

    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
