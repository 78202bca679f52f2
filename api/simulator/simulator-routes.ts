import crypto from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import type { Env } from '../../platform/config/env';
import type { MunicipalityProfile } from '../../platform/config/profile';
import { AppError, FailureCode } from '../http/errors';
import type { RouteSpec } from '../http/route';
import { languageMenu } from '../../scripts/line-richmenu/menu';
import { JAPANESE } from '../../workflows/consultation/language';
import { samplePng } from './sample-image';

/**
 * The resident simulator's backend (development only; mounted when a LINE stand-in answers for LINE).
 * The page at /simulator/ plays a resident's LINE app: each action becomes a real LINE webhook event,
 * signed with the channel secret exactly as LINE signs it and posted to this server's own
 * /webhooks/line, so the simulator goes through the same code path as a real resident. What the
 * service sends back is read from the stand-in's inspection API.
 */

const USER_ID = /^U[0-9a-f]{32}$/;
/** The bot's own user id, as LINE puts it in `destination`; any well-formed id will do here. */
const DESTINATION = 'U' + '5e11'.repeat(8);

/** The rich-menu strip the page shows: the Japanese (default) buttons `npm run line:richmenu` gives the real LINE account. */
export const simulatorRichMenu = (profile: MunicipalityProfile) => languageMenu(profile, JAPANESE).buttons.map(({ label, data }) => ({ label, data }));

const userId = z.string().regex(USER_ID, 'LINE のユーザー ID（U と 16 進数 32 桁）を指定してください。');

const eventBody = z.object({
  userId,
  event: z.discriminatedUnion(
    'type',
    [
      z.object({ type: z.literal('follow') }),
      z.object({ type: z.literal('unfollow') }),
      z.object({ type: z.literal('text'), text: z.string().trim().min(1, 'メッセージを入力してください。').max(5000, 'メッセージは 5000 文字までです。') }),
      z.object({ type: z.literal('postback'), data: z.string().min(1, 'postback のデータがありません。').max(300, 'postback のデータは 300 文字までです。') }),
      z.object({ type: z.literal('sticker') }),
      z.object({ type: z.literal('image') }),
      z.object({ type: z.literal('location') }),
    ],
    { error: 'イベントの種類は follow, unfollow, text, postback, sticker, image, location のどれかです。' },
  ),
});

const messagesQuery = z.object({
  userId,
  after: z.coerce.number({ error: 'after は整数で指定してください。' }).int('after は整数で指定してください。').min(-1).default(-1),
});

function badInput(error: z.ZodError): AppError {
  return new AppError(
    FailureCode.BadInput,
    error.issues[0]?.message ?? '入力が正しくありません。',
    error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (26 Crockford base32 characters: 48-bit time, 80 random bits), the shape of LINE's webhookEventId. */
export function newUlid(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const random = Array.from(crypto.randomBytes(16), (b) => CROCKFORD[b % 32]).join('');
  return time + random;
}

/** The `x-line-signature` LINE sends: HMAC-SHA256 of the raw body with the channel secret, base64. */
export function lineSignature(channelSecret: string, body: string): string {
  return crypto.createHmac('sha256', channelSecret).update(body).digest('base64');
}

const messageId = () => String(Date.now()) + String(crypto.randomInt(10_000)).padStart(4, '0');
const quoteToken = () => crypto.randomBytes(48).toString('base64url');

type SimulatedEvent = z.infer<typeof eventBody>['event'];

/** The LINE webhook event for one simulated action, as LINE would deliver it. */
function webhookEvent(user: string, event: SimulatedEvent, replyToken: string | undefined, contentId?: string): Record<string, unknown> {
  const base = {
    webhookEventId: newUlid(),
    timestamp: Date.now(),
    mode: 'active',
    deliveryContext: { isRedelivery: false },
    source: { type: 'user', userId: user },
    ...(replyToken ? { replyToken } : {}),
  };
  switch (event.type) {
    case 'follow':
      return { ...base, type: 'follow', follow: { isUnblocked: false } };
    case 'unfollow':
      return { ...base, type: 'unfollow' };
    case 'postback':
      return { ...base, type: 'postback', postback: { data: event.data } };
    case 'text':
      return { ...base, type: 'message', message: { type: 'text', id: messageId(), quoteToken: quoteToken(), text: event.text } };
    case 'sticker':
      return {
        ...base,
        type: 'message',
        message: { type: 'sticker', id: messageId(), quoteToken: quoteToken(), packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC', keywords: ['smile'] },
      };
    case 'image':
      return { ...base, type: 'message', message: { type: 'image', id: contentId ?? messageId(), quoteToken: quoteToken(), contentProvider: { type: 'line' } } };
    case 'location':
      return {
        ...base,
        type: 'message',
        message: { type: 'location', id: messageId(), title: '市役所', address: '市役所前', latitude: 38.2554, longitude: 140.3396 },
      };
  }
}

/** This very server, as seen from the socket the request came in on. */
function ownBaseUrl(req: Request): string {
  const raw = req.socket.localAddress ?? '127.0.0.1';
  const address = raw.startsWith('::ffff:') ? raw.slice('::ffff:'.length) : raw;
  return `http://${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
}

export function simulatorRoutes(deps: { env: Env; profile: MunicipalityProfile }): RouteSpec[] {
  const { env } = deps;
  const standIn = env.LINE_API_BASE_URL?.replace(/\/+$/, '') ?? '';
  const channelSecret = env.LINE_CHANNEL_SECRET ?? '';

  const callStandIn = async (path: string, init: RequestInit = {}): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(`${standIn}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${env.LINE_CHANNEL_ACCESS_TOKEN ?? ''}`, 'content-type': 'application/json', ...init.headers },
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      throw new AppError(FailureCode.Unavailable, 'LINE スタンドインに接続できません。npm start で起動しているか確かめてください。');
    }
    if (!res.ok) throw new AppError(FailureCode.Unavailable, `LINE スタンドインがエラーを返しました（${res.status}）。`);
    return res.json();
  };

  return [
    {
      method: 'get',
      path: '/simulator/api/settings',
      access: 'public',
      handler: (_req, res) => {
        res.json({ serviceName: deps.profile.municipality.serviceName, richMenu: simulatorRichMenu(deps.profile) });
      },
    },
    {
      method: 'post',
      path: '/simulator/api/events',
      access: 'public',
      handler: async (req, res) => {
        const parsed = eventBody.safeParse(req.body);
        if (!parsed.success) throw badInput(parsed.error);
        const { userId: user, event } = parsed.data;
        // Every event but unfollow carries a reply token, minted by the stand-in for this resident.
        const replyToken =
          event.type === 'unfollow'
            ? undefined
            : ((await callStandIn('/__stand-in/reply-tokens', { method: 'POST', body: JSON.stringify({ userId: user }) })) as { replyToken: string }).replyToken;
        // An image's bytes wait at the stand-in's content endpoint, as LINE keeps them, under the message id.
        const contentId =
          event.type === 'image'
            ? ((await callStandIn('/__stand-in/contents?type=image/png', { method: 'POST', body: new Uint8Array(samplePng()), headers: { 'content-type': 'image/png' } })) as { messageId: string }).messageId
            : undefined;
        const body = JSON.stringify({ destination: DESTINATION, events: [webhookEvent(user, event, replyToken, contentId)] });
        const delivered = await fetch(`${ownBaseUrl(req)}/webhooks/line`, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': lineSignature(channelSecret, body), 'user-agent': 'LineBotWebhook/2.0' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        res.json({ status: delivered.status });
      },
    },
    {
      method: 'get',
      path: '/simulator/api/messages',
      access: 'public',
      handler: async (req, res) => {
        const parsed = messagesQuery.safeParse(req.query);
        if (!parsed.success) throw badInput(parsed.error);
        const query = new URLSearchParams({ userId: parsed.data.userId, after: String(parsed.data.after) });
        res.set('cache-control', 'no-store');
        res.json(await callStandIn(`/__stand-in/messages?${query}`));
      },
    },
  ];
}
