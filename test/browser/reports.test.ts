import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { parsePeriod } from '../../api/reports/report-model';
import { reportCalendar } from '../../api/reports/report-service';
import { insertReportFixture } from '../helpers/report-fixtures';
import { startTestStack, TestStack } from '../helpers/test-stack';

/** Committed, so reviewers can see the reports page without running anything. */
const SCREENSHOT = path.resolve(__dirname, '../../test-artifacts/screenshots/reports.png');
const PRINT_SCREENSHOT = path.join(SCREENSHOTS, 'reports-print.png');
const OUTCOMES_EN_SCREENSHOT = path.join(SCREENSHOTS, 'reports-outcomes-en.png');
/** poppler-utils (installed by .ci/run beside Chromium) reads the printed PDF back as text. */
const PDFTOTEXT = process.env.PDFTOTEXT_PATH || '/usr/bin/pdftotext';
const PDFINFO = path.join(path.dirname(PDFTOTEXT), 'pdfinfo');
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
      partners: stack.profile.partners.map((p) => ({ id: p.id, name: p.name, email: p.email, active: true })),
      referralShare: 0.8,
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
    expect(figures.map((f) => f.label)).toEqual(
      expect.arrayContaining(['友だち登録', '相談者（人）', '相談件数', '生成AI対応（相談件数）', 'スタッフ対応（相談件数）', '支援団体へのつなぎ', 'AI対応率（返信数）', 'スタッフ対応率（返信数）']),
    );
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

  it('prints the report on A4 with the new cards and the fiscal year, without the menu or the controls', async () => {
    if (!fs.existsSync(PDFTOTEXT)) throw new Error(`No pdftotext at ${PDFTOTEXT}: install Debian's poppler-utils (apt-get install poppler-utils) or set PDFTOTEXT_PATH.`);
    const official = await stack.createUser('official');
    const { page, errors } = await signIn(official.email);
    await page.getByLabel('開始日').fill(FROM);
    await page.getByLabel('終了日').fill(TO);
    await page.getByText(`集計期間：${FROM} 〜 ${TO}（日本時間）`).waitFor();
    await page.locator('[data-figure="referralsMade"]').waitFor();
    await expect(page.getByTestId('report-period').textContent()).resolves.toContain('令和8年度（2026年度）');
    const cards = Object.fromEntries(
      await page.locator('[data-figure]').evaluateAll((els) => els.map((c) => [c.getAttribute('data-figure')!, c.querySelector('.figure-value')!.textContent!])),
    );
    // The data set has referrals, so 支援団体へのつなぎ is a number, not a hidden mark.
    expect(pageValue(cards.referralsMade)).toEqual(expect.any(Number));
    expect(pageValue(cards.aiConsultationShare)).toEqual(expect.any(Number));

    // 印刷 opens the browser's print dialog (replaced here: headless Chromium has none to show).
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: '印刷' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // In print media the app bar, the menu and the controls are gone; the figures and tables stay.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.MuiAppBar-root').isVisible()).toBe(false);
    expect(await page.getByRole('menuitem', { name: '利用状況報告' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '印刷' }).isVisible()).toBe(false);
    expect(await page.getByLabel('開始日').isVisible()).toBe(false);
    expect(await page.locator('[data-figure="referralsMade"]').isVisible()).toBe(true);
    expect(await page.locator('[data-table="consultationSplit"]').isVisible()).toBe(true);
    await page.screenshot({ path: PRINT_SCREENSHOT, fullPage: false });

    // The PDF Chromium prints: A4 pages whose text carries the cards, the fiscal year and the tables.
    const pdfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-'));
    const pdfPath = path.join(pdfDir, 'report.pdf');
    await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
    const info = execFileSync(PDFINFO, [pdfPath], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(2);
    // pdftotext breaks lines and takes Latin runs (「AI」) out of Japanese text in another font, so the
    // phrases looked for are Japanese only and compared without white space.
    const text = execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const want of ['支援団体へのつなぎ', 'スタッフ対応（相談件数）', '令和8年度（2026年度）', 'だけで対応した相談', '紹介（連携団体別・結果別）', '月別の利用状況']) {
      expect({ want, found: text.includes(want) }).toEqual({ want, found: true });
    }
    for (const absent of ['印刷', 'CSV（Excel用）', '開始日', '今年度']) expect({ absent, found: text.includes(absent) }).toEqual({ absent, found: false });
    fs.rmSync(pdfDir, { recursive: true, force: true });

    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('shows every table with English titles, headers and cells (and the outcome, satisfaction and check-in rows) in the English admin app', async () => {
    // Outcome scales in the period: 6 residents at intake and again at follow-up, each 2 points less lonely.
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 6; i += 1) {
      const [resident] = await stack.db('residents').insert({ code: `R-SCALE${i}` }).returning('id');
      rows.push({ resident_id: resident.id, scale: 'ucla3', occasion: 'intake', total: 8, completed_at: new Date('2026-04-10T03:00:00Z'), answers: '{}' });
      rows.push({ resident_id: resident.id, scale: 'ucla3', occasion: 'follow-up', total: 6, completed_at: new Date('2026-05-08T03:00:00Z'), answers: '{}' });
    }
    await stack.db('scale_responses').insert(rows);

    const official = await stack.createUser('official');
    const { page, errors } = await signIn(official.email);
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByLabel('From', { exact: true }).fill(FROM);
    await page.getByLabel('To', { exact: true }).fill(TO);
    await page.getByTestId('report-period').filter({ hasText: `Fiscal year 2026 (令和8年度)　Period: ${FROM} to ${TO} (Japan time)` }).waitFor();

    const words = (id: string) =>
      page.locator(`[data-table="${id}"]`).evaluate((el) => ({
        title: el.querySelector('h3')!.textContent,
        headers: Array.from(el.querySelectorAll('thead th')).map((th) => th.textContent),
        rows: Array.from(el.querySelectorAll('tbody th')).map((th) => th.textContent),
        note: el.querySelector('p')?.textContent ?? '',
      }));
    const outcomes = await words('outcomeScales');
    expect(outcomes).toMatchObject({
      title: 'Change in loneliness and psychological distress (UCLA-3, K6)',
      headers: ['Scale', 'Answers at intake', 'Answers at follow-up', 'Residents with both', 'Mean change'],
      rows: ['UCLA-3 loneliness', 'K6 psychological distress'],
    });
    expect(outcomes.note).toMatch(/^Optional short questionnaires/);
    await expect(page.locator('[data-table="outcomeScales"] tr[data-row="ucla3"] td[data-column="pairs"]').textContent()).resolves.toBe('6');
    await expect(page.locator('[data-table="outcomeScales"] tr[data-row="ucla3"] td[data-column="meanChange"]').textContent()).resolves.toBe('-2.0 pts');
    expect(await words('satisfaction')).toMatchObject({
      title: 'Was it good to talk? (question at the close)',
      headers: ['Month', 'Consultations asked', 'Answered', 'No answer or skipped', 'Very good', 'Good', 'Neither', 'Not very good', 'Not good', 'Share “good”'],
      rows: ['2026-04', '2026-05', '2026-06', 'Total'],
    });
    expect(await words('checkIns')).toMatchObject({
      title: 'Check-ins afterwards (caring messages)',
      headers: ['Month', 'Sent', 'Replied', 'No reply', 'Connected to a person', 'Talked with the AI'],
      rows: ['2026-04', '2026-05', '2026-06', 'Total'],
    });
    expect(await words('cost')).toMatchObject({ headers: expect.arrayContaining(['Estimated message cost (yen)', 'Equivalent staff time (hours)']) });
    await expect(page.locator('[data-table="humanHelp"] tr[data-row="total"] td[data-column="waitMedian"]').textContent()).resolves.toMatch(/^(\d+\.\d min|－|X|<5)$/);

    // Every table's title, headings and cells in English; row labels and notes too, except where they are the profile's own
    // words (partner names, the intake questions' options, the LINE plan's name).
    const japanese = /[ぁ-んァ-ン一-龥]/;
    const profileWords = { rows: ['referrals', 'intake-'], note: ['cost'] };
    const ids = await page.locator('[data-table]').evaluateAll((els) => els.map((el) => el.getAttribute('data-table')!));
    expect(ids).toEqual(expect.arrayContaining(['monthly', 'replies', 'consultationSplit', 'humanHelp', 'afterHours', 'risk', 'alerts', 'nudges', 'referrals', 'consents', 'hours', 'weekdays', 'businessHours', 'cost']));
    for (const id of ids) {
      const { title, headers, rows: labels, note } = await words(id);
      const cells = await page.locator(`[data-table="${id}"] tbody td`).allTextContents();
      const checked = [title, ...headers, ...cells];
      if (!profileWords.rows.some((p) => id.startsWith(p))) checked.push(...labels);
      if (!profileWords.note.includes(id)) checked.push(note);
      expect({ id, japanese: checked.filter((w) => japanese.test(w ?? '')) }).toEqual({ id, japanese: [] });
    }
    const cardLabels = await page.locator('[data-figure] .figure-label').allTextContents();
    expect(cardLabels.filter((l) => japanese.test(l))).toEqual([]);
    // The lines under the charts: what the marks mean, the period, what the report holds.
    const legend = await page.locator('[data-report-legend] li').allTextContents();
    expect(legend).toHaveLength(6);
    expect(legend.filter((l) => japanese.test(l))).toEqual([]);
    expect(legend).toEqual(expect.arrayContaining([expect.stringMatching(/^“<5”: fewer than 5, not shown/), `Period: ${FROM} to ${TO} (Japan time). Months are calendar months in Japan time.`]));

    await page.locator('[data-table="outcomeScales"]').scrollIntoViewIfNeeded();
    await page.locator('[data-table="outcomeScales"]').screenshot({ path: OUTCOMES_EN_SCREENSHOT });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
