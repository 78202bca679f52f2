import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startLineStandIn, type LineStandIn } from '../../platform/line-stand-in/line-stand-in';
import { missingGlyphs } from '../../scripts/line-richmenu/fonts';
import { imageTexts, MAX_IMAGE_BYTES, renderRichMenuImage } from '../../scripts/line-richmenu/image';
import { MENU_BUTTONS, RICH_MENU_NAME } from '../../scripts/line-richmenu/menu';
import { createRichMenuClients, publishRichMenu } from '../../scripts/line-richmenu/publish';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TOKEN = 'test-channel-access-token';
/** Kept for reviewers, like the browser tests' screenshots. */
const SCREENSHOT = path.join(ROOT, 'test-artifacts/screenshots/rich-menu.png');

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Runs `npm run line:richmenu`'s entry point in a child process, against the stand-in. */
function runScript(line: LineStandIn, ...args: string[]) {
  // Asynchronous on purpose: the stand-in answers from this process's event loop.
  return run(process.execPath, ['--import', 'tsx', 'scripts/line-richmenu.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LINE_CHANNEL_ACCESS_TOKEN: TOKEN, LINE_API_BASE_URL: line.baseUrl, LINE_DATA_API_BASE_URL: line.baseUrl },
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

  it('creates one menu with the six postback areas, uploads a valid PNG ≤ 1 MB and makes it the default', async () => {
    const { stdout } = await runScript(line, '--save-image', SCREENSHOT);
    expect(stdout).toMatch(/is the default rich menu/);

    const menus = line.richMenus();
    expect(menus).toHaveLength(1);
    const [menu] = menus;
    expect(menu).toMatchObject({ name: RICH_MENU_NAME, size: { width: 2500, height: 1686 }, selected: true });
    expect(menu.areas.map((a) => a.action)).toEqual([
      { type: 'postback', label: 'よりそいスタッフに話しかける', data: 'menu=staff', displayText: 'よりそいスタッフに話しかける' },
      { type: 'postback', label: 'AIと話す', data: 'menu=ai', displayText: 'AIと話す' },
      { type: 'postback', label: '相談窓口一覧', data: 'menu=lines', displayText: '相談窓口一覧' },
      { type: 'postback', label: '言語 / Language', data: 'menu=language', displayText: '言語 / Language' },
      { type: 'postback', label: '見守りメッセージを止める', data: 'checkin=stop', displayText: '見守りメッセージを止める' },
      { type: 'postback', label: '利用規約・プライバシー', data: 'menu=terms', displayText: '利用規約・プライバシー' },
    ]);
    // The six areas tile the image exactly: every pixel is some button, none is two.
    const bounds = menu.areas.map((a) => ({ x: 0, y: 0, width: 0, height: 0, ...a.bounds }));
    expect(bounds.reduce((sum, b) => sum + b.width * b.height, 0)).toBe(2500 * 1686);
    for (const b of bounds) {
      expect(b.x + b.width).toBeLessThanOrEqual(2500);
      expect(b.y + b.height).toBeLessThanOrEqual(1686);
    }

    const image = line.richMenuImage(menu.richMenuId);
    expect(image?.contentType).toBe('image/png');
    expect(pngSize(image!.bytes)).toEqual({ width: 2500, height: 1686 });
    expect(image!.bytes.length).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
    expect(readFileSync(SCREENSHOT)).toEqual(image!.bytes);

    expect(line.defaultRichMenuId()).toBe(menu.richMenuId);
  }, 60_000);

  it('leaves exactly one menu, the new default, when run twice', async () => {
    await runScript(line);
    const first = line.defaultRichMenuId();
    await runScript(line);

    const menus = line.richMenus();
    expect(menus).toHaveLength(1);
    expect(menus[0].richMenuId).not.toBe(first);
    expect(line.defaultRichMenuId()).toBe(menus[0].richMenuId);
    expect(line.richMenuImage(menus[0].richMenuId)).toBeDefined();
  }, 60_000);

  it('keeps menus it did not make, and deletes a half-made one if the image upload fails', async () => {
    const clients = createRichMenuClients({ channelAccessToken: TOKEN, apiBaseUrl: line.baseUrl });
    const png = await renderRichMenuImage();
    const other = await clients.client.createRichMenu({
      size: { width: 2500, height: 843 },
      selected: false,
      name: 'campaign-menu',
      chatBarText: 'キャンペーン',
      areas: [{ bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: 'postback', data: 'campaign' } }],
    });
    const { richMenuId } = await publishRichMenu(clients, png);

    line.failNext(/\/content$/, 500);
    await expect(publishRichMenu(clients, png)).rejects.toThrow();

    expect(line.richMenus().map((m) => m.richMenuId).sort()).toEqual([other.richMenuId, richMenuId].sort());
    expect(line.defaultRichMenuId()).toBe(richMenuId);
  }, 60_000);
});

describe('rich-menu image font', () => {
  it('draws every character with the bundled Noto Sans JP, not a system fallback', () => {
    const { bold, regular } = imageTexts();
    expect(bold).toContain('よりそいスタッフに');
    expect(missingGlyphs(bold, 700)).toEqual([]);
    expect(missingGlyphs(regular, 400)).toEqual([]);
    // The check can fail: Hangul is not in Noto Sans JP.
    expect(missingGlyphs('相談한', 700)).toEqual(['한']);
  });

  it('labels each button with the words its tap sends', () => {
    for (const button of MENU_BUTTONS) expect(button.lines.join('')).toBe(button.label);
  });
});
