import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { CONSENT_POSTBACK } from '../../workflows/consent/consent-flow';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';

const NEW_PARTNER = { id: 'kodomo-shokudo', name: 'こども食堂ネットワーク', email: 'info@shokudo.example' };
const DECLINING = 'npo-ibasho';

/**
 * The partner directory edited in the admin app (連携団体), and a declined referral re-routed from
 * the staff case screen to the organisation just added, in Debian's Chromium against the real API,
 * worker and Postgres.
 */
describe('partner directory in a real browser', () => {
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

  /** The input of an array item's field (react-admin names them `services.0.name`). */
  const itemInput = (page: Page, source: string) => page.locator(`input[name="${source}"], textarea[name="${source}"]`).first();

  it('a supervisor adds an organisation with a service and a location, edits a profile partner, and re-routes a declined referral to the new one', async () => {
    const supervisor = await stack.createUser('supervisor');
    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, supervisor.email, { context: { viewport: { width: 1280, height: 900 } } });
    await page.waitForURL(/#\/queue$/);

    // 連携団体 lists the profile's partners with their services.
    await page.getByRole('menuitem', { name: '連携団体' }).click();
    await page.waitForURL(/#\/partners$/);
    for (const p of stack.profile.partners) await page.getByRole('row').filter({ hasText: p.name }).waitFor();
    await page.getByRole('row').filter({ hasText: 'NPO法人 いばしょサンプル' }).getByText('居場所づくり').waitFor();

    // A new organisation, with one service and one location.
    await page.getByRole('link', { name: '作成' }).click();
    await page.getByLabel('団体ID').fill(NEW_PARTNER.id);
    await page.getByLabel('団体名').fill(NEW_PARTNER.name);
    await page.getByLabel('メールアドレス（紹介の通知先）').fill(NEW_PARTNER.email);
    await page.locator('.ra-input-services').getByRole('button', { name: '追加' }).click();
    await itemInput(page, 'services.0.name').fill('食事の提供');
    // Topics are chips: typed, then Enter.
    const topics = page.locator('.ra-input-services').getByLabel('対応する話題');
    await topics.fill('money');
    await topics.press('Enter');
    await page.locator('.ra-input-locations').getByRole('button', { name: '追加' }).click();
    await itemInput(page, 'locations.0.name').fill('北地区');
    await itemInput(page, 'locations.0.area').fill('サンプル市北部');
    await itemInput(page, 'locations.0.hours').fill('土曜11時〜14時');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/partners$/);
    await page.getByRole('row').filter({ hasText: NEW_PARTNER.name }).getByText('食事の提供').waitFor();
    expect(await stack.db('organizations').where({ id: NEW_PARTNER.id }).first()).toMatchObject({ name: NEW_PARTNER.name, email: NEW_PARTNER.email, source: 'admin', active: true });
    expect(await stack.db('services').where({ organization_id: NEW_PARTNER.id }).select('name', 'topics')).toEqual([{ name: '食事の提供', topics: ['money'] }]);
    expect(await stack.db('locations').where({ organization_id: NEW_PARTNER.id }).select('name', 'area', 'hours')).toEqual([{ name: '北地区', area: 'サンプル市北部', hours: '土曜11時〜14時' }]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'partners.png') });

    // A partner from the profile: its location's hours change; the row becomes the admin's.
    await page.getByRole('row').filter({ hasText: 'サンプル市 自立相談支援センター' }).click();
    await page.waitForURL(/#\/partners\/jiritsu-shien$/);
    const hours = itemInput(page, 'locations.0.hours');
    await expect(hours.inputValue()).resolves.toBe('平日9時〜17時');
    await hours.fill('平日8時30分〜17時15分');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'partner-edit.png') });
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/partners$/);
    await page.getByRole('row').filter({ hasText: 'サンプル市 自立相談支援センター' }).getByText('平日8時30分〜17時15分', { exact: false }).waitFor();
    expect(await stack.db('organizations').where({ id: 'jiritsu-shien' }).first('source')).toEqual({ source: 'admin' });
    expect(await stack.db('locations').where({ organization_id: 'jiritsu-shien' }).pluck('hours')).toEqual(['平日8時30分〜17時15分']);
    // The services were not touched, so they keep their rows.
    expect((await stack.db('services').where({ organization_id: 'jiritsu-shien' }).pluck('name')).sort()).toEqual([...stack.profile.partners.find((p) => p.id === 'jiritsu-shien')!.services].sort());

    // A referral the partner declined: the case screen offers to send it elsewhere, and the new organisation is among the choices.
    const staff = await new HttpClient(stack.baseUrl).login(supervisor.email, TEST_PASSWORD);
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    const { id: residentId } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    const { id: consultationId } = await stack.db('consultations').where({ resident_id: residentId }).orderBy('opened_at', 'desc').first('id');
    await eventually(async () => expect((await stack.db('consultations').where({ id: consultationId }).first()).status).toBe('listening'));
    const drafted = await staff.post(`/api/consultations/${consultationId}/referrals`, { partnerId: DECLINING, reason: '居場所につなぎたい', share: ['name'] });
    expect(drafted.status).toBe(201);
    const referralId = drafted.body.data.id as string;
    expect((await resident.nextAnswer()).texts.join('\n')).toContain('同意のお願い');
    await resident.tap(CONSENT_POSTBACK.agree(referralId));
    expect((await resident.nextAnswer()).texts[0]).toContain('お名前');
    await resident.say('鶸田カナリア');
    await resident.nextAnswer();
    await eventually(async () => expect((await stack.db('referrals').where({ id: referralId }).first()).status).toBe('sent'));
    const partner = await new HttpClient(stack.baseUrl).login((await stack.createUser('partner', { partnerId: DECLINING })).email, TEST_PASSWORD);
    expect((await partner.post(`/api/partner/referrals/${referralId}/decline`, { reason: '対象地域外のため' })).body.data.status).toBe('declined');

    await page.goto(`${stack.baseUrl}/admin/#/consultations/${consultationId}/show`);
    const panel = page.getByRole('region', { name: '紹介', exact: true });
    const declined = panel.locator(`li[data-referral-id="${referralId}"]`);
    await declined.getByText('辞退', { exact: true }).waitFor();
    await declined.getByRole('button', { name: '別の団体に紹介しなおす' }).click();
    const dialog = page.getByRole('dialog', { name: '別の団体に紹介しなおす' });
    await dialog.getByRole('combobox').click();
    // The partner that declined is not offered again.
    expect(await page.getByRole('option', { name: 'NPO法人 いばしょサンプル' }).count()).toBe(0);
    await page.getByRole('option', { name: NEW_PARTNER.name }).click();
    await dialog.getByRole('button', { name: '同意をお願いする' }).click();
    await page.getByText('別の団体への紹介を作成し、相談者に同意をお願いしました').waitFor();
    await declined.getByText('紹介しなおし済み').waitFor();
    expect(await declined.getByRole('button', { name: '別の団体に紹介しなおす' }).count()).toBe(0);
    const fresh = await stack.db('referrals').where({ rerouted_from: referralId }).first();
    expect(fresh).toMatchObject({ organization_id: NEW_PARTNER.id, status: 'awaiting_consent', share: ['name'] });
    expect(stack.sealer.open('referrals', 'reason', fresh)).toBe('居場所につなぎたい');
    await panel.locator(`li[data-referral-id="${fresh.id}"]`).getByText('同意待ち').waitFor();
    // The resident is asked again, naming the new recipient.
    expect((await resident.nextAnswer()).texts.join('\n')).toContain(NEW_PARTNER.name);

    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
