import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, staffedAroundTheClock } from '../helpers/test-stack';
import { PHRASEBOOK } from '../stand-ins/openai-api';

const WORDS = 'Dạo này tôi thấy rất cô đơn';
const STAFF_REPLY = '話してくれてありがとうございます。よかったら、明日また話しましょう。';

/** Staff read a Vietnamese resident in Japanese machine translation and answer in Japanese, sent translated. */
describe('machine translation on the case screen', () => {
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

  it('shows 機械翻訳 under the resident’s words and sends a reply translated, the original kept beside it', async () => {
    const resident = new PretendResident(stack);
    stack.line.setProfile(resident.userId, { language: 'vi' });
    await resident.onboard(stack.profile.intake.questions);
    await resident.say(WORDS);
    await resident.nextAnswer();
    await resident.tap('menu=staff');
    await resident.nextAnswer();
    const { code } = await stack.db('residents').where({ line_user_id: resident.userId }).first('code');

    const user = await stack.createUser('staff');
    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, user.email);
    await page.getByRole('row').filter({ hasText: code }).getByRole('button', { name: '引き受ける' }).click();
    await page.getByText('あなたが担当しています').waitFor();
    await resident.nextAnswer();

    const said = page.locator('li[data-sender="resident"]', { hasText: WORDS });
    await said.getByTestId('machine-translation').getByText('機械翻訳').waitFor();
    await said.getByText(PHRASEBOOK.Japanese[WORDS]).waitFor();

    await page.getByRole('textbox', { name: '返信' }).fill(STAFF_REPLY);
    await page.getByRole('checkbox', { name: '翻訳して送信（ベトナム語）' }).check();
    await page.getByRole('button', { name: '送信' }).click();
    expect((await resident.nextAnswer()).texts).toEqual([PHRASEBOOK.Vietnamese[STAFF_REPLY]]);
    const reply = page.locator('li[data-sender="staff"]', { hasText: STAFF_REPLY });
    await reply.getByText('機械翻訳で送信した文').waitFor();
    await reply.getByText(PHRASEBOOK.Vietnamese[STAFF_REPLY]).waitFor();
    await page.mouse.move(640, 800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'translation.png') });

    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
