import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { directoryReady } from '../../api/partners/partner-directory';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { seedCase } from '../helpers/seed-case';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The workbench tools in Debian's Chromium against the real API and database: canned replies kept
 * by a supervisor and inserted by staff; the referrals list across cases;
 * searching cases by code and by message text; follow-up tasks and 今日の予定. Cases are seeded as the workflow leaves them; nothing here
 * sends to LINE, so no worker runs.
 */
describe('workbench tools in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack({});
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a supervisor writes a canned reply; staff insert it with / and with the picker, placeholders filled', async () => {
    const supervisor = await stack.createUser('supervisor');
    const admin = await signInToAdmin(browser, stack.baseUrl, supervisor.email);
    await admin.page.getByRole('menuitem', { name: '定型文' }).click();
    await admin.page.getByRole('link', { name: '作成' }).click();
    await admin.page.getByLabel('題名').fill('お名前の確認');
    await admin.page.getByLabel('本文').fill('{residentCode} さん、お話ししてくださってありがとうございます。');
    await admin.page.getByLabel('本文').blur();
    await admin.page.screenshot({ path: path.join(SCREENSHOTS, 'canned-reply-edit.png') });
    await admin.page.getByRole('button', { name: '保存' }).click();
    await admin.page.getByRole('row').filter({ hasText: 'お名前の確認' }).waitFor();
    await admin.page.screenshot({ path: path.join(SCREENSHOTS, 'canned-replies.png') });
    expect(admin.errors).toEqual([]);
    await admin.page.context().close();
    await stack.db('canned_replies').insert({ title: 'Thanks', text: 'Thank you for telling me, {residentCode}.', language: 'en' });

    const staff = await stack.createUser('staff');
    const mine = await seedCase(stack.db, { status: 'with_staff', assigned: staff.id });
    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, staff.email);
    await page.getByRole('menuitem', { name: 'いま対応が必要' }).waitFor();
    await page.goto(`${stack.baseUrl}/admin/#/consultations/${mine.id}/show`);
    const reply = page.getByRole('textbox', { name: '返信' });
    await reply.fill('/お名前');
    const suggestions = page.getByRole('list', { name: '定型文の候補' });
    await suggestions.getByText('お名前の確認').waitFor();
    expect(await suggestions.getByText('Thanks').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'canned-reply-slash.png') });
    await reply.press('Enter');
    await eventually(async () => expect(await reply.inputValue()).toBe(`${mine.residentCode} さん、お話ししてくださってありがとうございます。`));

    await page.getByRole('button', { name: '定型文' }).click();
    await page.getByRole('menuitem', { name: /Thanks/ }).click();
    await eventually(async () => expect(await reply.inputValue()).toBe(`${mine.residentCode} さん、お話ししてくださってありがとうございます。\nThank you for telling me, ${mine.residentCode}.`));
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('lists the referrals of the staff member’s cases, filtered to the overdue ones, and opens the case', async () => {
    await directoryReady(stack.db, stack.profile);
    const [p1, p2] = stack.profile.partners;
    const staff = await stack.createUser('staff');
    const mine = await seedCase(stack.db, { status: 'with_staff', assigned: staff.id });
    const others = await seedCase(stack.db, { status: 'with_staff' });
    const referral = (c: { id: string; residentId: string }, partnerId: string, status: string, reason: string, overdue: string[] = []) =>
      stack.db('referrals').insert({ id: crypto.randomUUID(), consultation_id: c.id, resident_id: c.residentId, organization_id: partnerId, reason, share: ['name'], status, overdue, sent_at: new Date() });
    await referral(mine, p1.id, 'sent', '就労の相談をしたい', ['acknowledge']);
    await referral(mine, p2.id, 'accepted', '住まいの相談');
    await referral(others, p1.id, 'sent', '別の担当の紹介', ['acknowledge']);

    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, staff.email);
    await page.getByRole('menuitem', { name: '紹介一覧' }).click();
    await page.getByRole('row').filter({ hasText: '住まいの相談' }).waitFor();
    await page.getByRole('row').filter({ hasText: '就労の相談をしたい' }).getByText('期限超過').waitFor();
    expect(await page.getByText('別の担当の紹介').count()).toBe(0);
    await page.getByLabel('期限超過のみ').check();
    await eventually(async () => expect(await page.getByText('住まいの相談').count()).toBe(0));
    await page.getByRole('row').filter({ hasText: '就労の相談をしたい' }).waitFor();
    await page.mouse.move(640, 800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'referrals-list.png') });
    await page.getByRole('row').filter({ hasText: '就労の相談をしたい' }).getByText(p1.name).click();
    await page.getByRole('heading', { name: `相談 ${mine.residentCode}` }).first().waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('searches cases by resident code and by message text', async () => {
    const staff = await stack.createUser('staff');
    const cat = await seedCase(stack.db, { status: 'with_staff', assigned: staff.id, messages: [{ sender: 'resident', text: '飼い猫のタマが昨日から帰ってきません' }] });
    const work = await seedCase(stack.db, { status: 'with_staff', assigned: staff.id, messages: [{ sender: 'resident', text: '仕事の面接に落ちてしまいました' }] });
    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, staff.email);
    await page.getByRole('menuitem', { name: '相談一覧' }).click();
    const row = (code: string) => page.getByRole('row').filter({ hasText: code });
    await row(cat.residentCode).waitFor();
    await row(work.residentCode).waitFor();

    await page.getByLabel('相談者コード').fill(work.residentCode.slice(2));
    await eventually(async () => expect(await row(cat.residentCode).count()).toBe(0));
    await row(work.residentCode).waitFor();
    await page.getByLabel('相談者コード').fill('');

    await page.getByLabel('メッセージ本文').fill('タマ');
    await eventually(async () => expect(await row(work.residentCode).count()).toBe(0));
    await row(cat.residentCode).waitFor();
    await page.mouse.move(640, 800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'case-search.png') });
    await eventually(async () => expect(await stack.db('audit_log').where({ actor_id: staff.id, action: 'consultation.search-text' }).count('* as n').first()).toEqual({ n: expect.not.stringMatching(/^0$/) }));
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('sets follow-ups on a case, is reminded in the app bar, and completes one from 今日の予定', async () => {
    const staff = await stack.createUser('staff');
    const mine = await seedCase(stack.db, { status: 'with_staff', assigned: staff.id });
    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, staff.email);
    await page.getByRole('menuitem', { name: 'いま対応が必要' }).waitFor();
    await page.goto(`${stack.baseUrl}/admin/#/consultations/${mine.id}/show`);
    const panel = page.getByRole('region', { name: '予定' });
    await panel.getByText('予定はありません').waitFor();

    // 「3日後に様子を聞く」 with the 3日後 default; then one due today.
    await panel.getByLabel('新しい予定').fill('3日後に様子を聞く');
    await panel.getByRole('button', { name: '予定を追加' }).click();
    await panel.getByText('3日後に様子を聞く').waitFor();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    await panel.getByLabel('新しい予定').fill('面接の結果を聞く');
    await panel.getByLabel('期日').fill(today);
    await panel.getByRole('button', { name: '予定を追加' }).click();
    await panel.getByText('面接の結果を聞く').waitFor();
    await page.getByRole('link', { name: '今日の予定 1件' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'follow-ups-case.png') });

    await page.getByRole('link', { name: '今日の予定 1件' }).click();
    const row = page.getByRole('row').filter({ hasText: '面接の結果を聞く' });
    await row.getByText(mine.residentCode).waitFor();
    expect(await page.getByText('3日後に様子を聞く').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'follow-ups-today.png') });
    await row.getByRole('button', { name: '「面接の結果を聞く」を完了' }).click();
    await page.getByText('予定を完了しました').waitFor();
    await eventually(async () => expect(await row.count()).toBe(0));
    await page.getByRole('link', { name: '今日の予定 0件' }).waitFor();
    const done = await stack.db('follow_up_tasks').where({ consultation_id: mine.id, title: '面接の結果を聞く' }).first();
    expect(done.completed_by).toBe(staff.id);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 120_000);
});
