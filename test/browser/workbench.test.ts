import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, SCREENSHOTS, signInToAdmin } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, staffedAroundTheClock } from '../helpers/test-stack';

/**
 * The staff workbench in Debian's Chromium against the real stack: queue rows with a preview and
 * language, the hand-over summary in the resident's words (edited and saved), and reply drafts
 * kept per case across switching and reloading.
 */
describe('staff workbench in a real browser', () => {
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

  it('queue preview and language, hand-over from the resident’s words edited and saved, drafts kept per case and across reload', async () => {
    const lonely = await new PretendResident(stack).onboard(stack.profile.intake.questions, 0);
    await lonely.say('夜になると誰とも話していなくて、さみしくなります。');
    await lonely.nextAnswer();
    await lonely.tap('menu=staff');
    const english = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    await english.say('I feel so alone tonight and I want to talk to someone.');
    await english.nextAnswer();
    await english.tap('menu=staff');
    const codeOf = async (r: PretendResident) => (await stack.db('residents').where({ line_user_id: r.userId }).first('code')).code as string;
    const [lonelyCode, englishCode] = [await codeOf(lonely), await codeOf(english)];
    const { id: lonelyCase } = await stack.db('consultations as c').join('residents as r', 'r.id', 'c.resident_id').where('r.code', lonelyCode).first('c.id');
    const aiRow = await stack.db('messages').where({ consultation_id: lonelyCase, sender: 'ai' }).orderBy('created_at', 'desc').first();
    const aiSentence = (stack.sealer.open('messages', 'text', aiRow) as string).split('。')[0];

    const user = await stack.createUser('staff');
    const { page, errors } = await signInToAdmin(browser, stack.baseUrl, user.email);

    // Each row: the start of the last message and its language, beside risk and waiting time.
    const lonelyRow = page.getByRole('row').filter({ hasText: lonelyCode });
    const englishRow = page.getByRole('row').filter({ hasText: englishCode });
    await lonelyRow.getByText('夜になると誰とも話していなくて').waitFor();
    await lonelyRow.getByText('日本語').waitFor();
    await englishRow.getByText('I feel so alone tonight').waitFor();
    await englishRow.getByText('英語').waitFor();
    await page.mouse.move(640, 800);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-preview.png') });

    // The hand-over says what the resident told, not what the AI answered.
    await lonelyRow.getByRole('button', { name: '引き受ける' }).click();
    await page.getByText('あなたが担当しています').waitFor();
    const handover = page.getByRole('region', { name: '引き継ぎの要約' });
    await handover.getByText('夜になると誰とも話していなくて、さみしくなります。').waitFor();
    await handover.getByText('さみしさ・孤独').first().waitFor();
    expect(await handover.textContent()).not.toContain(aiSentence);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'handover.png') });

    // Staff edit it and save; the saved text shows, with who edited it.
    await handover.getByRole('button', { name: '編集' }).click();
    const editor = handover.getByRole('textbox', { name: '引き継ぎの要約（編集）' });
    expect(await editor.inputValue()).toContain('・夜になると誰とも話していなくて、さみしくなります。');
    await editor.fill('夜のさみしさ。日中は仕事を続けている。次回は週末の過ごし方を聞く。');
    await handover.getByRole('button', { name: '保存' }).click();
    await page.getByText('引き継ぎの要約を保存しました').waitFor();
    await handover.getByText('次回は週末の過ごし方を聞く。').waitFor();
    await handover.getByText(/さんが編集/).waitFor();
    expect(stack.sealer.open('handover_summaries', 'text', await stack.db('handover_summaries').where({ consultation_id: lonelyCase }).first(), lonelyCase)).toContain('週末の過ごし方');

    // A draft on one case survives working on another and a reload.
    const reply = page.getByRole('textbox', { name: '返信' });
    await reply.fill('お仕事のあと、どんなふうに過ごしていますか。');
    await page.getByRole('menuitem', { name: 'いま対応が必要' }).click();
    await englishRow.getByRole('button', { name: '引き受ける' }).click();
    await page.getByText('あなたが担当しています').waitFor();
    await page.getByRole('heading', { name: `相談 ${englishCode}` }).first().waitFor();
    expect(await reply.inputValue()).toBe('');
    await reply.fill('Thank you for writing.');
    await page.goto(`${stack.baseUrl}/admin/#/consultations/${lonelyCase}/show`);
    await page.getByRole('heading', { name: `相談 ${lonelyCode}` }).first().waitFor();
    await eventually(async () => expect(await reply.inputValue()).toBe('お仕事のあと、どんなふうに過ごしていますか。'));
    await page.reload();
    await page.getByRole('heading', { name: `相談 ${lonelyCode}` }).first().waitFor();
    await eventually(async () => expect(await reply.inputValue()).toBe('お仕事のあと、どんなふうに過ごしていますか。'));

    // Sent, the draft is gone.
    await reply.press('Enter');
    await page.locator('li[data-sender="staff"]', { hasText: 'どんなふうに過ごしていますか' }).waitFor();
    await eventually(async () => expect(await reply.inputValue()).toBe(''));
    await page.reload();
    await page.getByRole('heading', { name: `相談 ${lonelyCode}` }).first().waitFor();
    await page.getByRole('textbox', { name: '返信' }).waitFor();
    expect(await reply.inputValue()).toBe('');

    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
