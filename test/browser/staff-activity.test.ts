import crypto from 'node:crypto';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { seedCase } from '../helpers/seed-case';
import { openAroundTheClock, startTestStack, TestStack } from '../helpers/test-stack';

/** 対応実績（スタッフ別）in Debian's Chromium: a supervisor picks a period and reads each staff member's figures, small ones hidden. */
describe('per-staff activity screen', () => {
  let stack: TestStack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startTestStack({ profile: openAroundTheClock });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  // Wednesday 18 November 2026, 10:00 in Tokyo.
  const DAY = Date.parse('2026-11-18T01:00:00Z');
  const MIN = 60_000;
  const handledCase = async (staffId: string, minutes: number, i: number) => {
    const c = await seedCase(stack.db, { status: 'closed', messages: [] });
    const requested = new Date(DAY + i * 60 * MIN);
    await stack.db('consultations').where({ id: c.id }).update({ opened_at: requested, waiting_since: requested, closed_at: new Date(requested.getTime() + 120 * MIN) });
    await stack.db('messages').insert({ consultation_id: c.id, resident_id: c.residentId, direction: 'out', sender: 'staff', staff_id: staffId, created_at: new Date(requested.getTime() + minutes * MIN) });
    return c;
  };

  it('shows cases, first-reply time and alerts per staff member for the chosen period, with small figures hidden', async () => {
    const busy = await stack.createUser('staff');
    const quiet = await stack.createUser('staff');
    const names = Object.fromEntries(await Promise.all([busy, quiet].map(async (u) => [u.id, (await stack.db('staff_users').where({ id: u.id }).first()).display_name as string])));
    const cases = [];
    for (const [i, minutes] of [4, 8, 10, 12, 30].entries()) cases.push(await handledCase(busy.id, minutes, i));
    await handledCase(quiet.id, 3, 6);
    for (let i = 0; i < 6; i += 1) {
      await stack.db('alerts').insert({ id: crypto.randomUUID(), consultation_id: cases[0].id, kind: 'crisis', level: 'high', channel: 'dashboard', created_at: new Date(DAY), acknowledged_at: new Date(DAY + MIN), acknowledged_by: busy.id });
    }

    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, (await stack.createUser('supervisor')).email);
    await page.getByRole('menuitem', { name: '対応実績（スタッフ別）' }).click();
    await page.getByLabel('開始日').fill('2026-11-18');
    await page.getByLabel('終了日').fill('2026-11-18');
    const table = page.getByRole('table', { name: '対応実績（スタッフ別）' });
    const row = (id: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: names[id], exact: true }) });
    await row(busy.id).getByRole('cell', { name: '10.0分' }).waitFor();
    expect(await row(busy.id).getByRole('cell').allTextContents()).toEqual(['5', '10.0分', '6']);
    expect(await row(quiet.id).getByRole('cell').allTextContents()).toEqual(['<5', '－', '0']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'staff-activity.png') });

    // Another day: nothing handled.
    await page.getByLabel('開始日').fill('2026-11-19');
    await page.getByLabel('終了日').fill('2026-11-19');
    await row(busy.id).getByRole('cell', { name: '－' }).waitFor();
    expect(await row(busy.id).getByRole('cell').allTextContents()).toEqual(['0', '－', '0']);
    expect(errors).toEqual([]);
  }, 90_000);
});
