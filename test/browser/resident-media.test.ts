import path from 'node:path';
import type { Browser } from 'playwright-core';
import { collectErrors, launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { staffedAroundTheClock, startTestStack, TestStack } from '../helpers/test-stack';

const firstLine = (text: string) => text.trim().split('\n')[0];

/**
 * A resident sends a picture from the simulator (its built-in PNG, held by the LINE stand-in); the
 * worker fetches it from the content API and the assigned staff member sees it in the case timeline.
 */
describe('an image a resident sent, in the case timeline', () => {
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

  it('is sent from the simulator and shown to the staff member on the case', async () => {
    const { texts, intake } = stack.profile;
    const sim = await (await browser.newContext({ viewport: { width: 1040, height: 860 }, locale: 'ja-JP' })).newPage();
    sim.setDefaultTimeout(20_000);
    const simErrors = collectErrors(sim);
    await sim.goto(`${stack.baseUrl}/simulator/`);
    const botSays = (text: string) => sim.locator('#chat-log .msg.bot .bubble', { hasText: firstLine(text) }).last().waitFor();
    await sim.getByRole('button', { name: '新しい住民を作る' }).click();
    const userId = ((await sim.locator('#resident-id').textContent()) ?? '').match(/U[0-9a-f]{32}/)?.[0] ?? '';
    await sim.getByRole('button', { name: '友だち追加', exact: true }).click();
    await sim.locator('#quick-replies').getByRole('button', { name: texts.termsAgree, exact: true }).click();
    for (const question of intake.questions) {
      await botSays(question.text);
      await sim.locator('#quick-replies').getByRole('button', { name: question.options[0].label, exact: true }).click();
    }
    await botSays(texts.invitation);
    await sim.getByRole('button', { name: '画像' }).click();
    await botSays(texts.nonTextReply);
    expect(simErrors).toEqual([]);

    const c = await stack.db('consultations as c').join('residents as r', 'r.id', 'c.resident_id').where('r.line_user_id', userId).first('c.id');
    await eventually(async () => expect(await stack.db('message_media').where({ consultation_id: c.id, status: 'stored' })).toHaveLength(1));
    const staff = await stack.createUser('staff');
    await stack.db('consultations').where({ id: c.id }).update({ assigned_staff_id: staff.id });

    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, staff.email);
    await page.getByRole('menuitem', { name: 'いま対応が必要' }).waitFor();
    await page.goto(`${stack.baseUrl}/admin/#/consultations/${c.id}/show`);
    const image = page.getByRole('img', { name: '相談者が送った画像' });
    await image.waitFor();
    // Loaded through the API (need-to-know, audited), not a broken placeholder.
    await eventually(async () => expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'resident-image.png') });
    expect(await stack.db('audit_log').where({ actor_id: staff.id, action: 'consultation.read-media' })).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 120_000);
});
