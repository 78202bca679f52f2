import type { Client } from '@temporalio/client';
import { InboxRelay } from '../../api/line-webhook/inbox-relay';
import { richMenuAliasId } from '../../contracts/rich-menu';
import { createLogger } from '../../platform/logger';
import { renderRichMenuImage } from '../../scripts/line-richmenu/image';
import { languageMenu } from '../../scripts/line-richmenu/menu';
import { createRichMenuClients, publishRichMenus } from '../../scripts/line-richmenu/publish';
import { residentsByLanguage } from '../../scripts/line-richmenu/residents-by-language';
import { POSTBACK } from '../../workflows/consultation/line-messages';
import { residentMenuWorkflowId } from '../../workflows/resident-menu/messages';
import { eventually } from '../helpers/eventually';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Each resident's chat shows the rich menu of their language: through the real webhook, relay,
 * Temporal, worker and Postgres, with the menus published by `npm run line:richmenu`'s code to the LINE
 * stand-in, which keeps the per-user links as LINE does.
 */
describe('the rich menu in the resident’s language', () => {
  let stack: TestStack;
  let menus: Record<string, string>;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true, profile: (p) => void (p.ai.debounceSeconds = 0) });
    stack.openai.setResponder((req) => (req.response_format ? { json: { level: 'none', categories: [], reason: '' } } : 'お話ししてくれてありがとうございます。'));
  });
  afterAll(() => stack.stop());

  const publish = async (languages: string[]) => {
    const clients = createRichMenuClients({ channelAccessToken: 'test-line-token', apiBaseUrl: stack.line.baseUrl });
    const built = await Promise.all(languages.map(async (language) => ({ menu: languageMenu(stack.profile, language), image: await renderRichMenuImage(languageMenu(stack.profile, language)) })));
    const result = await publishRichMenus(clients, built, undefined, () => residentsByLanguage(stack.db, stack.profile));
    menus = result.richMenuIds;
    return result;
  };
  const linkedMenu = (resident: PretendResident) => stack.line.userRichMenuId(resident.userId);
  const menuRequests = (resident: PretendResident) =>
    stack.line.requests.filter((r) => r.path.startsWith(`/v2/bot/user/${resident.userId}/richmenu`)).map((r) => `${r.method} ${r.path.endsWith('/richmenu') ? '' : r.path.split('/').at(-1)}`.trim());

  it('before any menu is published, a Vietnamese resident is answered as always and nothing is linked', async () => {
    const resident = new PretendResident(stack);
    stack.line.setProfile(resident.userId, { language: 'vi' });
    await resident.follow();
    expect((await resident.nextAnswer()).texts[0]).toBe(stack.profile.languages.vi.texts.greeting.trim());
    const run = stack.temporal.workflow.getHandle(residentMenuWorkflowId((await stack.db('residents').where({ line_user_id: resident.userId }).first('id')).id));
    expect(await run.result()).toBe('no-menu');
    expect(linkedMenu(resident)).toBeUndefined();
  });

  it('links the Vietnamese menu to a resident whose LINE profile says vi, from the first contact', async () => {
    await publish(['ja', 'vi', 'en']);
    expect(stack.line.richMenuAliases()[richMenuAliasId('vi')]).toBe(menus.vi);
    const resident = new PretendResident(stack);
    stack.line.setProfile(resident.userId, { language: 'vi' });

    await resident.follow();
    await resident.nextAnswer();
    await eventually(async () => expect(linkedMenu(resident)).toBe(menus.vi));
    // A Japanese resident keeps the default: no per-user link, no call to LINE about menus at all.
    const japanese = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    expect(menuRequests(japanese)).toEqual([]);
    expect(stack.line.defaultRichMenuId()).toBe(menus.ja);
  });

  it('follows the language menu: Vietnamese links its menu, Japanese unlinks it so the default shows again', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.tap('menu=language');
    await resident.nextAnswer();

    await resident.tap(POSTBACK.language('vi'));
    expect((await resident.nextAnswer()).texts).toEqual([stack.profile.languages.vi.texts.languageChanged]);
    await eventually(async () => expect(linkedMenu(resident)).toBe(menus.vi));

    await resident.tap(POSTBACK.language('en'));
    await resident.nextAnswer();
    await eventually(async () => expect(linkedMenu(resident)).toBe(menus.en));

    await resident.tap(POSTBACK.language('ja'));
    expect((await resident.nextAnswer()).texts).toEqual([stack.profile.texts.languageChanged]);
    await eventually(async () => expect(menuRequests(resident).at(-1)).toBe('DELETE'));
    expect(linkedMenu(resident)).toBeUndefined();
    expect(menuRequests(resident)).toEqual([`POST ${menus.vi}`, `POST ${menus.en}`, 'DELETE']);
  });

  it('a LINE outage while linking holds up no answer; the link is retried until it is made', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    stack.line.failNext(`/v2/bot/richmenu/alias/${richMenuAliasId('vi')}`, 500, undefined, 2);
    await resident.tap(POSTBACK.language('vi'));
    expect((await resident.nextAnswer()).texts).toEqual([stack.profile.languages.vi.texts.languageChanged]);
    await resident.say('Dạo này tôi thấy rất cô đơn');
    await resident.nextAnswer();
    await eventually(async () => expect(linkedMenu(resident)).toBe(menus.vi), 20_000);
    expect(stack.line.requests.filter((r) => r.path === `/v2/bot/richmenu/alias/${richMenuAliasId('vi')}` && r.status === 500)).toHaveLength(2);
  });

  it('a link LINE refuses is tried once and ends there; the conversation goes on in the new language', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    stack.line.failNext(new RegExp(`^/v2/bot/user/${resident.userId}/richmenu/`), 400);
    await resident.tap(POSTBACK.language('vi'));
    expect((await resident.nextAnswer()).texts).toEqual([stack.profile.languages.vi.texts.languageChanged]);
    const { id } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    expect(await stack.temporal.workflow.getHandle(residentMenuWorkflowId(id)).result()).toBe('refused');
    expect(menuRequests(resident)).toEqual([`POST ${menus.vi}`]);
    expect(linkedMenu(resident)).toBeUndefined();
  });

  it('publishing again moves each resident to their language’s new menu before the old ones are deleted', async () => {
    const vietnamese = new PretendResident(stack);
    stack.line.setProfile(vietnamese.userId, { language: 'vi' });
    await vietnamese.follow();
    await vietnamese.nextAnswer();
    const english = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await english.tap(POSTBACK.language('en'));
    await english.nextAnswer();
    const before = menus;
    await eventually(async () => expect([linkedMenu(vietnamese), linkedMenu(english)]).toEqual([before.vi, before.en]));

    const seen = stack.line.requests.length;
    const { relinked, deleted } = await publish(['ja', 'vi', 'en']);
    expect(deleted.sort()).toEqual([before.ja, before.vi, before.en].sort());
    expect([linkedMenu(vietnamese), linkedMenu(english)]).toEqual([menus.vi, menus.en]);
    expect(relinked).toBeGreaterThanOrEqual(2);
    // The bulk links came before the first deletion: nobody was left without their language's menu.
    const order = stack.line.requests.slice(seen).filter((r) => r.endpoint === 'richMenuBulkLink' || r.endpoint === 'richMenuDelete').map((r) => r.endpoint);
    expect(order.slice(0, 2)).toEqual(['richMenuBulkLink', 'richMenuBulkLink']);
    expect(order.slice(2)).toEqual(['richMenuDelete', 'richMenuDelete', 'richMenuDelete']);
  });

  // Last: from here on the test relays with relays of its own.
  it('when Temporal refuses to start the link, the event is answered all the same and the next event links the menu', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await stack.relay.stop();
    const relayWith = (temporal: Client) => new InboxRelay({ db: stack.db, sealer: stack.sealer, temporal, taskQueue: stack.taskQueue, logger: createLogger('silent') });
    const refusingStarts = {
      workflow: new Proxy(stack.temporal.workflow, {
        get: (real, name) => (name === 'start' ? () => Promise.reject(new Error('Temporal refused the start')) : Reflect.get(real, name)),
      }),
    } as unknown as Client;

    await resident.tap(POSTBACK.language('vi'));
    await relayWith(refusingStarts).drain();
    expect((await resident.nextAnswer()).texts).toEqual([stack.profile.languages.vi.texts.languageChanged]);
    expect(menuRequests(resident)).toEqual([]);

    await resident.say('Dạo này tôi thấy rất cô đơn');
    await relayWith(stack.temporal).drain();
    await resident.nextAnswer();
    await eventually(async () => expect(linkedMenu(resident)).toBe(menus.vi));
    expect(menuRequests(resident)).toEqual([`POST ${menus.vi}`]);
  });
});
