import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';

/** Committed, so reviewers can see the dashboard without running anything. */

const pushedTo = (userId: string, text: string) => (r: { endpoint: string; ok: boolean; body: unknown }) =>
  r.endpoint === 'push' && r.ok && (r.body as { to?: string; messages?: { text?: string }[] }).to === userId && !!(r.body as { messages: { text?: string }[] }).messages?.some((m) => m.text === text);

/**
 * The staff dashboard (admin-ui, a development build made by jest's global setup) in Debian's Chromium, against the
 * real API, webhook, Temporal worker and Postgres, with LINE and OpenAI answered by their stand-ins.
 */
describe('staff dashboard in a real browser', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock());
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const signIn = (email: string) => signInToAdmin(browser, stack.baseUrl, email);

  it('staff: available, cases appear live (urgent first), claim, reply (Enter, no double send), LINE gets the push once; a high-risk case closes only after its review', async () => {
    const user = await stack.createUser('staff');
    const { page, errors } = await signIn(user.email);
    const live = page.waitForResponse((r) => r.url().endsWith('/api/events') && r.status() === 200);

    // Staff land on the queue; it is empty and says so.
    await page.getByText('いま対応が必要な相談はありません').waitFor();
    expect(page.url()).toContain('/admin/#/queue');
    await page.getByText('いまは「対応可能」がオフです').waitFor();
    const availability = page.getByRole('switch', { name: '対応可能' });
    expect(await availability.isChecked()).toBe(false);
    // The switch is controlled by the server's answer, so it turns on only once the PUT succeeded.
    await availability.click();
    await page.getByText('対応可能にしました').waitFor();
    expect(await availability.isChecked()).toBe(true);
    await eventually(async () => expect(await stack.db('staff_users').where({ id: user.id }).first('available')).toEqual({ available: true }));
    await live;

    // A resident asks for a person on LINE; the row appears without reloading the page.
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    await resident.tap('menu=staff');
    const { code } = await stack.db('residents').where({ line_user_id: resident.userId }).first('code');
    const row = page.getByRole('row').filter({ hasText: code });
    await row.waitFor();
    expect(await row.textContent()).toContain('本人の希望');
    expect(await row.textContent()).toContain('あなたに案内中');

    // A second resident in crisis joins as urgent: ranked first and highlighted, still without a reload.
    const inCrisis = await new PretendResident(stack).onboard(stack.profile.intake.questions, 0);
    await inCrisis.say('もう死にたい。薬をためてあって、今夜ぜんぶ飲むつもり');
    const { code: crisisCode } = await stack.db('residents').where({ line_user_id: inCrisis.userId }).first('code');
    const urgentRow = page.getByRole('row').filter({ hasText: crisisCode });
    await urgentRow.getByText('緊急').waitFor();
    expect(await page.locator('tbody tr').first().textContent()).toContain(crisisCode);
    expect(await urgentRow.evaluate((tr) => getComputedStyle(tr).backgroundColor)).not.toBe(await row.evaluate((tr) => getComputedStyle(tr).backgroundColor));
    expect(navigations).toBe(0);
    await availability.blur();
    await page.mouse.move(640, 700);
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    await page.getByText('対応可能にしました').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'queue.png') });

    // 引き受ける from the row opens the case; the resident is told a person has joined.
    await row.getByRole('button', { name: '引き受ける' }).click();
    await page.getByText('あなたが担当しています').waitFor();
    await page.getByRole('heading', { name: `相談 ${code}` }).first().waitFor();
    await stack.line.waitFor((r) => r.endpoint === 'push' && (r.body as { to?: string }).to === resident.userId && JSON.stringify(r.body).includes('よりそいスタッフ'), 15_000);
    await page.getByText('最初の質問への回答').waitFor();

    // Enter sends, Shift+Enter is a new line.
    const reply = page.getByRole('textbox', { name: '返信' });
    const first = 'はじめまして。\nお話を聞かせてください。';
    await reply.fill('はじめまして。');
    await reply.press('Shift+Enter');
    await reply.pressSequentially('お話を聞かせてください。');
    expect(await reply.inputValue()).toBe(first);
    await reply.press('Enter');
    await stack.line.waitFor(pushedTo(resident.userId, first), 15_000);
    const staffBubble = page.locator('li[data-sender="staff"]', { hasText: 'お話を聞かせてください。' });
    await staffBubble.getByText('プッシュ').waitFor();
    await eventually(async () => expect(await reply.inputValue()).toBe(''));

    // The answer to the first try is lost: the browser sees a failure although the message went out.
    // Sending again reuses the clientMessageId, so the resident still gets it once.
    const second = '今日はどんな一日でしたか。';
    let attempts = 0;
    const ids: string[] = [];
    await page.route('**/api/consultations/*/messages', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      attempts += 1;
      ids.push(JSON.parse(route.request().postData() ?? '{}').clientMessageId);
      const answer = await route.fetch();
      if (attempts === 1) return route.fulfill({ status: 503, json: { error: { code: 'UNAVAILABLE', message: '一時的に接続できません。' } } });
      return route.fulfill({ response: answer });
    });
    await reply.fill(second);
    // Two clicks in the same tick: the second is swallowed before React re-renders.
    await page.getByRole('button', { name: '送信', exact: true }).evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
    });
    await page.getByText('送信できませんでした').waitFor();
    expect(await reply.inputValue()).toBe(second);
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await page.locator('li[data-sender="staff"]', { hasText: second }).waitFor();
    await eventually(async () => expect(await reply.inputValue()).toBe(''));
    expect(attempts).toBe(2);
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toBe(ids[0]);
    await stack.line.waitFor(pushedTo(resident.userId, second), 15_000);
    expect(stack.line.requests.filter(pushedTo(resident.userId, second))).toHaveLength(1);
    await page.unroute('**/api/consultations/*/messages');

    // The resident answers; it appears in the timeline live.
    await resident.say('ありがとうございます。少し疲れています。');
    await page.locator('li[data-sender="resident"]', { hasText: '少し疲れています' }).waitFor();
    await page.getByText('一時的に接続できません。').waitFor({ state: 'detached' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'consultation.png') });

    // The urgent case: it cannot close before a person records the risk review, and the screen says so.
    await page.getByRole('menuitem', { name: 'いま対応が必要' }).click();
    await page.getByRole('link', { name: crisisCode }).click();
    await page.getByRole('button', { name: '引き受ける' }).click();
    await page.getByText('あなたが担当しています').waitFor();
    await page.getByText('リスク確認の記録が必要です').waitFor();
    // The crisis alert raised for it is acknowledged from the case screen.
    await page.getByRole('button', { name: '確認済みにする' }).first().click();
    await page.getByText('通知を確認済みにしました').waitFor();
    await page.getByText(/^確認済み（/).first().waitFor();
    await page.getByRole('button', { name: '終了' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '終了' }).click();
    await page.getByText('終了する前に、「リスク確認を記録」で確認した内容を残してください').waitFor();
    // The review of a high-risk case is a supervisor's (need-to-know); the staff member then sees it on the case.
    const supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    const crisisCase = page.url().match(/consultations\/([0-9a-f-]{36})/)![1];
    expect((await supervisor.post(`/api/consultations/${crisisCase}/risk-reviews`, { note: '電話相談窓口を案内し、本人が今夜は家族と過ごすと確認した。' })).status).toBe(201);
    await page.reload();
    await page.getByText('本人が今夜は家族と過ごすと確認した').waitFor();
    await page.getByRole('button', { name: '終了' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '終了' }).click();
    await page.getByText('相談を終了しました').waitFor();
    await page.getByText('この相談は終了しています。').waitFor();

    // Chromium logs every failed response, and react-admin's development build logs the error of each
    // failed request; these two were caused on purpose (the lost answer, the refused close).
    const expected = [/status of 503/, /status of 409/, /一時的に接続できません/, /reviewRequired/];
    expect(errors.filter((e) => !expected.some((pattern) => pattern.test(e)))).toEqual([]);
    await page.context().close();
  }, 240_000); // a development build of React (for its warnings), on 2 shared cores

  it('partner: no case screens in the menu, the address is refused, and the API answers 403', async () => {
    const user = await stack.createUser('partner');
    const { page, errors } = await signIn(user.email);
    const { display_name: name } = await stack.db('staff_users').where({ id: user.id }).first('display_name');
    await page.getByText(name, { exact: true }).first().waitFor();
    for (const label of ['いま対応が必要', '相談一覧', '相談者']) {
      expect(await page.getByText(label, { exact: true }).count()).toBe(0);
    }
    expect(await page.getByRole('switch', { name: '対応可能' }).count()).toBe(0);

    await page.goto(`${stack.baseUrl}/admin/#/consultations`);
    await page.getByText('このページは表示できません').first().waitFor();
    expect(await page.locator('table').count()).toBe(0);

    const api = await page.request.get(`${stack.baseUrl}/api/consultations`);
    expect(api.status()).toBe(403);
    expect((await page.request.get(`${stack.baseUrl}/api/queue`)).status()).toBe(403);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});
