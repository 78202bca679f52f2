import type { Browser } from 'playwright-core';
import { totpCode } from '../../api/auth/totp';
import { launchChromium, signInToAdmin } from '../helpers/browser';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

/** Sign-in with a second factor through the admin app's screens, in Debian's Chromium. */
describe('admin app sign-in with a second factor', () => {
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a supervisor without an authenticator enrols, sees the recovery codes once, then works', async () => {
    const supervisor = await stack.createUser('supervisor', { secondFactor: false });
    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, supervisor.email);
    await page.getByText('2段階認証の設定').waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await page.getByLabel('確認コード').fill(totpCode(secret, Date.now()));
    await page.getByRole('button', { name: '確認' }).click();
    await page.getByText('リカバリーコード', { exact: true }).waitFor();
    const codes = (await page.locator('pre').textContent())!.split('\n');
    expect(codes).toHaveLength(10);
    await page.getByRole('button', { name: '控えたので続ける' }).click();
    await page.getByRole('menuitem', { name: '相談一覧' }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an admin types the code after the password; a wrong code is refused in Japanese', async () => {
    const admin = await stack.createUser('admin');
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/admin/`);
    await page.getByLabel('メールアドレス').fill(admin.email);
    await page.getByLabel('パスワード').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByLabel('確認コード').fill('000000');
    await page.getByRole('button', { name: '確認' }).click();
    await page.getByText('確認コード）が正しくありません').waitFor();
    await context.close();

    const { page: signedIn, errors } = await signInToAdmin(browser, stack.baseUrl, admin.email);
    await signedIn.getByRole('menuitem', { name: 'スタッフ', exact: true }).waitFor();
    expect(errors).toEqual([]);
    await signedIn.context().close();
  });
});
