import fs from 'node:fs';
import path from 'node:path';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { hasSecondFactor, nextSecondFactorCode } from './http-client';
import { TEST_PASSWORD } from './test-stack';

/** Debian's Chromium (installed by .ci/run); the flags keep it off this machine's closed network. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');

/** Fails (as one sentence, without a stack trace) when Chromium is missing, before any browser test starts. */
export function assertChromium(): void {
  if (fs.existsSync(CHROMIUM)) return;
  const missing = new Error(`No Chromium at ${CHROMIUM}: install Debian's (apt-get install chromium) or set CHROMIUM_PATH.`);
  missing.stack = missing.message;
  throw missing;
}

export async function launchChromium(): Promise<Browser> {
  assertChromium();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Console warnings and errors (React's development warnings among them: the tests load a
 * development build) and uncaught page errors, on every screen the page visits. Every browser
 * test asserts the list is empty.
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (['error', 'warning', 'assert'].includes(message.type())) errors.push(`console ${message.type()}: ${message.text()} (${page.url()})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message} (${page.url()})`));
  return errors;
}

/**
 * A fresh browser profile signed in through the admin app's Japanese login page. `beforeSubmit`
 * runs just before the login click (e.g. to start waiting for the live-update stream); `initScript`
 * runs in every page before the app (e.g. to stand in for browser APIs).
 */
export async function signInToAdmin(
  browser: Browser,
  baseUrl: string,
  email: string,
  options: { context?: BrowserContextOptions; beforeSubmit?: (page: Page) => void; initScript?: Parameters<BrowserContext['addInitScript']>[0] } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', ...options.context });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = collectErrors(page);
  await page.goto(`${baseUrl}/admin/`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(TEST_PASSWORD);
  if (hasSecondFactor(email)) {
    // Admins and supervisors then type the authenticator's code.
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByLabel('確認コード').fill(nextSecondFactorCode(email));
    options.beforeSubmit?.(page);
    await page.getByRole('button', { name: '確認' }).click();
    return { page, errors };
  }
  options.beforeSubmit?.(page);
  await page.getByRole('button', { name: 'ログイン' }).click();
  return { page, errors };
}
