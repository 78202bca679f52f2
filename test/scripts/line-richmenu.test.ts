import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { richMenuAliasId } from '../../contracts/rich-menu';
import { loadProfile } from '../../platform/config/profile';
import { startLineStandIn, type LineStandIn } from '../../platform/line-stand-in/line-stand-in';
import { missingGlyphs } from '../../scripts/line-richmenu/fonts';
import { imageTexts, MAX_IMAGE_BYTES, missingMenuGlyphs, renderRichMenuImage } from '../../scripts/line-richmenu/image';
import { languageMenu, menuLanguages, RICH_MENU_NAME, richMenuRequest } from '../../scripts/line-richmenu/menu';
import { createRichMenuClients, publishRichMenus } from '../../scripts/line-richmenu/publish';
import { EXAMPLE_PROFILE } from '../helpers/test-stack';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TOKEN = 'test-channel-access-token';
/** Kept for reviewers, like the browser tests' screenshots: the Japanese menu and a Vietnamese one. */
const SCREENSHOT = path.join(ROOT, 'test-artifacts/screenshots/rich-menu.png');
const SCREENSHOT_VI = path.join(ROOT, 'test-artifacts/screenshots/rich-menu-vi.png');
const KAWABE_PROFILE = path.join(ROOT, 'profiles/example-kawabe.yaml');
const profile = loadProfile(EXAMPLE_PROFILE);
const LANGUAGES = ['ja', 'en', 'zh-Hans', 'ko', 'vi', 'pt-BR', 'tl', 'ne', 'id'];

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Runs `npm run line:richmenu`'s entry point in a child process, against the stand-in. */
function runScript(line: LineStandIn, args: string[] = [], profileFile = EXAMPLE_PROFILE) {
  // Asynchronous on purpose: the stand-in answers from this process's event loop.
  return run(process.execPath, ['--import', 'tsx', 'scripts/line-richmenu.ts', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      // No database: residents' links are the worker's and the integration test's business (test/integration/rich-menu-languages.test.ts).
      DATABASE_URL: '',
      NODE_ENV: 'test',
      MUNICIPALITY_PROFILE: profileFile,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_API_BASE_URL: line.baseUrl,
      LINE_DATA_API_BASE_URL: line.baseUrl,
    },
    encoding: 'utf8',
  });
}

describe('npm run line:richmenu, against the LINE Messaging API stand-in', () => {
  let line: LineStandIn;

  beforeAll(async () => {
    line = await startLineStandIn({ channelAccessToken: TOKEN });
  });
  afterAll(() => line.close());
  beforeEach(() => line.reset());

  const menuOf = (language: string) => line.richMenus().find((m) => m.name === `${RICH_MENU_NAME}-${language}`)!;

  it("publishes one menu per language with its catalogue's words, names each by an alias, and keeps Japanese the default", async () => {
    const saved = path.join(mkdtempSync(path.join(os.tmpdir(), 'yorisoi-richmenu-')), 'menu.png');
    const { stdout } = await runScript(line, ['--save-image', saved]);
    expect(stdout).toMatch(/is the default rich menu; 9 language menus with aliases/);

    const menus = line.richMenus();
    expect(menus.map((m) => m.name).sort()).toEqual(LANGUAGES.map((l) => `${RICH_MENU_NAME}-${l}`).sort());
    const ja = menuOf('ja');
    expect(ja).toMatchObject({ size: { width: 2500, height: 1686 }, selected: true, chatBarText: 'メニュー' });
    expect(ja.areas.map((a) => a.action)).toEqual([
      { type: 'postback', label: 'よりそいスタッフに話しかける', data: 'menu=staff', displayText: 'よりそいスタッフに話しかける' },
      { type: 'postback', label: 'AIと話す', data: 'menu=ai', displayText: 'AIと話す' },
      { type: 'postback', label: '相談窓口一覧', data: 'menu=lines', displayText: '相談窓口一覧' },
      { type: 'postback', label: '言語 / Language', data: 'menu=language', displayText: '言語 / Language' },
      { type: 'postback', label: '見守りメッセージを止める', data: 'checkin=stop', displayText: '見守りメッセージを止める' },
      { type: 'postback', label: '利用規約・プライバシー', data: 'menu=terms', displayText: '利用規約・プライバシー' },
    ]);
    // Every language: the same postbacks (the workflow reads the same data), its own labels and chat-bar text.
    const vi = menuOf('vi');
    expect(vi.chatBarText).toBe('Menu');
    expect(vi.areas.map((a) => a.action)).toEqual(
      [
        ['Nói với nhân viên', 'menu=staff'],
        ['Nói với AI', 'menu=ai'],
        ['Đường dây tư vấn', 'menu=lines'],
        ['Ngôn ngữ', 'menu=language'],
        ['Dừng hỏi thăm', 'checkin=stop'],
        ['Điều khoản, riêng tư', 'menu=terms'],
      ].map(([label, data]) => ({ type: 'postback', label, data, displayText: label })),
    );
    expect(menuOf('ko').chatBarText).toBe('메뉴');
    expect(menuOf('ne').areas[0].action).toMatchObject({ label: profile.languages.ne.texts.menuStaff });

    for (const language of LANGUAGES) {
      const menu = menuOf(language);
      // The six areas tile the image exactly: every pixel is some button, none is two.
      const bounds = menu.areas.map((a) => ({ x: 0, y: 0, width: 0, height: 0, ...a.bounds }));
      expect(bounds.reduce((sum, b) => sum + b.width * b.height, 0)).toBe(2500 * 1686);
      const image = line.richMenuImage(menu.richMenuId);
      expect(image?.contentType).toBe('image/png');
      expect(pngSize(image!.bytes)).toEqual({ width: 2500, height: 1686 });
      expect(image!.bytes.length).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
    }
    expect(readFileSync(saved)).toEqual(line.richMenuImage(ja.richMenuId)!.bytes);
    expect(readFileSync(saved.replace(/\.png$/, '-vi.png'))).toEqual(line.richMenuImage(vi.richMenuId)!.bytes);
    expect(line.richMenuImage(vi.richMenuId)!.bytes).not.toEqual(line.richMenuImage(ja.richMenuId)!.bytes);
    writeFileSync(SCREENSHOT, line.richMenuImage(ja.richMenuId)!.bytes);
    writeFileSync(SCREENSHOT_VI, line.richMenuImage(vi.richMenuId)!.bytes);

    expect(line.defaultRichMenuId()).toBe(ja.richMenuId);
    expect(line.richMenuAliases()).toEqual(Object.fromEntries(LANGUAGES.map((l) => [richMenuAliasId(l), menuOf(l).richMenuId])));
    expect(Object.keys(line.richMenuAliases())).toContain('yorisoi-zh-hans');
  }, 120_000);

  it('run twice, leaves one menu per language, the aliases and the default on the new ones', async () => {
    await runScript(line);
    const first = line.richMenus().map((m) => m.richMenuId);
    await runScript(line);

    const menus = line.richMenus();
    expect(menus).toHaveLength(LANGUAGES.length);
    expect(menus.filter((m) => first.includes(m.richMenuId))).toEqual([]);
    expect(line.defaultRichMenuId()).toBe(menuOf('ja').richMenuId);
    expect(line.richMenuAliases()).toEqual(Object.fromEntries(LANGUAGES.map((l) => [richMenuAliasId(l), menuOf(l).richMenuId])));
  }, 120_000);

  it("replaces the earlier single menu, keeps menus and aliases it did not make, drops a language the profile no longer has, and deletes half-made menus if an upload fails", async () => {
    const clients = createRichMenuClients({ channelAccessToken: TOKEN, apiBaseUrl: line.baseUrl });
    const menuFor = async (language: string) => {
      const menu = languageMenu(profile, language);
      return { menu, image: await renderRichMenuImage(menu) };
    };
    const ja = await menuFor('ja');
    const vi = await menuFor('vi');
    const other = await clients.client.createRichMenu({
      size: { width: 2500, height: 843 },
      selected: false,
      name: 'campaign-menu',
      chatBarText: 'キャンペーン',
      areas: [{ bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: 'postback', data: 'campaign' } }],
    });
    await clients.blobClient.setRichMenuImage(other.richMenuId, new Blob([new Uint8Array(ja.image)], { type: 'image/png' }));
    await clients.client.createRichMenuAlias({ richMenuAliasId: 'campaign', richMenuId: other.richMenuId });
    // The one menu an earlier version of this script made, for everyone.
    const { richMenuId: single } = await clients.client.createRichMenu({ ...richMenuRequest(ja.menu), name: RICH_MENU_NAME });

    const first = await publishRichMenus(clients, [ja, vi]);
    expect(first.deleted).toEqual([single]);
    // The city drops Vietnamese: its alias and menu go; what others made stays.
    const { richMenuIds } = await publishRichMenus(clients, [ja]);
    expect(line.richMenus().map((m) => m.richMenuId).sort()).toEqual([other.richMenuId, richMenuIds.ja].sort());
    expect(line.richMenuAliases()).toEqual({ campaign: other.richMenuId, 'yorisoi-ja': richMenuIds.ja });

    line.failNext(/\/content$/, 500);
    await expect(publishRichMenus(clients, [ja, vi])).rejects.toThrow();
    expect(line.richMenus().map((m) => m.richMenuId).sort()).toEqual([other.richMenuId, richMenuIds.ja].sort());
    expect(line.defaultRichMenuId()).toBe(richMenuIds.ja);
    expect(line.richMenuAliases()).toEqual({ campaign: other.richMenuId, 'yorisoi-ja': richMenuIds.ja });
  }, 120_000);
});

describe('rich-menu image fonts', () => {
  it("draws every language's labels and captions with the bundled fonts alone, in both example profiles", () => {
    for (const file of [EXAMPLE_PROFILE, KAWABE_PROFILE]) {
      const city = loadProfile(file);
      expect(menuLanguages(city)).toEqual(LANGUAGES);
      for (const language of menuLanguages(city)) expect([file, language, missingMenuGlyphs(languageMenu(city, language))]).toEqual([file, language, []]);
    }
    expect(imageTexts(languageMenu(profile, 'ja')).bold).toContain('よりそいスタッフに');
    expect(imageTexts(languageMenu(profile, 'vi')).bold).toContain('Nói với nhân viên');
    // The check can fail: Hangul is not in the Japanese fonts, Thai in none of them.
    expect(missingGlyphs('相談한', 700, 'ja')).toEqual(['한']);
    expect(missingGlyphs('상담', 700, 'ko')).toEqual([]);
    expect(missingGlyphs('ปรึกษา', 400, 'vi')).toEqual([...'ปรึกษา']);
  });

  it('labels each button with the words its tap sends; a language without its own image lines draws its label', () => {
    for (const language of LANGUAGES) {
      for (const button of languageMenu(profile, language).buttons) expect(button.lines.join(language === 'ja' ? '' : ' ')).toBe(button.label);
    }
  });
});
