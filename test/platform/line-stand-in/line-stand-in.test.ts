import { randomUUID } from 'node:crypto';
import { deflateSync, crc32 } from 'node:zlib';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { startLineStandIn, type LineStandIn } from '../../../platform/line-stand-in/line-stand-in';

const TOKEN = 'test-channel-access-token';
const RESIDENT = 'U' + '0123456789abcdef'.repeat(2);
const OTHER_RESIDENT = 'U' + 'fedcba9876543210'.repeat(2);

/** A real (all-white) PNG of the given size. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0xff)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Runs `call`, expects the SDK to throw HTTPFetchError, returns it with its body parsed. */
async function httpError(call: Promise<unknown>): Promise<{ status: number; headers: Headers; body: any }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof HTTPFetchError)) throw new Error(`expected HTTPFetchError, got ${String(error)}`);
  return { status: error.status, headers: error.headers, body: JSON.parse(error.body) };
}

const text = (t: string): messagingApi.TextMessage => ({ type: 'text', text: t });

describe('LINE Messaging API stand-in, driven by the real @line/bot-sdk clients', () => {
  let line: LineStandIn;
  let client: messagingApi.MessagingApiClient;
  let blobClient: messagingApi.MessagingApiBlobClient;

  beforeAll(async () => {
    line = await startLineStandIn({ channelAccessToken: TOKEN });
    client = new messagingApi.MessagingApiClient({ channelAccessToken: TOKEN, baseURL: line.baseUrl });
    blobClient = new messagingApi.MessagingApiBlobClient({ channelAccessToken: TOKEN, baseURL: line.baseUrl });
  });
  afterAll(() => line.close());
  beforeEach(() => line.reset());

  describe('reply', () => {
    it('delivers a reply to the resident the token was issued for, and records what the SDK sent', async () => {
      const replyToken = line.issueReplyToken(RESIDENT);

      const response = await client.replyMessage({ replyToken, messages: [text('こんばんは。お話を聞かせてください。')] });

      expect(response.sentMessages).toHaveLength(1);
      expect(response.sentMessages[0].id).toMatch(/^\d{18}$/);
      expect(response.sentMessages[0].quoteToken).toBeTruthy();
      expect(line.textsFor(RESIDENT)).toEqual(['こんばんは。お話を聞かせてください。']);
      const [recorded] = line.requests;
      expect(recorded).toMatchObject({ method: 'POST', path: '/v2/bot/message/reply', status: 200, endpoint: 'reply' });
      expect(recorded.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(recorded.headers['user-agent']).toMatch(/^@line\/bot-sdk\//);
      expect(recorded.headers['content-type']).toBe('application/json');
    });

    it('rejects a reused reply token with 400 "Invalid reply token", so the second reply never reaches the resident', async () => {
      const replyToken = line.issueReplyToken(RESIDENT);
      await client.replyMessage({ replyToken, messages: [text('一通目')] });

      const error = await httpError(client.replyMessage({ replyToken, messages: [text('二通目')] }));

      expect(error.status).toBe(400);
      expect(error.body).toEqual({ message: 'Invalid reply token' });
      expect(line.textsFor(RESIDENT)).toEqual(['一通目']);
      expect(line.replies()).toHaveLength(1);
    });

    it('treats an expired token like a used one', async () => {
      const replyToken = line.issueReplyToken(RESIDENT);
      line.expireReplyToken(replyToken);
      const error = await httpError(client.replyMessage({ replyToken, messages: [text('遅すぎた返信')] }));
      expect(error.status).toBe(400);
      expect(line.textsFor(RESIDENT)).toEqual([]);
    });

    it.each([
      ['six messages', Array.from({ length: 6 }, (_, i) => text(`${i}`)), 'messages', 'Size must be between 1 and 5'],
      ['no messages', [], 'messages', 'Size must be between 1 and 5'],
      // 2,501 emoji are 5,002 UTF-16 code units: over the limit though only 2,501 characters.
      ['text over 5000 UTF-16 code units', [text('😀'.repeat(2501))], 'messages[0].text', 'Length must be between 0 and 5000'],
      [
        'fourteen quick-reply items',
        [
          {
            ...text('どれにしますか'),
            quickReply: {
              items: Array.from({ length: 14 }, (_, i) => ({ type: 'action' as const, action: { type: 'message' as const, label: `${i}`, text: `${i}` } })),
            },
          },
        ],
        'messages[0].quickReply.items',
        'Size must be between 1 and 13',
      ],
      [
        'a 21-character quick-reply label',
        [
          {
            ...text('どれにしますか'),
            quickReply: { items: [{ type: 'action' as const, action: { type: 'message' as const, label: 'あ'.repeat(21), text: 'はい' } }] },
          },
        ],
        'messages[0].quickReply.items[0].action.label',
        'Length must be between 0 and 20',
      ],
    ])('rejects %s with a LINE-style 400 naming the property', async (_name, messages, property, message) => {
      const replyToken = line.issueReplyToken(RESIDENT);
      const error = await httpError(client.replyMessage({ replyToken, messages: messages as messagingApi.Message[] }));

      expect(error.status).toBe(400);
      expect(error.body.message).toMatch(/^The request body has \d+ error\(s\)$/);
      expect(error.body.details).toContainEqual({ message, property });
      expect(line.textsFor(RESIDENT)).toEqual([]);
      // A rejected reply does not use up the token.
      await expect(client.replyMessage({ replyToken, messages: [text('短い返事')] })).resolves.toBeDefined();
    });

    it('accepts exactly 5000 code units and 13 quick-reply items', async () => {
      const items = Array.from({ length: 13 }, (_, i) => ({
        type: 'action' as const,
        action: { type: 'postback' as const, label: 'ラベル'.repeat(6).slice(0, 20), data: `choice=${i}`, displayText: `${i}` },
      }));
      await client.replyMessage({ replyToken: line.issueReplyToken(RESIDENT), messages: [{ ...text('あ'.repeat(5000)), quickReply: { items } }] });
      expect(line.textsFor(RESIDENT)[0]).toHaveLength(5000);
    });
  });

  describe('push', () => {
    it('accepts a retry key once: the retry gets 409 naming the accepted request, and the resident gets one message', async () => {
      const retryKey = randomUUID();
      const request = { to: RESIDENT, messages: [text('相談員からのお返事です。')] };

      const first = await client.pushMessageWithHttpInfo(request, retryKey);
      const conflict = await httpError(client.pushMessage(request, retryKey));

      const firstRequestId = first.httpResponse.headers.get('x-line-request-id');
      expect(first.httpResponse.status).toBe(200);
      expect(firstRequestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(conflict.status).toBe(409);
      expect(conflict.body.message).toBe('The retry key is already accepted');
      expect(conflict.body.sentMessages).toEqual(first.body.sentMessages);
      expect(conflict.headers.get('x-line-accepted-request-id')).toBe(firstRequestId);

      expect(line.textsFor(RESIDENT)).toEqual(['相談員からのお返事です。']);
      expect(line.pushes()).toHaveLength(1);
      expect(line.pushes()[0]).toMatchObject({ retryKey, delivered: true, requestId: firstRequestId });
      expect(line.requests.map((r) => r.status)).toEqual([200, 409]);
      expect((await client.getMessageQuotaConsumption()).totalUsage).toBe(1);
    });

    it('lets a push that failed with 500 be retried with the same key (the failure does not consume the key)', async () => {
      line.failNext('/v2/bot/message/push', 500);
      const retryKey = randomUUID();
      const request = { to: RESIDENT, messages: [text('再送テスト')] };

      const failure = await httpError(client.pushMessage(request, retryKey));
      await client.pushMessage(request, retryKey);

      expect(failure.status).toBe(500);
      expect(line.requests.map((r) => [r.status, r.injectedFailure])).toEqual([
        [500, true],
        [200, false],
      ]);
      expect(line.textsFor(RESIDENT)).toEqual(['再送テスト']);
    });

    it('answers 429 as many times as asked, then recovers', async () => {
      line.failNext('/v2/bot/message/push', 429, undefined, 2);
      const request = { to: RESIDENT, messages: [text('混雑中')] };
      expect((await httpError(client.pushMessage(request))).body.message).toMatch(/rate limit/);
      expect((await httpError(client.pushMessage(request))).status).toBe(429);
      await client.pushMessage(request);
      expect(line.textsFor(RESIDENT)).toEqual(['混雑中']);
    });

    it('answers 200 for a resident who blocked the account but delivers nothing and does not count it', async () => {
      line.block(RESIDENT);

      const response = await client.pushMessage({ to: RESIDENT, messages: [text('届かないメッセージ')] });

      expect(response.sentMessages).toHaveLength(1);
      expect(line.pushes()).toMatchObject([{ to: RESIDENT, delivered: false }]);
      expect(line.textsFor(RESIDENT)).toEqual([]);
      expect((await client.getMessageQuotaConsumption()).totalUsage).toBe(0);
      expect((await httpError(client.getProfile(RESIDENT))).status).toBe(404);
    });

    it('rejects a `to` that is not a LINE user id, and a malformed retry key', async () => {
      const badTo = await httpError(client.pushMessage({ to: 'resident-42', messages: [text('x')] }));
      const badKey = await httpError(client.pushMessage({ to: RESIDENT, messages: [text('x')] }, 'not-a-uuid'));
      expect([badTo.status, badKey.status]).toEqual([400, 400]);
      expect(badTo.body.message).toContain("'to'");
      expect(line.textsFor(RESIDENT)).toEqual([]);
    });

    it('stops pushes at the monthly limit with 429 "You have reached your monthly limit."', async () => {
      line.setMonthlyLimit(1);
      await client.pushMessage({ to: RESIDENT, messages: [text('一通目')] });
      const error = await httpError(client.pushMessage({ to: OTHER_RESIDENT, messages: [text('二通目')] }));
      expect(error).toMatchObject({ status: 429, body: { message: 'You have reached your monthly limit.' } });
      expect(await client.getMessageQuota()).toEqual({ type: 'limited', value: 1 });
    });
  });

  describe('loading animation, profile, quota, auth', () => {
    it('shows the loading animation (202, empty body) and validates loadingSeconds', async () => {
      await expect(client.showLoadingAnimation({ chatId: RESIDENT, loadingSeconds: 20 })).resolves.toEqual({});
      const bad = await httpError(client.showLoadingAnimation({ chatId: RESIDENT, loadingSeconds: 7 }));

      expect(line.requests[0]).toMatchObject({ path: '/v2/bot/chat/loading/start', status: 202, body: { chatId: RESIDENT, loadingSeconds: 20 } });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ property: 'loadingSeconds' })]);
    });

    it('returns the profile and an unlimited quota', async () => {
      expect(await client.getProfile(RESIDENT)).toEqual({ displayName: 'テスト太郎', userId: RESIDENT, language: 'ja' });
      line.setProfile(OTHER_RESIDENT, { displayName: '山田花子', language: undefined });
      expect((await client.getProfile(OTHER_RESIDENT)).displayName).toBe('山田花子');
      expect(await client.getMessageQuota()).toEqual({ type: 'none' });
      expect(await client.getMessageQuotaConsumption()).toEqual({ totalUsage: 0 });
    });

    it('rejects a wrong channel access token with 401 and delivers nothing', async () => {
      const intruder = new messagingApi.MessagingApiClient({ channelAccessToken: 'wrong', baseURL: line.baseUrl });
      const error = await httpError(intruder.pushMessage({ to: RESIDENT, messages: [text('x')] }));
      expect(error.status).toBe(401);
      expect(error.body.message).toMatch(/^Authentication failed/);
      expect(line.pushes()).toEqual([]);
      expect(line.requests[0]).toMatchObject({ status: 401, headers: { authorization: 'Bearer wrong' } });
    });

    it('answers unknown routes with 404 {message: "Not found"}', async () => {
      const res = await fetch(`${line.baseUrl}/v2/bot/nothing-here`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: 'Not found' });
    });
  });

  describe('rich menu', () => {
    const menu: messagingApi.RichMenuRequest = {
      size: { width: 2500, height: 843 },
      selected: true,
      name: 'yorisoi-main',
      chatBarText: 'メニュー',
      areas: [
        { bounds: { x: 0, y: 0, width: 1250, height: 843 }, action: { type: 'postback', data: 'action=talk', displayText: '話したい' } },
        { bounds: { x: 1250, y: 0, width: 1250, height: 843 }, action: { type: 'uri', uri: 'https://example.jp/soudan' } },
      ],
    };

    it('creates a menu, stores the uploaded PNG from the blob client, sets it as default, lists and deletes it', async () => {
      const image = png(2500, 843);

      const { richMenuId } = await client.createRichMenu(menu);
      await blobClient.setRichMenuImage(richMenuId, new Blob([new Uint8Array(image)], { type: 'image/png' }));
      await client.setDefaultRichMenu(richMenuId);

      expect(richMenuId).toMatch(/^richmenu-[0-9a-f]{32}$/);
      expect(line.richMenuImage(richMenuId)?.bytes.equals(image)).toBe(true);
      expect(line.richMenuImage(richMenuId)?.contentType).toBe('image/png');
      expect(line.requests.find((r) => r.endpoint === 'richMenuImageUpload')).toMatchObject({ bodyBytes: image.length, body: undefined, status: 200 });
      expect(line.defaultRichMenuId()).toBe(richMenuId);
      expect((await client.getRichMenuList()).richmenus).toEqual([{ richMenuId, ...menu }]);

      await client.deleteRichMenu(richMenuId);
      expect((await client.getRichMenuList()).richmenus).toEqual([]);
      expect(line.defaultRichMenuId()).toBeUndefined();
    });

    it('rejects a wrong size, too many areas and a long chat-bar text', async () => {
      const error = await httpError(
        client.createRichMenu({
          ...menu,
          size: { width: 1000, height: 1000 },
          chatBarText: 'とても長いチャットバーのテキストです',
          areas: Array.from({ length: 21 }, () => ({ bounds: { x: 0, y: 0, width: 10, height: 10 }, action: { type: 'message', text: 'x' } })),
        }),
      );
      expect(error.status).toBe(400);
      expect(error.body.details.map((d: { property: string }) => d.property).sort()).toEqual(['areas', 'chatBarText', 'size']);
      expect(line.richMenus()).toEqual([]);
    });

    it('rejects images over 1 MB, of the wrong type, and setting a default before an image is uploaded', async () => {
      const { richMenuId } = await client.createRichMenu(menu);
      const huge = Buffer.concat([png(1, 1), Buffer.alloc(1024 * 1024)]);

      const tooBig = await httpError(blobClient.setRichMenuImage(richMenuId, new Blob([new Uint8Array(huge)], { type: 'image/png' })));
      const wrongType = await httpError(blobClient.setRichMenuImage(richMenuId, new Blob(['GIF89a'], { type: 'image/gif' })));
      const noImage = await httpError(client.setDefaultRichMenu(richMenuId));

      expect([tooBig.status, wrongType.status, noImage.status]).toEqual([413, 415, 400]);
      expect(line.richMenuImage(richMenuId)).toBeUndefined();
      expect(line.defaultRichMenuId()).toBeUndefined();
    });

    /** A menu with its image, ready to be named by an alias or linked to a user. */
    const readyMenu = async () => {
      const { richMenuId } = await client.createRichMenu(menu);
      await blobClient.setRichMenuImage(richMenuId, new Blob([new Uint8Array(png(2500, 843))], { type: 'image/png' }));
      return richMenuId;
    };

    it('names menus by alias (create, get, list, update, delete) on the real paths, refusing taken, unknown and malformed ids', async () => {
      const first = await readyMenu();
      const second = await readyMenu();
      await client.createRichMenuAlias({ richMenuAliasId: 'yorisoi-vi', richMenuId: first });
      expect(await client.getRichMenuAlias('yorisoi-vi')).toEqual({ richMenuAliasId: 'yorisoi-vi', richMenuId: first });
      await client.updateRichMenuAlias('yorisoi-vi', { richMenuId: second });
      expect((await client.getRichMenuAliasList()).aliases).toEqual([{ richMenuAliasId: 'yorisoi-vi', richMenuId: second }]);
      expect(line.requests.filter((r) => r.endpoint.startsWith('richMenuAlias')).map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /v2/bot/richmenu/alias',
        'GET /v2/bot/richmenu/alias/yorisoi-vi',
        'POST /v2/bot/richmenu/alias/yorisoi-vi',
        'GET /v2/bot/richmenu/alias/list',
      ]);
      expect(line.requests.find((r) => r.endpoint === 'richMenuAliasUpdate')?.body).toEqual({ richMenuId: second });

      const taken = await httpError(client.createRichMenuAlias({ richMenuAliasId: 'yorisoi-vi', richMenuId: first }));
      const malformed = await httpError(client.createRichMenuAlias({ richMenuAliasId: 'Yorisoi VI', richMenuId: first }));
      const noMenu = await httpError(client.createRichMenuAlias({ richMenuAliasId: 'yorisoi-en', richMenuId: 'richmenu-missing' }));
      const unknownUpdate = await httpError(client.updateRichMenuAlias('yorisoi-en', { richMenuId: first }));
      expect([taken.status, malformed.status, noMenu.status, unknownUpdate.status]).toEqual([400, 400, 400, 400]);

      await client.deleteRichMenuAlias('yorisoi-vi');
      expect((await httpError(client.getRichMenuAlias('yorisoi-vi'))).status).toBe(404);
      expect((await httpError(client.deleteRichMenuAlias('yorisoi-vi'))).status).toBe(400);
      expect(line.richMenuAliases()).toEqual({});
    });

    it('links a menu to one user, tells which menu a user has, and unlinks it so the default shows again', async () => {
      const id = await readyMenu();
      await client.linkRichMenuIdToUser(RESIDENT, id);
      expect(await client.getRichMenuIdOfUser(RESIDENT)).toEqual({ richMenuId: id });
      expect(line.userRichMenuId(OTHER_RESIDENT)).toBeUndefined();
      expect((await httpError(client.getRichMenuIdOfUser(OTHER_RESIDENT))).status).toBe(404);

      await client.unlinkRichMenuIdFromUser(RESIDENT);
      expect(line.userRichMenuId(RESIDENT)).toBeUndefined();
      expect(line.requests.filter((r) => r.endpoint.startsWith('richMenu') && r.path.includes(RESIDENT)).map((r) => `${r.method} ${r.path.replace(RESIDENT, ':user')} ${r.status}`)).toEqual([
        `POST /v2/bot/user/:user/richmenu/${id} 200`,
        'GET /v2/bot/user/:user/richmenu 200',
        'DELETE /v2/bot/user/:user/richmenu 200',
      ]);
      const notAUser = await httpError(client.linkRichMenuIdToUser('not-a-user', id));
      expect(notAUser.status).toBe(400);
    });

    it('links one menu to many users at once (202), at most 500 valid user ids per request', async () => {
      const id = await readyMenu();
      await client.linkRichMenuIdToUsers({ richMenuId: id, userIds: [RESIDENT, OTHER_RESIDENT] });
      expect([line.userRichMenuId(RESIDENT), line.userRichMenuId(OTHER_RESIDENT)]).toEqual([id, id]);
      expect(line.requests.find((r) => r.endpoint === 'richMenuBulkLink')).toMatchObject({ path: '/v2/bot/richmenu/bulk/link', status: 202 });

      const tooMany = await httpError(client.linkRichMenuIdToUsers({ richMenuId: id, userIds: Array.from({ length: 501 }, () => RESIDENT) }));
      const none = await httpError(client.linkRichMenuIdToUsers({ richMenuId: id, userIds: [] }));
      const noMenu = await httpError(client.linkRichMenuIdToUsers({ richMenuId: 'richmenu-missing', userIds: [RESIDENT] }));
      expect([tooMany.status, none.status, noMenu.status]).toEqual([400, 400, 400]);
    });
  });

  describe('inspection API for the resident simulator (/__stand-in/)', () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const mint = (userId: string, headers: Record<string, string> = auth) =>
      fetch(`${line.baseUrl}/__stand-in/reply-tokens`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
    const inbox = (userId: string, after?: number) =>
      fetch(`${line.baseUrl}/__stand-in/messages?userId=${userId}${after === undefined ? '' : `&after=${after}`}`, { headers: auth });

    it('mints reply tokens over HTTP that the real client can reply to, and lists what reached the user', async () => {
      const { replyToken } = (await (await mint(RESIDENT)).json()) as { replyToken: string };
      const quickReply = { items: [{ type: 'action' as const, action: { type: 'postback' as const, label: '同意する', data: 'terms=agree', displayText: '同意する' } }] };
      await client.replyMessage({ replyToken, messages: [text('こんにちは'), { ...text('同意しますか'), quickReply }] });
      await client.pushMessage({ to: OTHER_RESIDENT, messages: [text('ほかの人へ')] });
      await client.pushMessage({ to: RESIDENT, messages: [text('あとから')] });
      line.block(RESIDENT);
      await client.pushMessage({ to: RESIDENT, messages: [text('届かない')] });

      const all = await (await inbox(RESIDENT)).json();
      expect(all.startedAt).toEqual(expect.any(String));
      expect(all.messages).toEqual([
        { seq: 0, via: 'reply', at: expect.any(String), messages: [text('こんにちは'), { ...text('同意しますか'), quickReply }] },
        { seq: 2, via: 'push', at: expect.any(String), messages: [text('あとから')] },
      ]);
      expect((await (await inbox(RESIDENT, 0)).json()).messages.map((m: { seq: number }) => m.seq)).toEqual([2]);
      expect(line.deliveriesFor(RESIDENT, 2)).toEqual([]);
      // Inspection calls are not LINE traffic: they are not recorded.
      expect(line.requests.map((r) => r.endpoint)).toEqual(['reply', 'push', 'push', 'push']);
    });

    it('tells which rich menu the user sees: none, the default, then the one linked to them', async () => {
      const buttonsSeen = async () => ((await (await inbox(RESIDENT)).json()) as { richMenu: { buttons: unknown[] } | null }).richMenu;
      expect(await buttonsSeen()).toBeNull();
      const image = new Blob([new Uint8Array(png(2500, 843))], { type: 'image/png' });
      const areas = (label: string) => [{ bounds: { x: 0, y: 0, width: 2500, height: 843 }, action: { type: 'postback' as const, label, data: 'menu=staff', displayText: label } }];
      const menu = (label: string) => ({ size: { width: 2500, height: 843 }, selected: true, name: 'm', chatBarText: 'Menu', areas: areas(label) });
      const { richMenuId: ja } = await client.createRichMenu(menu('スタッフ'));
      const { richMenuId: vi } = await client.createRichMenu(menu('Nói với nhân viên'));
      await blobClient.setRichMenuImage(ja, image);
      await blobClient.setRichMenuImage(vi, image);
      await client.setDefaultRichMenu(ja);
      expect(await buttonsSeen()).toEqual({ richMenuId: ja, chatBarText: 'Menu', buttons: [{ label: 'スタッフ', data: 'menu=staff' }] });
      await client.linkRichMenuIdToUser(RESIDENT, vi);
      expect(await buttonsSeen()).toMatchObject({ richMenuId: vi, buttons: [{ label: 'Nói với nhân viên', data: 'menu=staff' }] });
    });

    it('requires the channel access token and valid input', async () => {
      expect((await mint(RESIDENT, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await fetch(`${line.baseUrl}/__stand-in/messages?userId=${RESIDENT}`)).status).toBe(401);
      expect((await mint('resident-42')).status).toBe(400);
      expect((await inbox('resident-42')).status).toBe(400);
      expect((await fetch(`${line.baseUrl}/__stand-in/messages?userId=${RESIDENT}&after=x`, { headers: auth })).status).toBe(400);
      expect((await fetch(`${line.baseUrl}/__stand-in/nothing`, { headers: auth })).status).toBe(404);
      expect(line.requests).toEqual([]);
    });
  });

  describe('waitFor', () => {
    it('resolves as soon as the matching request is recorded', async () => {
      const waiting = line.waitFor((r) => r.endpoint === 'push' && (r.body as { to?: string }).to === OTHER_RESIDENT);
      const pushed = client.pushMessage({ to: OTHER_RESIDENT, messages: [text('待っていました')] });

      const recorded = await waiting;
      await pushed;
      expect(recorded.body).toMatchObject({ messages: [{ text: '待っていました' }] });
    });

    it('rejects with a message that lists what did arrive', async () => {
      await client.showLoadingAnimation({ chatId: RESIDENT, loadingSeconds: 5 });
      await expect(line.waitFor((r) => r.endpoint === 'reply', 50)).rejects.toThrow(
        /no request matching the predicate arrived within 50 ms\. 1 request\(s\) recorded .*\n.*POST \/v2\/bot\/chat\/loading\/start → 202/,
      );
    });
  });
});
