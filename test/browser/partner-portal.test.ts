import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { CONSENT_POSTBACK } from '../../workflows/consent/consent-flow';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';

/** Committed, so reviewers can see the partner portal without running anything. */

const PARTNER = 'npo-ibasho';
const PARTNER_NAME = 'NPO法人 いばしょサンプル';
const REASON = '居場所につなぎたい';
const NAME = '鶸田カナリア';

/**
 * The partner portal (admin-ui's `referrals` resource) and the 紹介 panel of the staff case screen,
 * in Debian's Chromium against the real API, webhook, Temporal worker and Postgres.
 */
describe('partner portal in a real browser', () => {
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

  /** Signed in; `live` resolves when the live-update stream has opened. */
  async function signIn(email: string): Promise<{ page: Page; errors: string[]; live: Promise<unknown> }> {
    let live: Promise<unknown> = Promise.resolve();
    const signedIn = await signInToAdmin(browser, stack.baseUrl, email, {
      beforeSubmit: (page) => {
        live = page.waitForResponse((r) => r.url().endsWith('/api/events') && r.status() === 200);
        live.catch(() => undefined); // only awaited where the test needs it
      },
    });
    return { ...signedIn, live };
  }

  it('a referral the resident agreed to: the partner acknowledges and accepts it; the case screen shows it live and the resident is told', async () => {
    // A resident on LINE; a supervisor drafts a referral (on a case still with the AI, staff may not).
    const staffUser = await stack.createUser('supervisor');
    const staff = await new HttpClient(stack.baseUrl).login(staffUser.email, TEST_PASSWORD);
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    const { id: residentId } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    const { id: consultationId } = await stack.db('consultations').where({ resident_id: residentId }).orderBy('opened_at', 'desc').first('id');
    await eventually(async () => expect((await stack.db('consultations').where({ id: consultationId }).first()).status).toBe('listening'));

    // The staff case screen is open before the referral exists: everything after arrives live.
    const { page: staffPage, errors: staffErrors, live } = await signIn(staffUser.email);
    await staffPage.waitForURL(/#\/queue$/);
    await staffPage.goto(`${stack.baseUrl}/admin/#/consultations/${consultationId}/show`);
    const panel = staffPage.getByRole('region', { name: '紹介', exact: true });
    await panel.getByText('紹介はありません').waitFor();
    await panel.getByRole('button', { name: '紹介を作成' }).waitFor();
    await live;
    let navigations = 0;
    staffPage.on('framenavigated', (frame) => {
      if (frame === staffPage.mainFrame()) navigations += 1;
    });

    const drafted = await staff.post(`/api/consultations/${consultationId}/referrals`, { partnerId: PARTNER, reason: REASON, share: ['name', 'phone'] });
    expect([drafted.status, drafted.body.error?.details]).toEqual([201, undefined]);
    const referralId = drafted.body.data.id as string;
    const row = panel.locator(`li[data-referral-id="${referralId}"]`);
    await row.getByText('同意待ち').waitFor();
    expect(await row.textContent()).toContain(PARTNER_NAME);

    // The resident agrees and types the details, one at a time.
    const question = await resident.nextAnswer();
    expect(question.texts.join('\n')).toContain('同意のお願い');
    await resident.tap(CONSENT_POSTBACK.agree(referralId));
    expect((await resident.nextAnswer()).texts[0]).toContain('お名前');
    await resident.say(NAME);
    expect((await resident.nextAnswer()).texts[0]).toContain('電話番号');
    await resident.say('090-5555-0199');
    expect((await resident.nextAnswer()).texts[0]).toContain('お伝えします');
    await eventually(async () => expect((await stack.db('referrals').where({ id: referralId }).first()).status).toBe('sent'));
    await row.getByText('送付済み').waitFor();

    // The partner signs in and lands on their referrals.
    const { page, errors } = await signIn((await stack.createUser('partner', { partnerId: PARTNER })).email);
    await page.waitForURL(/#\/referrals$/);
    const listed = page.getByRole('row').filter({ hasText: REASON });
    await listed.getByText('未受付').waitFor();
    await listed.click();
    await page.waitForURL(new RegExp(`#/referrals/${referralId}/show$`));
    await page.getByText(NAME).waitFor();

    // 受領, then 受諾.
    await page.getByRole('button', { name: '受け付けました' }).click();
    await page.getByText('「受け付けました」を記録しました').waitFor();
    await page.getByText('受付済み', { exact: true }).waitFor();
    await row.getByText('受領').waitFor();
    await page.getByRole('button', { name: '引き受ける' }).click();
    await page.getByText('「引き受ける」を記録しました').waitFor();
    await page.getByText('引き受け', { exact: true }).waitFor();
    await page.getByRole('button', { name: '本人に連絡しました' }).waitFor();

    // The API and the case screen agree, without a reload; the resident is told plainly.
    const onCase = (await staff.get(`/api/consultations/${consultationId}/referrals`)).body.data;
    expect(onCase[0]).toMatchObject({ id: referralId, status: 'accepted', partnerId: PARTNER });
    await row.getByText('受諾').waitFor();
    expect(await row.getAttribute('data-status')).toBe('accepted');
    expect(navigations).toBe(0);
    await stack.line.waitFor(
      (r) => r.endpoint === 'push' && r.ok && (r.body as { to?: string }).to === resident.userId && JSON.stringify(r.body).includes(`${PARTNER_NAME}が、あなたのご相談を引き受けました`),
      15_000,
    );

    await page.getByText('「引き受ける」を記録しました').waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'partner-portal.png') });
    expect(errors).toEqual([]);
    expect(staffErrors).toEqual([]);
    await page.context().close();
    await staffPage.context().close();
  }, 240_000); // a development build of React (for its warnings), on 2 shared cores
});
