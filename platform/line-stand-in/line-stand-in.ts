/**
 * A stand-in for the LINE Messaging API (api.line.me and api-data.line.me on one host:port).
 *
 * It speaks the real wire protocol, so the real `@line/bot-sdk` clients can be pointed at it:
 *
 *   const line = await startLineStandIn({ channelAccessToken: 'test-token' });
 *   const client = new messagingApi.MessagingApiClient({ channelAccessToken: 'test-token', baseURL: line.baseUrl });
 *   const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: 'test-token', baseURL: line.baseUrl });
 *
 * The SDK joins absolute paths with `new URL(path, baseURL)`, so a path prefix in `baseURL` is dropped:
 * the stand-in therefore owns its whole host:port.
 *
 * Every request is recorded (method, path, lower-cased headers, parsed JSON body or byte length,
 * time, response status). Used by jest tests and by the dev resident simulator (`npm start` runs it
 * in its own process), so it must not import jest.
 *
 * Besides LINE's own routes it answers an inspection API under `/__stand-in/`, a path LINE never uses,
 * for clients in other processes (the simulator backend). It needs the same bearer token and is not
 * recorded in `requests`:
 *
 *   POST /__stand-in/reply-tokens  { userId }            → { replyToken }   (like issueReplyToken)
 *   GET  /__stand-in/messages?userId=U…&after=<seq>      → { startedAt, messages: [{ seq, via, at, messages }], richMenu }
 *   POST /__stand-in/contents?type=<content type>  <raw bytes>  → { messageId }   (like putContent)
 *
 * `messages` lists what reached that user after request `seq` (default: all): replies to tokens
 * issued for them and delivered pushes, with the LINE message objects as sent (quick replies too).
 * `startedAt` changes when the stand-in restarts, so a client knows its `after` no longer applies.
 * `richMenu` is the menu LINE would show that user (linked to them, else the default) as
 * `{ richMenuId, chatBarText, buttons: [{ label, data }] }` (postback areas), or null.
 *
 * Rich menus: create/validate/get/list/delete, images, default, per-user link/unlink, bulk link, and aliases
 * (create/get/list/update/delete), so per-language menus can be published and linked as on LINE.
 *
 * Error messages follow LINE's documented shapes (`{ message, details: [{ message, property }] }`);
 * where LINE does not document the exact wording, the wording here is the stand-in's own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { messagingApi } from '@line/bot-sdk';

// ---------------------------------------------------------------------------------------------
// Public types

export interface LineStandInOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Host to bind; default 127.0.0.1. */
  host?: string;
  /** When set, every request must carry `Authorization: Bearer <channelAccessToken>`, else 401. */
  channelAccessToken?: string;
}

/** What the stand-in recognised a request as. */
export type LineEndpoint =
  | 'reply'
  | 'push'
  | 'loading'
  | 'profile'
  | 'quota'
  | 'quotaConsumption'
  | 'richMenuCreate'
  | 'richMenuValidate'
  | 'richMenuGet'
  | 'richMenuList'
  | 'richMenuDelete'
  | 'richMenuImageUpload'
  | 'richMenuImageDownload'
  | 'richMenuSetDefault'
  | 'richMenuGetDefault'
  | 'richMenuCancelDefault'
  | 'richMenuLinkUser'
  | 'richMenuGetUser'
  | 'richMenuUnlinkUser'
  | 'richMenuBulkLink'
  | 'richMenuAliasCreate'
  | 'richMenuAliasGet'
  | 'richMenuAliasList'
  | 'richMenuAliasUpdate'
  | 'richMenuAliasDelete'
  | 'messageContent'
  | 'unknown';

export interface RecordedLineRequest {
  /** 0-based position in `requests` since the last reset. */
  seq: number;
  endpoint: LineEndpoint;
  method: string;
  /** Path without the query string, e.g. `/v2/bot/message/push`. */
  path: string;
  query: Record<string, string>;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  contentType?: string;
  /** Parsed JSON body; undefined for requests without a JSON body (binary uploads, GET, DELETE). */
  body: unknown;
  /** Size of the raw request body in bytes (the only trace kept of binary bodies besides rich-menu images). */
  bodyBytes: number;
  receivedAt: Date;
  status: number;
  /** true for 2xx. */
  ok: boolean;
  /** true when the answer was forced by `failNext`. */
  injectedFailure: boolean;
  /** The `x-line-request-id` the stand-in answered with. */
  requestId: string;
  responseBody: unknown;
  /** Push only: accepted (200) and the recipient has not blocked the account. */
  delivered?: boolean;
}

export interface LineSentMessage {
  id: string;
  quoteToken?: string;
}

export interface LineReply {
  replyToken: string;
  /** The user the token was issued for via `issueReplyToken(userId)`, if known. */
  userId?: string;
  messages: messagingApi.Message[];
  notificationDisabled: boolean;
  sentMessages: LineSentMessage[];
  receivedAt: Date;
  request: RecordedLineRequest;
}

export interface LinePush {
  to: string;
  messages: messagingApi.Message[];
  notificationDisabled: boolean;
  retryKey?: string;
  /** false when the recipient blocked the account: LINE still answers 200 but nothing arrives. */
  delivered: boolean;
  requestId: string;
  sentMessages: LineSentMessage[];
  receivedAt: Date;
  request: RecordedLineRequest;
}

export interface StoredRichMenu {
  richMenuId: string;
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: messagingApi.RichMenuArea[];
}

export interface StoredRichMenuImage {
  contentType: string;
  bytes: Buffer;
}

export interface LineProfile {
  displayName: string;
  userId: string;
  language?: string;
  pictureUrl?: string;
  statusMessage?: string;
}

export type LineRequestPredicate = (request: RecordedLineRequest) => boolean;

/** One reply or delivered push that reached a user, as the inspection API lists it. */
export interface LineDelivery {
  /** The `seq` of the reply or push request. */
  seq: number;
  via: 'reply' | 'push';
  /** ISO time the stand-in received it. */
  at: string;
  messages: messagingApi.Message[];
}

export interface LineStandIn {
  /** `http://127.0.0.1:<port>`, no trailing slash. Use as `baseURL` for both SDK clients. */
  baseUrl: string;
  port: number;
  /** Every request since start or the last `reset()` (the same array instance throughout). */
  requests: RecordedLineRequest[];
  /** Accepted (200) replies, oldest first. */
  replies(): LineReply[];
  /** Accepted (200) pushes, oldest first, each flagged `delivered`. A push answered 409 (retry key reuse) is not in here. */
  pushes(): LinePush[];
  /** Texts of every text message that actually reached `userId` (delivered pushes and replies to tokens issued for that user). */
  textsFor(userId: string): string[];
  /** Replies and delivered pushes that reached `userId` after request `afterSeq` (default: all), oldest first. */
  deliveriesFor(userId: string, afterSeq?: number): LineDelivery[];
  /** Mint a fresh reply token (as a webhook event would carry), remembered as belonging to `userId`. */
  issueReplyToken(userId?: string): string;
  /** Make a reply token unusable, as if it had expired. */
  expireReplyToken(replyToken: string): void;
  /** The user blocked the account: pushes still get 200 but are recorded as not delivered; profile lookups get 404. */
  block(userId: string): void;
  unblock(userId: string): void;
  /** Override what `GET /v2/bot/profile/:userId` returns for that user. */
  setProfile(userId: string, profile: Partial<Omit<LineProfile, 'userId'>>): void;
  /** Simulate a limited plan: pushes beyond `limit` delivered pushes get 429 "You have reached your monthly limit.". `null` = unlimited. */
  setMonthlyLimit(limit: number | null): void;
  richMenus(): StoredRichMenu[];
  richMenuImage(richMenuId: string): StoredRichMenuImage | undefined;
  defaultRichMenuId(): string | undefined;
  userRichMenuId(userId: string): string | undefined;
  /** Rich-menu alias id → the rich menu it names. */
  richMenuAliases(): Record<string, string>;
  /**
   * What a resident sent (image, file …): served by `GET /v2/bot/message/{messageId}/content` (the data
   * host) with `contentType`. Returns the message id to put in the webhook event (a new one unless given).
   */
  putContent(bytes: Buffer, contentType: string, messageId?: string): string;
  /**
   * The next `times` (default 1) requests whose path equals `path` (or matches it, for a RegExp) fail with
   * `status` and `body` (default: a LINE-style body for that status). They are recorded with
   * `injectedFailure: true` and have no side effect (a failed push does not consume its retry key).
   */
  failNext(path: string | RegExp, status: number, body?: object, times?: number): void;
  /**
   * From now on, a `share` (0–1) of the requests matching `path` fail at random with one of `statuses`
   * (LINE-style bodies, no side effect, recorded as injected failures). `share` 0 turns it off.
   */
  failRandomly(path: string | RegExp, share: number, statuses?: number[]): void;
  /**
   * The next `times` (default 1) requests matching `path` are carried out as usual (a reply spends its
   * token, a push is delivered and its retry key accepted) but the connection is dropped instead of
   * answering: the caller cannot tell whether LINE accepted them, as when a worker dies mid-call.
   */
  loseAnswerNext(path: string | RegExp, times?: number): void;
  /**
   * Resolves with the first recorded request matching `predicate`: at once if one is already recorded
   * (unless `includeExisting: false`), else as soon as one is. Rejects after `timeoutMs` (default 5000).
   */
  waitFor(predicate: LineRequestPredicate, timeoutMs?: number, options?: { includeExisting?: boolean }): Promise<RecordedLineRequest>;
  /** Forget all requests, tokens, retry keys, blocks, profiles, rich menus, failures and limits. Pending `waitFor`s keep waiting. */
  reset(): void;
  /** Stop listening and drop open connections. Pending `waitFor`s reject. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Constants

const USER_ID_PATTERN = /^U[0-9a-f]{32}$/;
/** LINE's rule for a rich-menu alias id. */
const RICH_MENU_ALIAS_ID = /^[a-z0-9_-]{1,32}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BODY_BYTES = 10 * 1024 * 1024;
const MAX_RICH_MENU_IMAGE_BYTES = 1024 * 1024;
const AUTH_FAILED = {
  message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
};
const QUOTABLE_MESSAGE_TYPES = new Set(['text', 'textV2', 'sticker', 'image', 'video']);

const DEFAULT_FAILURE_MESSAGES: Record<number, string> = {
  400: 'The request body has 1 error(s)',
  401: AUTH_FAILED.message,
  403: 'Access to this API is not available for your account',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request Entity Too Large',
  415: 'A content type not supported by the API is requested.',
  429: 'The API rate limit has been exceeded. Try again later.',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

// ---------------------------------------------------------------------------------------------
// Helpers

interface ErrorDetail {
  message: string;
  property: string;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON (rich-menu image download). */
  raw?: { contentType: string; bytes: Buffer };
  delivered?: boolean;
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Answer => ({ status, body, headers });

function detailsError(details: ErrorDetail[]): Answer {
  return json(400, { message: `The request body has ${details.length} error(s)`, details });
}

function invalidProperty(property: string): Answer {
  return json(400, { message: `The property, '${property}', in the request body is invalid (line: -, column: -)` });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function readBody(req: IncomingMessage): Promise<{ bytes: Buffer; length: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), length }));
    req.on('error', reject);
  });
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** LINE message ids are 18-digit decimal strings. */
function makeMessageIdFactory(): () => string {
  let next = 461230966842064897n;
  return () => String(next++);
}

function quoteToken(): string {
  return randomBytes(48).toString('base64url');
}

function codeUnits(value: string): number {
  return value.length; // JS strings are UTF-16: a surrogate-pair emoji counts 2, as LINE counts.
}

function checkLength(details: ErrorDetail[], value: unknown, property: string, max: number, required: boolean): void {
  if (value === undefined || value === null || value === '') {
    if (required) details.push({ message: 'May not be empty', property });
    return;
  }
  if (typeof value !== 'string') {
    details.push({ message: 'Must be a string', property });
    return;
  }
  if (codeUnits(value) > max) details.push({ message: `Length must be between 0 and ${max}`, property });
}

function validateAction(details: ErrorDetail[], action: unknown, property: string, labelRequired: boolean): void {
  if (!isObject(action)) {
    details.push({ message: 'May not be empty', property });
    return;
  }
  checkLength(details, action.label, `${property}.label`, 20, labelRequired);
  switch (action.type) {
    case 'postback':
      checkLength(details, action.data, `${property}.data`, 300, true);
      checkLength(details, action.displayText, `${property}.displayText`, 300, false);
      break;
    case 'message':
      checkLength(details, action.text, `${property}.text`, 300, true);
      break;
    case 'uri':
      checkLength(details, action.uri, `${property}.uri`, 1000, true);
      break;
    case 'datetimepicker':
    case 'camera':
    case 'cameraRoll':
    case 'location':
    case 'richmenuswitch':
    case 'clipboard':
      break;
    default:
      details.push({ message: 'Unsupported action type', property: `${property}.type` });
  }
}

const MESSAGE_TYPES = new Set(['text', 'textV2', 'sticker', 'image', 'video', 'audio', 'location', 'imagemap', 'template', 'flex', 'coupon']);

/** LINE-style validation of a `messages` array; returns the error details (empty = valid). */
export function validateLineMessages(messages: unknown): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (!Array.isArray(messages) || messages.length < 1 || messages.length > 5) {
    details.push({ message: 'Size must be between 1 and 5', property: 'messages' });
    return details;
  }
  messages.forEach((message: unknown, i) => {
    const at = `messages[${i}]`;
    if (!isObject(message)) {
      details.push({ message: 'May not be empty', property: at });
      return;
    }
    if (typeof message.type !== 'string' || !MESSAGE_TYPES.has(message.type)) {
      details.push({ message: `Must be one of the following values: [${[...MESSAGE_TYPES].join(', ')}]`, property: `${at}.type` });
      return;
    }
    if (message.type === 'text' || message.type === 'textV2') checkLength(details, message.text, `${at}.text`, 5000, true);
    if (message.quickReply !== undefined) {
      const items = isObject(message.quickReply) ? message.quickReply.items : undefined;
      if (!Array.isArray(items) || items.length < 1 || items.length > 13) {
        details.push({ message: 'Size must be between 1 and 13', property: `${at}.quickReply.items` });
      } else {
        items.forEach((item: unknown, j) => {
          const itemAt = `${at}.quickReply.items[${j}]`;
          const action = isObject(item) ? item.action : undefined;
          if (isObject(action) && action.type === 'richmenuswitch') {
            details.push({ message: 'Unsupported action type', property: `${itemAt}.action.type` });
            return;
          }
          validateAction(details, action, `${itemAt}.action`, true);
        });
      }
    }
  });
  return details;
}

/** LINE-style validation of a rich-menu object; returns the error details (empty = valid). */
export function validateRichMenu(menu: unknown): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (!isObject(menu)) return [{ message: 'May not be empty', property: '' }];
  const size = menu.size;
  let width = 0;
  let height = 0;
  if (!isObject(size) || !isInteger(size.width) || !isInteger(size.height)) {
    details.push({ message: 'May not be empty', property: 'size' });
  } else {
    width = size.width;
    height = size.height;
    const standard = width === 2500 && (height === 1686 || height === 843);
    const custom = width >= 800 && width <= 2500 && height >= 250 && width / height >= 1.45;
    if (!standard && !custom) {
      details.push({
        message: 'Size must be 2500x1686 or 2500x843, or 800 to 2500 wide, at least 250 high, with width/height of at least 1.45',
        property: 'size',
      });
    }
  }
  if (typeof menu.selected !== 'boolean') details.push({ message: 'Must be a boolean', property: 'selected' });
  checkLength(details, menu.name, 'name', 300, true);
  checkLength(details, menu.chatBarText, 'chatBarText', 14, true);
  if (!Array.isArray(menu.areas)) {
    details.push({ message: 'May not be empty', property: 'areas' });
  } else if (menu.areas.length > 20) {
    details.push({ message: 'Size must be between 0 and 20', property: 'areas' });
  } else {
    menu.areas.forEach((area: unknown, i) => {
      const at = `areas[${i}]`;
      const bounds = isObject(area) ? area.bounds : undefined;
      if (!isObject(bounds) || ![bounds.x, bounds.y, bounds.width, bounds.height].every(isInteger)) {
        details.push({ message: 'May not be empty', property: `${at}.bounds` });
      } else if (
        width > 0 &&
        ((bounds.x as number) < 0 ||
          (bounds.y as number) < 0 ||
          (bounds.x as number) + (bounds.width as number) > width ||
          (bounds.y as number) + (bounds.height as number) > height)
      ) {
        details.push({ message: 'Bounds must be within the rich menu size', property: `${at}.bounds` });
      }
      validateAction(details, isObject(area) ? area.action : undefined, `${at}.action`, false);
    });
  }
  return details;
}

function looksLikeImage(contentType: string, bytes: Buffer): boolean {
  if (contentType === 'image/png') return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

// ---------------------------------------------------------------------------------------------
// The server

interface FailureRule {
  path: string | RegExp;
  status: number;
  body?: object;
  remaining: number;
}

interface Waiter {
  predicate: LineRequestPredicate;
  resolve: (request: RecordedLineRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export async function startLineStandIn(options: LineStandInOptions = {}): Promise<LineStandIn> {
  const token = options.channelAccessToken;
  const requests: RecordedLineRequest[] = [];
  const newMessageId = makeMessageIdFactory();

  // Mutable state, cleared by reset().
  const usedReplyTokens = new Set<string>();
  const replyTokenOwners = new Map<string, string>();
  const acceptedRetryKeys = new Map<string, { requestId: string; sentMessages: LineSentMessage[] }>();
  const blocked = new Set<string>();
  const profiles = new Map<string, Partial<LineProfile>>();
  const menus = new Map<string, StoredRichMenu>();
  const menuImages = new Map<string, StoredRichMenuImage>();
  const contents = new Map<string, { contentType: string; bytes: Buffer }>();
  const userMenus = new Map<string, string>();
  const aliases = new Map<string, string>();
  let defaultMenu: string | undefined;
  let failures: FailureRule[] = [];
  let randomFailure: { path: string | RegExp; share: number; statuses: number[] } | undefined;
  let lostAnswers: { path: string | RegExp; remaining: number }[] = [];
  let monthlyLimit: number | null = null;
  let deliveredPushCount = 0;

  const waiters = new Set<Waiter>();
  const startedAt = new Date().toISOString();

  function putContent(bytes: Buffer, contentType: string, messageId?: string): string {
    const id = messageId ?? newMessageId();
    contents.set(id, { contentType, bytes: Buffer.from(bytes) });
    return id;
  }

  function issueReplyToken(userId?: string): string {
    const replyToken = randomBytes(16).toString('hex');
    if (userId !== undefined) replyTokenOwners.set(replyToken, userId);
    return replyToken;
  }

  function deliveriesFor(userId: string, afterSeq = -1): LineDelivery[] {
    const replies = replyViews()
      .filter((r) => r.userId === userId)
      .map((r) => ({ seq: r.request.seq, via: 'reply' as const, at: r.receivedAt.toISOString(), messages: r.messages }));
    const pushes = pushViews()
      .filter((p) => p.to === userId && p.delivered)
      .map((p) => ({ seq: p.request.seq, via: 'push' as const, at: p.receivedAt.toISOString(), messages: p.messages }));
    return [...replies, ...pushes].filter((d) => d.seq > afterSeq).sort((a, b) => a.seq - b.seq);
  }

  /** The inspection API under /__stand-in/ (see the header comment). Not recorded in `requests`. */
  /** The menu LINE shows the user (their own link, else the default), as its buttons; null when none. */
  function richMenuShownTo(userId: string): { richMenuId: string; chatBarText: string; buttons: { label: string; data: string }[] } | null {
    const menu = menus.get(userMenus.get(userId) ?? defaultMenu ?? '');
    if (!menu) return null;
    const buttons = menu.areas.flatMap(({ action }) => {
      const a = action as { label?: string; displayText?: string; data?: string };
      return a.data === undefined ? [] : [{ label: a.label ?? a.displayText ?? a.data, data: a.data }];
    });
    return { richMenuId: menu.richMenuId, chatBarText: menu.chatBarText, buttons };
  }

  function inspect(method: string, url: URL, bytes: Buffer): Answer {
    const path = url.pathname;
    if (method === 'POST' && path === '/__stand-in/reply-tokens') {
      const parsed = parseJson(bytes);
      if (!parsed.ok || !isObject(parsed.value)) return notParsable;
      const userId = parsed.value.userId;
      if (typeof userId !== 'string' || !USER_ID_PATTERN.test(userId)) return invalidProperty('userId');
      return json(200, { replyToken: issueReplyToken(userId) });
    }
    if (method === 'GET' && path === '/__stand-in/messages') {
      const userId = url.searchParams.get('userId') ?? '';
      const after = url.searchParams.get('after');
      if (!USER_ID_PATTERN.test(userId)) return json(400, { message: "The query parameter 'userId' is invalid" });
      if (after !== null && !/^-?\d+$/.test(after)) return json(400, { message: "The query parameter 'after' is invalid" });
      return json(200, { startedAt, messages: deliveriesFor(userId, after === null ? -1 : Number(after)), richMenu: richMenuShownTo(userId) });
    }
    if (method === 'POST' && path === '/__stand-in/contents') {
      const type = url.searchParams.get('type') ?? '';
      if (!/^[a-z]+\/[a-z0-9.+-]+$/i.test(type)) return json(400, { message: "The query parameter 'type' is invalid" });
      if (bytes.length === 0) return json(400, { message: 'The request body is empty' });
      return json(200, { messageId: putContent(bytes, type) });
    }
    return json(404, { message: 'Not found' });
  }

  const pathMatches = (rule: string | RegExp, path: string) => (typeof rule === 'string' ? rule === path : rule.test(path));

  function takeLostAnswer(path: string): boolean {
    const rule = lostAnswers.find((f) => pathMatches(f.path, path));
    if (!rule) return false;
    rule.remaining -= 1;
    if (rule.remaining <= 0) lostAnswers = lostAnswers.filter((f) => f !== rule);
    return true;
  }

  function takeFailure(path: string): Omit<FailureRule, 'remaining' | 'path'> | undefined {
    const rule = failures.find((f) => pathMatches(f.path, path));
    if (!rule) {
      if (randomFailure && pathMatches(randomFailure.path, path) && Math.random() < randomFailure.share) {
        return { status: randomFailure.statuses[Math.floor(Math.random() * randomFailure.statuses.length)] };
      }
      return undefined;
    }
    rule.remaining -= 1;
    if (rule.remaining <= 0) failures = failures.filter((f) => f !== rule);
    return rule;
  }

  function sentMessagesFor(messages: messagingApi.Message[]): LineSentMessage[] {
    return messages.map((m) => (QUOTABLE_MESSAGE_TYPES.has(m.type) ? { id: newMessageId(), quoteToken: quoteToken() } : { id: newMessageId() }));
  }

  function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
    if (bytes.length === 0) return { ok: true, value: undefined };
    try {
      return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
    } catch {
      return { ok: false };
    }
  }

  const notParsable = json(400, { message: 'The request body could not be parsed as JSON (line: -, column: -)' });

  function route(method: string, path: string): { endpoint: LineEndpoint; params: string[] } {
    const m = (re: RegExp) => re.exec(path);
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v2/bot/message/reply') return { endpoint: 'reply', params: [] };
    if (method === 'POST' && path === '/v2/bot/message/push') return { endpoint: 'push', params: [] };
    if (method === 'POST' && path === '/v2/bot/chat/loading/start') return { endpoint: 'loading', params: [] };
    if (method === 'GET' && path === '/v2/bot/message/quota') return { endpoint: 'quota', params: [] };
    if (method === 'GET' && path === '/v2/bot/message/quota/consumption') return { endpoint: 'quotaConsumption', params: [] };
    if (method === 'GET' && (match = m(/^\/v2\/bot\/profile\/([^/]+)$/))) return { endpoint: 'profile', params: [match[1]] };
    if (method === 'GET' && (match = m(/^\/v2\/bot\/message\/([^/]+)\/content$/))) return { endpoint: 'messageContent', params: [match[1]] };
    // Aliases before the menu routes: `/v2/bot/richmenu/alias` would otherwise read as a menu id.
    if (method === 'POST' && path === '/v2/bot/richmenu/bulk/link') return { endpoint: 'richMenuBulkLink', params: [] };
    if (method === 'POST' && path === '/v2/bot/richmenu/alias') return { endpoint: 'richMenuAliasCreate', params: [] };
    if (method === 'GET' && path === '/v2/bot/richmenu/alias/list') return { endpoint: 'richMenuAliasList', params: [] };
    if (method === 'GET' && (match = m(/^\/v2\/bot\/richmenu\/alias\/([^/]+)$/))) return { endpoint: 'richMenuAliasGet', params: [match[1]] };
    if (method === 'POST' && (match = m(/^\/v2\/bot\/richmenu\/alias\/([^/]+)$/))) return { endpoint: 'richMenuAliasUpdate', params: [match[1]] };
    if (method === 'DELETE' && (match = m(/^\/v2\/bot\/richmenu\/alias\/([^/]+)$/))) return { endpoint: 'richMenuAliasDelete', params: [match[1]] };
    if (method === 'POST' && path === '/v2/bot/richmenu') return { endpoint: 'richMenuCreate', params: [] };
    if (method === 'POST' && path === '/v2/bot/richmenu/validate') return { endpoint: 'richMenuValidate', params: [] };
    if (method === 'GET' && path === '/v2/bot/richmenu/list') return { endpoint: 'richMenuList', params: [] };
    if (method === 'POST' && (match = m(/^\/v2\/bot\/richmenu\/([^/]+)\/content$/))) return { endpoint: 'richMenuImageUpload', params: [match[1]] };
    if (method === 'GET' && (match = m(/^\/v2\/bot\/richmenu\/([^/]+)\/content$/))) return { endpoint: 'richMenuImageDownload', params: [match[1]] };
    if (method === 'GET' && (match = m(/^\/v2\/bot\/richmenu\/([^/]+)$/))) return { endpoint: 'richMenuGet', params: [match[1]] };
    if (method === 'DELETE' && (match = m(/^\/v2\/bot\/richmenu\/([^/]+)$/))) return { endpoint: 'richMenuDelete', params: [match[1]] };
    if (method === 'POST' && (match = m(/^\/v2\/bot\/user\/all\/richmenu\/([^/]+)$/))) return { endpoint: 'richMenuSetDefault', params: [match[1]] };
    if (method === 'GET' && path === '/v2/bot/user/all/richmenu') return { endpoint: 'richMenuGetDefault', params: [] };
    if (method === 'DELETE' && path === '/v2/bot/user/all/richmenu') return { endpoint: 'richMenuCancelDefault', params: [] };
    if (method === 'POST' && (match = m(/^\/v2\/bot\/user\/([^/]+)\/richmenu\/([^/]+)$/))) return { endpoint: 'richMenuLinkUser', params: [match[1], match[2]] };
    if (method === 'GET' && (match = m(/^\/v2\/bot\/user\/([^/]+)\/richmenu$/))) return { endpoint: 'richMenuGetUser', params: [match[1]] };
    if (method === 'DELETE' && (match = m(/^\/v2\/bot\/user\/([^/]+)\/richmenu$/))) return { endpoint: 'richMenuUnlinkUser', params: [match[1]] };
    return { endpoint: 'unknown', params: [] };
  }

  function handle(endpoint: LineEndpoint, params: string[], headers: Record<string, string>, bytes: Buffer, bodyBytes: number): { answer: Answer; body: unknown } {
    const contentType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const isBinaryUpload = endpoint === 'richMenuImageUpload';
    let body: unknown;
    if (!isBinaryUpload) {
      const parsed = parseJson(bytes);
      if (!parsed.ok) return { answer: notParsable, body: undefined };
      body = parsed.value;
    }
    if (endpoint === 'unknown') return { answer: json(404, { message: 'Not found' }), body };
    const retryKey = headers['x-line-retry-key'];
    if (retryKey !== undefined && endpoint !== 'push') {
      return { answer: json(400, { message: "The 'X-Line-Retry-Key' header is not supported by this API" }), body };
    }
    const param = (i: number) => {
      try {
        return decodeURIComponent(params[i]);
      } catch {
        return params[i];
      }
    };

    switch (endpoint) {
      case 'reply': {
        if (!isObject(body)) return { answer: notParsable, body };
        const replyToken = body.replyToken;
        if (typeof replyToken !== 'string' || replyToken === '') return { answer: detailsError([{ message: 'May not be empty', property: 'replyToken' }]), body };
        const details = validateLineMessages(body.messages);
        if (details.length) return { answer: detailsError(details), body };
        if (usedReplyTokens.has(replyToken)) return { answer: json(400, { message: 'Invalid reply token' }), body };
        usedReplyTokens.add(replyToken);
        const sentMessages = sentMessagesFor(body.messages as messagingApi.Message[]);
        return { answer: json(200, { sentMessages }), body };
      }

      case 'push': {
        if (retryKey !== undefined && !UUID_PATTERN.test(retryKey)) {
          return { answer: json(400, { message: "The value for the 'X-Line-Retry-Key' header is invalid" }), body };
        }
        if (retryKey !== undefined) {
          const accepted = acceptedRetryKeys.get(retryKey.toLowerCase());
          if (accepted) {
            return {
              answer: json(
                409,
                { message: 'The retry key is already accepted', sentMessages: accepted.sentMessages },
                { 'x-line-accepted-request-id': accepted.requestId },
              ),
              body,
            };
          }
        }
        if (!isObject(body)) return { answer: notParsable, body };
        if (typeof body.to !== 'string' || !USER_ID_PATTERN.test(body.to)) return { answer: invalidProperty('to'), body };
        const details = validateLineMessages(body.messages);
        if (details.length) return { answer: detailsError(details), body };
        const delivered = !blocked.has(body.to);
        if (delivered && monthlyLimit !== null && deliveredPushCount >= monthlyLimit) {
          return { answer: json(429, { message: 'You have reached your monthly limit.' }), body };
        }
        if (delivered) deliveredPushCount += 1;
        const sentMessages = sentMessagesFor(body.messages as messagingApi.Message[]);
        return { answer: { ...json(200, { sentMessages }), delivered }, body };
      }

      case 'loading': {
        if (!isObject(body)) return { answer: notParsable, body };
        if (typeof body.chatId !== 'string' || !USER_ID_PATTERN.test(body.chatId)) return { answer: invalidProperty('chatId'), body };
        const seconds = body.loadingSeconds;
        if (seconds !== undefined && (!isInteger(seconds) || seconds < 5 || seconds > 60 || seconds % 5 !== 0)) {
          return { answer: detailsError([{ message: 'Must be a multiple of 5 between 5 and 60', property: 'loadingSeconds' }]), body };
        }
        return { answer: json(202, {}), body };
      }

      case 'profile': {
        const userId = param(0);
        if (!USER_ID_PATTERN.test(userId) || blocked.has(userId)) return { answer: json(404, { message: 'Not found' }), body };
        const override = profiles.get(userId) ?? {};
        return { answer: json(200, { displayName: 'テスト太郎', language: 'ja', ...override, userId }), body };
      }

      case 'quota':
        return { answer: json(200, monthlyLimit === null ? { type: 'none' } : { type: 'limited', value: monthlyLimit }), body };

      case 'quotaConsumption':
        return { answer: json(200, { totalUsage: deliveredPushCount }), body };

      case 'richMenuCreate':
      case 'richMenuValidate': {
        const details = validateRichMenu(body);
        if (details.length) return { answer: detailsError(details), body };
        if (endpoint === 'richMenuValidate') return { answer: json(200, {}), body };
        const menu = body as Omit<StoredRichMenu, 'richMenuId'>;
        const richMenuId = `richmenu-${randomBytes(16).toString('hex')}`;
        menus.set(richMenuId, {
          richMenuId,
          size: { width: menu.size.width, height: menu.size.height },
          selected: menu.selected,
          name: menu.name,
          chatBarText: menu.chatBarText,
          areas: menu.areas,
        });
        return { answer: json(200, { richMenuId }), body };
      }

      case 'richMenuList':
        return { answer: json(200, { richmenus: [...menus.values()] }), body };

      case 'richMenuGet': {
        const menu = menus.get(param(0));
        return { answer: menu ? json(200, menu) : json(404, { message: 'Not found' }), body };
      }

      case 'richMenuDelete': {
        const id = param(0);
        if (!menus.delete(id)) return { answer: json(404, { message: 'Not found' }), body };
        menuImages.delete(id);
        if (defaultMenu === id) defaultMenu = undefined;
        for (const [user, menuId] of userMenus) if (menuId === id) userMenus.delete(user);
        return { answer: json(200, {}), body };
      }

      case 'richMenuImageUpload': {
        const id = param(0);
        if (!menus.has(id)) return { answer: json(404, { message: 'Not found' }), body };
        if (contentType !== 'image/png' && contentType !== 'image/jpeg') {
          return { answer: json(415, { message: 'A content type not supported by the API is requested.' }), body };
        }
        if (bodyBytes > MAX_RICH_MENU_IMAGE_BYTES) return { answer: json(413, { message: 'The image exceeds the maximum file size of 1 MB' }), body };
        if (!looksLikeImage(contentType, bytes)) return { answer: json(400, { message: `The request body is not a valid ${contentType} image` }), body };
        if (menuImages.has(id)) return { answer: json(400, { message: 'An image has already been uploaded to the richmenu' }), body };
        menuImages.set(id, { contentType, bytes: Buffer.from(bytes) });
        return { answer: json(200, {}), body };
      }

      case 'messageContent': {
        const content = contents.get(param(0));
        if (!content) return { answer: json(404, { message: 'Not found' }), body };
        return { answer: { status: 200, body: undefined, raw: content }, body };
      }

      case 'richMenuImageDownload': {
        const image = menuImages.get(param(0));
        if (!image) return { answer: json(404, { message: 'Not found' }), body };
        return { answer: { status: 200, body: undefined, raw: image }, body };
      }

      case 'richMenuSetDefault': {
        const id = param(0);
        if (!menus.has(id)) return { answer: json(404, { message: 'Not found' }), body };
        if (!menuImages.has(id)) return { answer: json(400, { message: 'An image has not been uploaded to the richmenu' }), body };
        defaultMenu = id;
        return { answer: json(200, {}), body };
      }

      case 'richMenuGetDefault':
        return { answer: defaultMenu ? json(200, { richMenuId: defaultMenu }) : json(404, { message: 'Not found' }), body };

      case 'richMenuCancelDefault':
        defaultMenu = undefined;
        return { answer: json(200, {}), body };

      case 'richMenuLinkUser': {
        const userId = param(0);
        const id = param(1);
        if (!USER_ID_PATTERN.test(userId)) return { answer: json(400, { message: 'The user ID is invalid' }), body };
        if (!menus.has(id)) return { answer: json(404, { message: 'Not found' }), body };
        if (!menuImages.has(id)) return { answer: json(400, { message: 'An image has not been uploaded to the richmenu' }), body };
        userMenus.set(userId, id);
        return { answer: json(200, {}), body };
      }

      case 'richMenuGetUser': {
        const id = userMenus.get(param(0));
        return { answer: id ? json(200, { richMenuId: id }) : json(404, { message: 'Not found' }), body };
      }

      case 'richMenuUnlinkUser':
        userMenus.delete(param(0));
        return { answer: json(200, {}), body };

      // `{ richMenuId, userIds }` (1–500 users): LINE accepts with 202 and links them shortly after; here at once.
      case 'richMenuBulkLink': {
        const request = (isObject(body) ? body : {}) as { richMenuId?: unknown; userIds?: unknown };
        const userIds = Array.isArray(request.userIds) ? request.userIds : [];
        if (userIds.length < 1 || userIds.length > 500 || !userIds.every((u) => typeof u === 'string' && USER_ID_PATTERN.test(u))) {
          return { answer: detailsError([{ message: 'must be 1 to 500 user IDs', property: 'userIds' }]), body };
        }
        const id = request.richMenuId;
        if (typeof id !== 'string' || !menus.has(id)) return { answer: json(400, { message: 'richmenu not found' }), body };
        if (!menuImages.has(id)) return { answer: json(400, { message: 'An image has not been uploaded to the richmenu' }), body };
        for (const userId of userIds as string[]) userMenus.set(userId, id);
        return { answer: json(202, {}), body };
      }

      // Aliases: `{ richMenuAliasId, richMenuId }` (create), `{ richMenuId }` (update). LINE answers 400 for
      // a taken or unknown alias id and for a menu that does not exist or has no image yet.
      case 'richMenuAliasCreate':
      case 'richMenuAliasUpdate': {
        const request = (isObject(body) ? body : {}) as { richMenuAliasId?: unknown; richMenuId?: unknown };
        const aliasId = endpoint === 'richMenuAliasCreate' ? request.richMenuAliasId : param(0);
        if (typeof aliasId !== 'string' || !RICH_MENU_ALIAS_ID.test(aliasId)) {
          return { answer: detailsError([{ message: 'must match ^[a-z0-9_-]{1,32}$', property: 'richMenuAliasId' }]), body };
        }
        if (endpoint === 'richMenuAliasCreate' && aliases.has(aliasId)) return { answer: json(400, { message: 'conflict richmenu alias id' }), body };
        if (endpoint === 'richMenuAliasUpdate' && !aliases.has(aliasId)) return { answer: json(400, { message: 'richmenu alias not found' }), body };
        const id = request.richMenuId;
        if (typeof id !== 'string' || !menus.has(id)) return { answer: json(400, { message: 'richmenu not found' }), body };
        if (!menuImages.has(id)) return { answer: json(400, { message: 'An image has not been uploaded to the richmenu' }), body };
        aliases.set(aliasId, id);
        return { answer: json(200, {}), body };
      }

      case 'richMenuAliasGet': {
        const id = aliases.get(param(0));
        return { answer: id ? json(200, { richMenuAliasId: param(0), richMenuId: id }) : json(404, { message: 'Not found' }), body };
      }

      case 'richMenuAliasList':
        return { answer: json(200, { aliases: [...aliases].map(([richMenuAliasId, richMenuId]) => ({ richMenuAliasId, richMenuId })) }), body };

      case 'richMenuAliasDelete':
        if (!aliases.delete(param(0))) return { answer: json(400, { message: 'richmenu alias not found' }), body };
        return { answer: json(200, {}), body };

    }
  }

  function record(entry: RecordedLineRequest): void {
    requests.push(entry);
    if (entry.endpoint === 'push' && entry.status === 200 && !entry.injectedFailure) {
      const retryKey = entry.headers['x-line-retry-key'];
      if (retryKey) {
        acceptedRetryKeys.set(retryKey.toLowerCase(), {
          requestId: entry.requestId,
          sentMessages: (entry.responseBody as { sentMessages: LineSentMessage[] }).sentMessages,
        });
      }
    }
    for (const waiter of [...waiters]) {
      let matched = false;
      try {
        matched = waiter.predicate(entry);
      } catch (error) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (matched) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(entry);
      }
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = new Date();
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const headers = flattenHeaders(req);
    const { bytes, length } = await readBody(req);
    const requestId = randomUUID();
    const authorized = token === undefined || headers.authorization === `Bearer ${token}`;

    if (path.startsWith('/__stand-in/')) {
      const answer = authorized ? inspect(method, url, bytes) : json(401, AUTH_FAILED);
      const payload = Buffer.from(JSON.stringify(answer.body), 'utf8');
      res.writeHead(answer.status, { 'x-line-request-id': requestId, 'content-type': 'application/json', 'content-length': String(payload.length) });
      res.end(payload);
      return;
    }

    const { endpoint, params } = route(method, path);
    let answer: Answer;
    let body: unknown;
    let injectedFailure = false;
    const failure = authorized ? takeFailure(path) : undefined;
    if (!authorized) {
      answer = json(401, AUTH_FAILED);
    } else if (failure) {
      injectedFailure = true;
      answer = json(failure.status, failure.body ?? { message: DEFAULT_FAILURE_MESSAGES[failure.status] ?? `Stand-in failure (${failure.status})` });
    } else {
      try {
        ({ answer, body } = handle(endpoint, params, headers, bytes, length));
      } catch (error) {
        answer = json(500, { message: `LINE stand-in internal error: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    // 401s and injected failures are answered before parsing; still record what was sent.
    if (body === undefined && endpoint !== 'richMenuImageUpload' && bytes.length > 0) {
      const parsed = parseJson(bytes);
      if (parsed.ok) body = parsed.value;
    }

    const entry: RecordedLineRequest = {
      seq: requests.length,
      endpoint,
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      contentType: headers['content-type'],
      body,
      bodyBytes: length,
      receivedAt,
      status: answer.status,
      ok: answer.status >= 200 && answer.status < 300,
      injectedFailure,
      requestId,
      responseBody: answer.raw ? undefined : answer.body,
      ...(endpoint === 'push' && !injectedFailure ? { delivered: answer.status === 200 && answer.delivered === true } : {}),
    };
    record(entry);
    if (authorized && !injectedFailure && takeLostAnswer(path)) {
      res.destroy();
      return;
    }

    const responseHeaders: Record<string, string> = { 'x-line-request-id': requestId, ...answer.headers };
    if (answer.raw) {
      res.writeHead(answer.status, { ...responseHeaders, 'content-type': answer.raw.contentType, 'content-length': String(answer.raw.bytes.length) });
      res.end(answer.raw.bytes);
      return;
    }
    const payload = Buffer.from(JSON.stringify(answer.body ?? {}), 'utf8');
    res.writeHead(answer.status, { ...responseHeaders, 'content-type': 'application/json', 'content-length': String(payload.length) });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `LINE stand-in internal error: ${error instanceof Error ? error.message : String(error)}` }));
      } else {
        res.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  function pushViews(): LinePush[] {
    return requests
      .filter((r) => r.endpoint === 'push' && r.status === 200 && !r.injectedFailure)
      .map((r) => {
        const body = r.body as { to: string; messages: messagingApi.Message[]; notificationDisabled?: boolean };
        return {
          to: body.to,
          messages: body.messages,
          notificationDisabled: body.notificationDisabled === true,
          retryKey: r.headers['x-line-retry-key'],
          delivered: r.delivered === true,
          requestId: r.requestId,
          sentMessages: (r.responseBody as { sentMessages: LineSentMessage[] }).sentMessages,
          receivedAt: r.receivedAt,
          request: r,
        };
      });
  }

  function replyViews(): LineReply[] {
    return requests
      .filter((r) => r.endpoint === 'reply' && r.status === 200 && !r.injectedFailure)
      .map((r) => {
        const body = r.body as { replyToken: string; messages: messagingApi.Message[]; notificationDisabled?: boolean };
        return {
          replyToken: body.replyToken,
          userId: replyTokenOwners.get(body.replyToken),
          messages: body.messages,
          notificationDisabled: body.notificationDisabled === true,
          sentMessages: (r.responseBody as { sentMessages: LineSentMessage[] }).sentMessages,
          receivedAt: r.receivedAt,
          request: r,
        };
      });
  }

  let closed = false;

  return {
    baseUrl,
    port,
    requests,
    replies: replyViews,
    pushes: pushViews,
    textsFor(userId) {
      return deliveriesFor(userId).flatMap((d) => d.messages.flatMap((m) => (m.type === 'text' ? [(m as messagingApi.TextMessage).text] : [])));
    },
    deliveriesFor,
    issueReplyToken,
    expireReplyToken(replyToken) {
      usedReplyTokens.add(replyToken);
    },
    block(userId) {
      blocked.add(userId);
    },
    unblock(userId) {
      blocked.delete(userId);
    },
    setProfile(userId, profile) {
      profiles.set(userId, { ...profiles.get(userId), ...profile });
    },
    setMonthlyLimit(limit) {
      monthlyLimit = limit;
    },
    richMenus: () => [...menus.values()],
    richMenuImage: (id) => menuImages.get(id),
    defaultRichMenuId: () => defaultMenu,
    userRichMenuId: (userId) => userMenus.get(userId),
    richMenuAliases: () => Object.fromEntries(aliases),
    putContent,
    failNext(path, status, body, times = 1) {
      if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error(`failNext: invalid HTTP status ${status}`);
      if (times < 1) return;
      failures.push({ path, status, body, remaining: times });
    },
    failRandomly(path, share, statuses = [429, 500]) {
      randomFailure = share > 0 ? { path, share, statuses } : undefined;
    },
    loseAnswerNext(path, times = 1) {
      if (times >= 1) lostAnswers.push({ path, remaining: times });
    },
    waitFor(predicate, timeoutMs = 5000, waitOptions = {}) {
      if (waitOptions.includeExisting !== false) {
        const existing = requests.find(predicate);
        if (existing) return Promise.resolve(existing);
      }
      if (closed) return Promise.reject(new Error('LINE stand-in: waitFor called after close()'));
      return new Promise<RecordedLineRequest>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const seen = requests
              .slice(-10)
              .map((r) => `  #${r.seq} ${r.method} ${r.path} → ${r.status}`)
              .join('\n');
            reject(
              new Error(
                `LINE stand-in: no request matching the predicate arrived within ${timeoutMs} ms. ` +
                  `${requests.length} request(s) recorded${requests.length ? ` (last ${Math.min(10, requests.length)}):\n${seen}` : '.'}`,
              ),
            );
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    reset() {
      requests.length = 0;
      usedReplyTokens.clear();
      replyTokenOwners.clear();
      acceptedRetryKeys.clear();
      blocked.clear();
      profiles.clear();
      menus.clear();
      menuImages.clear();
      contents.clear();
      userMenus.clear();
      aliases.clear();
      defaultMenu = undefined;
      failures = [];
      randomFailure = undefined;
      lostAnswers = [];
      monthlyLimit = null;
      deliveredPushCount = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('LINE stand-in closed before a matching request arrived'));
      }
      waiters.clear();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
