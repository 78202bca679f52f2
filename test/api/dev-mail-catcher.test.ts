import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createAlertActivities } from '../../activities/alert-activities';
import { loadEnv } from '../../platform/config/env';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mail';
import { mailCatcherDir } from '../../platform/mail-catcher';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { HttpClient } from '../helpers/http-client';
import { seedCase } from '../helpers/seed-case';
import { startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

/**
 * The development mail catcher: with DEV_MAIL_CATCHER=on (what `npm start` sets without SMTP_URL) the
 * worker's mails are kept, not sent, and admins read them in 「送信メール（開発用）」.
 */
describe('development mail catcher', () => {
  let stack: TestStack;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-mail-'));
    stack = await startTestStack({ env: { DEV_MAIL_CATCHER: 'on', DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps an on-call mail once (a retried send replaces it) and shows it to admins only', async () => {
    const mailer = createMailer(undefined, 'yorisoi@city.example', mailCatcherDir(stack.env));
    const alerts = createAlertActivities({ db: stack.db, profile: stack.profile, mailer, publicBaseUrl: 'https://yorisoi.city.example', logger: createLogger('silent') });
    const c = await seedCase(stack.db, { status: 'listening', highest: 'medium' });
    const alertId = crypto.randomUUID();
    await alerts.raiseAlert({ alertId, consultationId: c.id, kind: 'crisis', level: 'medium', channel: 'on-call' });
    await alerts.notifyOnCall({ alertId });
    // A retry after a crash sends the same mail again: the catcher keeps one, as a mail client shows one.
    await stack.db('alerts').where({ id: alertId }).update({ notified_at: null });
    await alerts.notifyOnCall({ alertId });
    expect((await stack.db('alerts').where({ id: alertId }).first()).delivery_error).toBeNull();

    const admin = await new HttpClient(stack.baseUrl).login((await stack.createUser('admin')).email, TEST_PASSWORD);
    const res = await admin.get('/api/dev-mails');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      expect.objectContaining({ to: [stack.profile.escalation.onCall.email], from: 'yorisoi@city.example', subject: expect.stringContaining('【よりそい】'), text: expect.stringContaining(c.residentCode) }),
    ]);
    const supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    expect((await supervisor.get('/api/dev-mails')).status).toBe(403);
  });

  it('shows the page in the admin menu while the catcher is on', async () => {
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const { page, errors } = await signInToAdmin(browser, stack.baseUrl, (await stack.createUser('admin')).email);
      await page.getByRole('menuitem', { name: '送信メール（開発用）' }).click();
      await page.getByRole('heading', { name: /【よりそい】/ }).first().waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'dev-mails.png') });
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
    }
  }, 60_000);

  it('is off by default and refused in production', async () => {
    const off = await startTestStack({});
    try {
      const admin = await new HttpClient(off.baseUrl).login((await off.createUser('admin')).email, TEST_PASSWORD);
      expect((await admin.get('/api/dev-mails')).body).toEqual({ enabled: false, data: [] });
    } finally {
      await off.stop();
    }
    expect(() => loadEnv({ NODE_ENV: 'production', DEV_MAIL_CATCHER: 'on', LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't', DATABASE_URL: 'postgres://x', TEMPORAL_ADDRESS: 'x:7233', PII_ENCRYPTION_KEY: 'A'.repeat(43) + '=' })).toThrow(/DEV_MAIL_CATCHER: must be off/);
  });
});
