import path from 'node:path';
import { INTERNAL_ERROR_MESSAGE } from '../../api/http/errors';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startRestartablePostgres, RestartablePostgres } from '../helpers/restartable-postgres';
import { startTestStack, TestStack, staffedAroundTheClock } from '../helpers/test-stack';

type Recorded = { notifications: { title: string; body?: string; tag?: string }[]; permissionRequests: number; tones: number };

/**
 * Stands in for the desktop notification API (headless Chromium shows none) and counts the tones
 * the page starts through WebAudio. Permission starts as 'default': only a click may ask for it.
 */
function recordSignals() {
  const recorded = { notifications: [], permissionRequests: 0, tones: 0 } as Recorded;
  (window as unknown as { __signals: Recorded }).__signals = recorded;
  class RecordedNotification {
    static permission: NotificationPermission = 'default';
    static async requestPermission(): Promise<NotificationPermission> {
      recorded.permissionRequests += 1;
      RecordedNotification.permission = 'granted';
      return 'granted';
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      recorded.notifications.push({ title, body: options?.body, tag: options?.tag });
    }
    close() {}
  }
  (window as unknown as { Notification: unknown }).Notification = RecordedNotification;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function countedStart(this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
    recorded.tones += 1;
    return start.apply(this, args);
  };
}

const signals = (page: Page) => page.evaluate(() => (window as unknown as { __signals: Recorded }).__signals);

/**
 * Crisis alerts staff cannot miss, and live updates through a PostgreSQL restart, in Debian's
 * Chromium against the real API, worker, Temporal and a PostgreSQL of this file's own.
 */
describe('crisis alerts in the dashboard, and live updates after a PostgreSQL restart', () => {
  let postgres: RestartablePostgres;
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    postgres = await startRestartablePostgres();
    stack = await startTestStack(staffedAroundTheClock({ database: postgres }));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('a crisis message pins an alert on every screen, sounds and notifies; the queue updates again after PostgreSQL restarts', async () => {
    const user = await stack.createUser('staff');
    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, user.email, { initScript: recordSignals });
    const live = page.waitForResponse((r) => r.url().endsWith('/api/events') && r.status() === 200);
    await page.getByText('いま対応が必要な相談はありません').waitFor();
    await live;

    // Nothing asks for notification permission by itself; the staff member does, with one click.
    const signalSwitch = page.getByRole('switch', { name: 'アラート音・通知' });
    expect(await signalSwitch.isChecked()).toBe(true);
    expect((await signals(page)).permissionRequests).toBe(0);
    await page.getByRole('button', { name: 'デスクトップ通知を許可' }).click();
    await page.getByRole('button', { name: 'デスクトップ通知を許可' }).waitFor({ state: 'detached' });
    expect((await signals(page)).permissionRequests).toBe(1);

    // A resident writes in crisis: the alert is pinned, a tone plays, a desktop notification shows.
    const inCrisis = await new PretendResident(stack).onboard(stack.profile.intake.questions, 0);
    await inCrisis.say('もう死にたい。薬をためてあって、今夜ぜんぶ飲むつもり');
    const { code } = await stack.db('residents').where({ line_user_id: inCrisis.userId }).first('code');
    const pinned = page.getByRole('region', { name: '確認されていない危機アラートがあります' });
    await pinned.getByText(`相談者 ${code}`).waitFor();
    const { id: alertId } = await stack.db('alerts').where({ kind: 'crisis' }).first('id');
    const afterFirst = await eventually(async () => {
      const s = await signals(page);
      expect(s.notifications).toEqual([{ title: expect.stringMatching(/^危機アラート：/), body: `相談者 ${code} の対応が必要です`, tag: alertId }]);
      expect(s.tones).toBeGreaterThan(0);
      return s;
    });
    // Only the code: the resident's words never appear in a notification.
    expect(JSON.stringify(afterFirst.notifications)).not.toContain('死にたい');

    // It stays pinned on other screens until someone acknowledges it.
    await page.getByRole('menuitem', { name: '相談一覧' }).click();
    await page.waitForURL(/#\/consultations/);
    await page.getByRole('row').filter({ hasText: code }).waitFor();
    await pinned.getByText(`相談者 ${code}`).waitFor();
    await page.mouse.move(640, 700);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'pinned-alert.png') });
    await pinned.getByRole('button', { name: '確認済みにする' }).click();
    await page.getByText('通知を確認済みにしました').waitFor();
    await pinned.waitFor({ state: 'detached' });
    expect((await stack.db('alerts').where({ id: alertId }).first('acknowledged_at')).acknowledged_at).not.toBeNull();
    await page.getByRole('menuitem', { name: 'いま対応が必要' }).click();
    await page.getByRole('row').filter({ hasText: code }).waitFor();

    // PostgreSQL restarts under the running API and worker; the page stays open throughout.
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    const anyone = new HttpClient(stack.baseUrl);
    await postgres.stop();
    await eventually(async () => expect((await anyone.get('/readyz')).body.checks.liveEvents).toMatch(/^unavailable/));
    await postgres.start();
    await eventually(async () => expect((await anyone.get('/readyz')).status).toBe(200), 60_000, 200);

    // The queue and the pinned alerts update live again, without reloading.
    const next = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    await next.say('消えてしまいたい。今から飛び降りようと思う');
    const { code: nextCode } = await stack.db('residents').where({ line_user_id: next.userId }).first('code');
    await page.getByRole('row').filter({ hasText: nextCode }).waitFor({ timeout: 60_000 });
    await pinned.getByText(`相談者 ${nextCode}`).waitFor();
    await eventually(async () => expect((await signals(page)).notifications.map((n) => n.body)).toEqual([`相談者 ${code} の対応が必要です`, `相談者 ${nextCode} の対応が必要です`]));
    expect(navigations).toBe(0);

    // A refetch while the database was down (the page's safety-net) may fail: Chromium logs the 5xx
    // response and react-admin's development build logs the server's generic message. Nothing else.
    const outageFailure = (e: string) => /status of 5\d\d/.test(e) || e.includes(INTERNAL_ERROR_MESSAGE);
    expect(errors.filter((e) => !outageFailure(e))).toEqual([]);
    await page.context().close();
  }, 240_000);
});
