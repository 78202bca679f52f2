import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { assertChromium, CHROMIUM, CHROMIUM_ARGS, collectErrors } from '../helpers/browser';
import { createApp } from '../../api/app';
import { loadEnv } from '../../platform/config/env';
import { createLogger } from '../../platform/logger';
import { renderRichMenuImage } from '../../scripts/line-richmenu/image';
import { languageMenu } from '../../scripts/line-richmenu/menu';
import { createRichMenuClients, publishRichMenus } from '../../scripts/line-richmenu/publish';
import { startTestStack, TestStack } from '../helpers/test-stack';
import { DEFAULT_LISTENING_REPLY } from '../stand-ins/openai-api';

/** Committed, so reviewers can see the simulator without running anything. */
const SCREENSHOT = path.resolve(__dirname, '../../test-artifacts/screenshots/simulator.png');

const firstLine = (text: string) => text.trim().split('\n')[0];

/**
 * The resident simulator in Debian's Chromium, against the real API, webhook, Temporal worker and
 * Postgres, with LINE and OpenAI answered by their stand-ins.
 */
describe('resident simulator in a real browser', () => {
  let stack: TestStack;
  let context: BrowserContext;
  let userDataDir: string;

  beforeAll(async () => {
    assertChromium();
    stack = await startTestStack({
      worker: true,
      profile: (p) => {
        p.ai.debounceSeconds = 0;
      },
    });
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1040, height: 900 },
      locale: 'ja-JP',
      timezoneId: 'Asia/Tokyo',
    });
  });

  afterAll(async () => {
    await context?.close();
    await stack?.stop();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  async function openSimulator(): Promise<{ page: Page; errors: string[] }> {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors = collectErrors(page);
    await page.goto(`${stack.baseUrl}/simulator/`);
    return { page, errors };
  }

  it('holds a whole conversation: follow, terms, intake by quick replies, then a typed message and the AI answer', async () => {
    const { texts, terms, intake } = stack.profile;
    const { page, errors } = await openSimulator();
    const botSays = (text: string) => page.locator('#chat-log .msg.bot .bubble', { hasText: firstLine(text) }).last().waitFor();
    const quickReply = (label: string) => page.locator('#quick-replies').getByRole('button', { name: label, exact: true });

    await page.locator('.chat-header', { hasText: stack.profile.municipality.serviceName }).waitFor();
    await page.getByRole('button', { name: '新しい住民を作る' }).click();
    const userId = ((await page.locator('#resident-id').textContent()) ?? '').match(/U[0-9a-f]{32}/)?.[0] ?? '';
    expect(userId).toMatch(/^U[0-9a-f]{32}$/);

    await page.getByRole('button', { name: '友だち追加', exact: true }).click();
    await botSays(texts.greeting);
    await botSays(terms.text);
    await botSays(texts.termsPrompt);

    await quickReply(texts.termsAgree).click();
    await page.locator('#chat-log .msg.me .bubble', { hasText: texts.termsAgree }).waitFor();
    await botSays(texts.intakeIntro);
    for (const question of intake.questions) {
      await botSays(question.text);
      await quickReply(question.options[0].label).click();
    }
    await botSays(texts.invitation);
    expect(await page.locator('#quick-replies').isHidden()).toBe(true);

    const message = page.getByRole('textbox', { name: 'メッセージ' });
    await message.fill('最近ひとりでいると');
    await message.press('Shift+Enter');
    await message.pressSequentially('さみしくなるんです');
    expect(await message.inputValue()).toBe('最近ひとりでいると\nさみしくなるんです');
    await message.press('Enter');
    expect(await message.inputValue()).toBe('');
    await page.locator('#chat-log .msg.me .bubble', { hasText: 'さみしくなるんです' }).waitFor();
    await botSays(DEFAULT_LISTENING_REPLY);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    // What the browser did went through the real webhook: signed events with ULID ids, answered by reply.
    const resident = await stack.db('residents').where({ line_user_id: userId }).first();
    expect(resident).toMatchObject({ terms_version: terms.version });
    const inbox = await stack.db('webhook_inbox').whereRaw(`event->'source'->>'userId' = ?`, [userId]);
    expect(inbox.length).toBe(2 + intake.questions.length + 1);
    expect(inbox.every((row) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(row.webhook_event_id))).toBe(true);
    const lastIn = await stack.db('messages').where({ resident_id: resident.id, direction: 'in' }).orderBy('created_at', 'desc').first();
    expect(lastIn).toMatchObject({ kind: 'text' });
    expect(stack.line.textsFor(userId)).toContain(DEFAULT_LISTENING_REPLY);

    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('keeps pretend residents in the browser and switches between them', async () => {
    const { page, errors } = await openSimulator();
    const select = page.getByLabel('住民を選ぶ');
    const before = await select.locator('option').count();
    await page.getByRole('button', { name: '新しい住民を作る' }).click();
    await page.getByRole('button', { name: '友だち追加', exact: true }).click();
    await page.locator('#chat-log .msg.bot .bubble', { hasText: firstLine(stack.profile.texts.greeting) }).first().waitFor();
    await page.getByRole('button', { name: 'スタンプ' }).click();
    await page.locator('#chat-log .msg.bot .bubble', { hasText: firstLine(stack.profile.texts.nonTextReply) }).first().waitFor();
    expect(await select.locator('option').count()).toBe(before + 1);

    // The first resident's conversation is still there after a reload and a switch back.
    await page.reload();
    await select.selectOption({ index: 0 });
    await page.locator('#chat-log .msg.bot .bubble', { hasText: DEFAULT_LISTENING_REPLY }).waitFor();
    await page.getByRole('button', { name: 'ブロック' }).click();
    await page.locator('#chat-log .system', { hasText: 'ブロックしました' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'メッセージ' }).isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows the rich menu LINE shows the resident: their language’s once they choose it, the default again for Japanese', async () => {
    const clients = createRichMenuClients({ channelAccessToken: 'test-line-token', apiBaseUrl: stack.line.baseUrl });
    const built = await Promise.all(['ja', 'vi'].map(async (language) => ({ menu: languageMenu(stack.profile, language), image: await renderRichMenuImage(languageMenu(stack.profile, language)) })));
    await publishRichMenus(clients, built);
    const { texts, intake, languages } = stack.profile;
    const { page, errors } = await openSimulator();
    const menuButton = (label: string) => page.locator('#rich-menu').getByRole('button', { name: label, exact: true });
    const quickReply = (label: string) => page.locator('#quick-replies').getByRole('button', { name: label, exact: true });

    await page.getByRole('button', { name: '新しい住民を作る' }).click();
    await page.getByRole('button', { name: '友だち追加', exact: true }).click();
    await quickReply(texts.termsAgree).click();
    for (const question of intake.questions) await quickReply(question.options[0].label).click();
    await page.locator('#chat-log .msg.bot .bubble', { hasText: firstLine(texts.invitation) }).waitFor();

    await menuButton(texts.menuLanguage).click();
    await quickReply(languages.vi.name).click();
    await menuButton(languages.vi.texts.menuStaff).waitFor();
    expect(await page.locator('#rich-menu button').allTextContents()).toEqual(languageMenu(stack.profile, 'vi').buttons.map((b) => b.label));

    await menuButton(languages.vi.texts.menuLanguage).click();
    await quickReply('日本語').click();
    await menuButton(texts.menuStaff).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('validates the simulator API with Japanese messages', async () => {
    const res = await fetch(`${stack.baseUrl}/simulator/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'resident-1', event: { type: 'text', text: 'こんにちは' } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('ユーザー ID') });
    const empty = await fetch(`${stack.baseUrl}/simulator/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'U' + '0'.repeat(32), event: { type: 'text', text: '  ' } }),
    });
    expect((await empty.json()).error.message).toBe('メッセージを入力してください。');
    const messages = await fetch(`${stack.baseUrl}/simulator/api/messages?userId=U${'0'.repeat(32)}&after=x`);
    expect(messages.status).toBe(400);
  });

  it('is neither served nor routed in production, even with a stand-in configured', async () => {
    const env = loadEnv({
      ...stack.env,
      NODE_ENV: 'production',
      LINE_API_BASE_URL: stack.line.baseUrl,
      DATABASE_URL: 'postgres://unused@127.0.0.1/unused',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      PII_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    } as unknown as NodeJS.ProcessEnv);
    const { app, routes } = createApp({ db: stack.db, temporal: stack.temporal, env, profile: stack.profile, logger: createLogger('silent'), keyring: stack.keyring });
    expect(routes.filter((r) => r.path.startsWith('/simulator'))).toEqual([]);
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/simulator/`)).status).toBe(404);
      expect((await fetch(`${base}/simulator/simulator.js`)).status).toBe(404);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
