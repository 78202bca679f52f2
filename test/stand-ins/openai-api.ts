/**
 * A stand-in for the OpenAI API (and the Azure OpenAI deployment-style API) that speaks the real
 * wire protocol, so the real `openai` package can be pointed at it:
 *
 *   const ai = await startOpenAIStandIn({ apiKey: 'sk-test' });
 *   const client = new OpenAI({ apiKey: 'sk-test', baseURL: ai.baseUrl, maxRetries: 0 });
 *   const azure = new AzureOpenAI({ endpoint: ai.origin, apiKey: 'sk-test', apiVersion: '2024-10-21', deployment: 'gpt-4o-mini' });
 *
 * Routes:
 *   POST /v1/chat/completions                                   (Bearer auth; also /openai/v1/chat/completions)
 *   POST /openai/deployments/:deployment/chat/completions?api-version=…   (Azure; `api-key` header)
 *   POST /v1/moderations
 *   GET  /v1/models, GET /v1/models/:id
 *
 * Every request is recorded once it has been answered (or the client went away). The module does
 * not import jest, so the dev simulator can use it too.
 *
 * Note: the `openai` client retries 408/409/429/5xx and connection errors/timeouts by itself
 * (`maxRetries`, default 2, backoff from 0.5 s, honouring `retry-after-ms`/`retry-after`), and its
 * default timeout is 10 minutes. Pass `maxRetries: 0` and a short `timeout` when a test wants to see
 * the first failure.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type OpenAI from 'openai';

// ---------------------------------------------------------------------------------------------
// Public types

export interface OpenAIStandInOptions {
  port?: number;
  host?: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (Azure paths: `api-key: <apiKey>` or the Bearer form). */
  apiKey?: string;
}

export type OpenAIEndpoint = 'chat.completions' | 'moderations' | 'models' | 'unknown';

export interface RecordedOpenAIRequest {
  /** 0-based position in `requests` since the last reset. */
  seq: number;
  endpoint: OpenAIEndpoint;
  /** `openai` for /v1 paths, `azure` for /openai/... paths. */
  flavor: 'openai' | 'azure';
  /** Azure deployment name from the path. */
  deployment?: string;
  /** Azure `api-version` query parameter. */
  apiVersion?: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Request headers, names lower-cased (the openai client sends e.g. `x-stainless-retry-count`). */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined if none or unparsable). */
  body: any;
  bodyBytes: number;
  stream: boolean;
  receivedAt: Date;
  /** When the answer was finished, or the client went away. */
  completedAt: Date;
  /** HTTP status sent; null if the client went away before the answer (e.g. its timeout fired during `setDelay`). */
  status: number | null;
  aborted: boolean;
  injectedFailure: boolean;
  /** `x-request-id` the stand-in answered with. */
  requestId: string;
  /** The JSON answer; for streams, the equivalent non-streamed `chat.completion` object. */
  responseBody: unknown;
}

export interface ScriptedToolCall {
  id?: string;
  name: string;
  /** A JSON string, or an object to be serialised. */
  arguments: string | object;
}

export type ChatResponderResult =
  | string
  | {
      content?: string | null;
      /** Serialised into `content` (use with `response_format: { type: 'json_schema' | 'json_object' }`). */
      json?: unknown;
      toolCalls?: ScriptedToolCall[];
      refusal?: string;
      finishReason?: 'stop' | 'length' | 'content_filter' | 'tool_calls';
    };

export interface ChatResponderContext {
  record: Omit<RecordedOpenAIRequest, 'status' | 'completedAt' | 'responseBody' | 'aborted'>;
  /** 0-based count of chat completion calls since start/reset (including this one). */
  callIndex: number;
}

export type ChatResponder = (
  request: OpenAI.Chat.ChatCompletionCreateParams,
  context: ChatResponderContext,
) => ChatResponderResult | Promise<ChatResponderResult>;

export const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;
export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];

export interface ModerationVerdict {
  /** Default: true if any category is true. */
  flagged?: boolean;
  categories?: Partial<Record<ModerationCategory, boolean>>;
  /** Default score: 0.9 for a flagged category, 0.0 otherwise. */
  scores?: Partial<Record<ModerationCategory, number>>;
}

/** Called once per moderated input item with its text (text parts joined by newlines). Return undefined for "clean". */
export type ModerationResponder = (
  text: string,
  request: OpenAI.ModerationCreateParams,
) => ModerationVerdict | undefined | Promise<ModerationVerdict | undefined>;

export interface FailNextOptions {
  /** Only requests whose path matches (string = exact path without query). Default: any path. */
  path?: string | RegExp;
  /** Response body; default an OpenAI-shaped error for `status`. */
  body?: object;
  /** Extra response headers, e.g. `{ 'retry-after-ms': '10' }` or `{ 'x-should-retry': 'false' }`. */
  headers?: Record<string, string>;
}

export type OpenAIRequestPredicate = (request: RecordedOpenAIRequest) => boolean;

export interface OpenAIStandIn {
  /** `http://127.0.0.1:<port>/v1`: `baseURL` for `new OpenAI(...)`. */
  baseUrl: string;
  /** `http://127.0.0.1:<port>`: `endpoint` for `new AzureOpenAI(...)`. */
  origin: string;
  port: number;
  /** Every answered request since start or the last `reset()` (the same array instance throughout). */
  requests: RecordedOpenAIRequest[];
  /** Replace the chat answerer. `setResponder(undefined)` restores the default. */
  setResponder(responder: ChatResponder | undefined): void;
  /** Replace the moderation verdicts. `setModerationResponder(undefined)` restores "all clean". */
  setModerationResponder(responder: ModerationResponder | undefined): void;
  /** The next `times` (default 1) requests fail with `status` and an OpenAI-shaped error; recorded with `injectedFailure: true`. */
  failNext(status: number, times?: number, options?: FailNextOptions): void;
  /** Delay every answer (chat and moderation, or only `which`) by `ms`; 0 turns it off. */
  setDelay(ms: number, which?: 'all' | 'chat' | 'moderations'): void;
  /**
   * Resolves with the first recorded request matching `predicate`: at once if one is already recorded
   * (unless `includeExisting: false`), else as soon as one is. Rejects after `timeoutMs` (default 5000).
   */
  waitFor(predicate: OpenAIRequestPredicate, timeoutMs?: number, options?: { includeExisting?: boolean }): Promise<RecordedOpenAIRequest>;
  /** Forget requests, responders, failures and delays. */
  reset(): void;
  /** Stop listening, drop open connections (also ones held by `setDelay`). Pending `waitFor`s reject. */
  close(): Promise<void>;
}

export const DEFAULT_LISTENING_REPLY =
  'お話ししてくれてありがとうございます。そう感じていらっしゃるのですね。よかったら、もう少し聞かせてください。';

// ---------------------------------------------------------------------------------------------
// Helpers

interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

function openAIError(message: string, type: string, param: string | null = null, code: string | null = null): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

function defaultErrorBody(status: number): OpenAIErrorBody {
  switch (status) {
    case 400:
      return openAIError('Invalid request (injected by the stand-in).', 'invalid_request_error');
    case 401:
      return openAIError('Incorrect API key provided.', 'invalid_request_error', null, 'invalid_api_key');
    case 403:
      return openAIError('You are not allowed to sample from this model', 'invalid_request_error', null, 'model_not_allowed');
    case 404:
      return openAIError('The model does not exist or you do not have access to it.', 'invalid_request_error', null, 'model_not_found');
    case 429:
      return openAIError('Rate limit reached for requests. Please try again in 20ms.', 'requests', null, 'rate_limit_exceeded');
    case 500:
      return openAIError('The server had an error while processing your request. Sorry about that!', 'server_error');
    case 502:
    case 503:
      return openAIError('The server is overloaded or not ready yet.', 'server_error');
    default:
      return openAIError(`Stand-in failure (HTTP ${status}).`, status >= 500 ? 'server_error' : 'invalid_request_error');
  }
}

function readBody(req: IncomingMessage): Promise<{ bytes: Buffer; length: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= 20 * 1024 * 1024) chunks.push(chunk);
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function randomId(prefix: string, chars = 29): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(chars);
  let id = prefix;
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}

/** Character count (code points), as used for the token estimate. */
function chars(text: string): number {
  return Array.from(text).length;
}

const estimateTokens = (characterCount: number) => Math.ceil(characterCount / 2);

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => (isObject(part) && typeof part.text === 'string' ? part.text : isObject(part) && typeof part.refusal === 'string' ? part.refusal : ''))
      .join('');
  }
  return '';
}

/** A minimal value satisfying a JSON schema: used for structured-output requests when no responder is set. */
export function sampleFromJsonSchema(schema: unknown, defs: Record<string, unknown> = {}, depth = 0): unknown {
  if (!isObject(schema) || depth > 20) return null;
  const localDefs = { ...defs, ...(isObject(schema.$defs) ? schema.$defs : {}), ...(isObject(schema.definitions) ? schema.definitions : {}) };
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? '';
    return sampleFromJsonSchema(localDefs[name], localDefs, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length) return sampleFromJsonSchema(options[0], localDefs, depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') ?? 'null' : schema.type;
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      const properties = isObject(schema.properties) ? schema.properties : {};
      for (const [key, propertySchema] of Object.entries(properties)) result[key] = sampleFromJsonSchema(propertySchema, localDefs, depth + 1);
      return result;
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: min }, () => sampleFromJsonSchema(schema.items, localDefs, depth + 1));
    }
    case 'string':
      return typeof schema.minLength === 'number' ? 'x'.repeat(schema.minLength) : '';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/**
 * Translation prompts (api/consultations/translation.ts) are answered from this phrasebook, keyed by the
 * target language the prompt names, else with the text tagged by that language, e.g. 「[Vietnamese] …」:
 * deterministic, and placeholders such as ⟦1⟧ survive as a real model keeps them.
 */
export const PHRASEBOOK: Record<string, Record<string, string>> = {
  Japanese: {
    'Dạo này tôi thấy rất cô đơn': '最近、とても孤独を感じています',
    'Tôi không muốn sống nữa, tôi muốn chết': 'もう生きていたくない、死にたい',
  },
  Vietnamese: {
    '話してくれてありがとうございます。よかったら、明日また話しましょう。': 'Cảm ơn bạn đã chia sẻ. Nếu được, ngày mai chúng ta nói chuyện tiếp nhé.',
  },
};
const TRANSLATION_PROMPT = /^Translate the user's message into (.+?)\./;

export function translationAnswer(request: OpenAI.Chat.ChatCompletionCreateParams): string | undefined {
  const system = request.messages.find((m) => m.role === 'system');
  const language = TRANSLATION_PROMPT.exec(textOf(system?.content))?.[1];
  if (!language) return undefined;
  const text = textOf(request.messages.find((m) => m.role === 'user')?.content);
  return PHRASEBOOK[language]?.[text] ?? `[${language}] ${text}`;
}

const defaultResponder: ChatResponder = (request) => {
  const translation = translationAnswer(request);
  if (translation !== undefined) return translation;
  const format = request.response_format;
  if (format?.type === 'json_schema') return { json: sampleFromJsonSchema(format.json_schema.schema) };
  if (format?.type === 'json_object') return { json: {} };
  return DEFAULT_LISTENING_REPLY;
};

const IMAGE_CAPABLE = new Set<ModerationCategory>(['self-harm', 'self-harm/instructions', 'self-harm/intent', 'sexual', 'violence', 'violence/graphic']);

// ---------------------------------------------------------------------------------------------
// The server

interface FailureRule {
  status: number;
  remaining: number;
  options: FailNextOptions;
}

interface Waiter {
  predicate: OpenAIRequestPredicate;
  resolve: (request: RecordedOpenAIRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** SSE events to stream instead of a JSON body. `body` then holds the equivalent completion for the record. */
  sse?: unknown[];
}

export async function startOpenAIStandIn(options: OpenAIStandInOptions = {}): Promise<OpenAIStandIn> {
  const apiKey = options.apiKey;
  const requests: RecordedOpenAIRequest[] = [];
  const waiters = new Set<Waiter>();
  const pendingTimers = new Set<NodeJS.Timeout>();

  let responder: ChatResponder = defaultResponder;
  let moderationResponder: ModerationResponder | undefined;
  let failures: FailureRule[] = [];
  let delays = { chat: 0, moderations: 0 };
  let chatCalls = 0;

  function takeFailure(path: string): FailureRule | undefined {
    const rule = failures.find((f) => {
      const p = f.options.path;
      return p === undefined || (typeof p === 'string' ? p === path : p.test(path));
    });
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) failures = failures.filter((f) => f !== rule);
    return rule;
  }

  function route(method: string, path: string): { endpoint: OpenAIEndpoint; flavor: 'openai' | 'azure'; deployment?: string; modelId?: string } {
    let match: RegExpExecArray | null;
    if ((match = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path)) && method === 'POST') {
      return { endpoint: 'chat.completions', flavor: 'azure', deployment: decodeURIComponent(match[1]) };
    }
    const azureV1 = path.startsWith('/openai/v1/');
    const rest = azureV1 ? path.slice('/openai'.length) : path;
    const flavor = azureV1 || path.startsWith('/openai/') ? 'azure' : 'openai';
    if (method === 'POST' && rest === '/v1/chat/completions') return { endpoint: 'chat.completions', flavor };
    if (method === 'POST' && rest === '/v1/moderations') return { endpoint: 'moderations', flavor };
    if (method === 'GET' && rest === '/v1/models') return { endpoint: 'models', flavor };
    if (method === 'GET' && (match = /^\/v1\/models\/([^/]+)$/.exec(rest))) return { endpoint: 'models', flavor, modelId: decodeURIComponent(match[1]) };
    return { endpoint: 'unknown', flavor };
  }

  function authorized(flavor: 'openai' | 'azure', headers: Record<string, string>): boolean {
    if (apiKey === undefined) return true;
    if (headers.authorization === `Bearer ${apiKey}`) return true;
    return flavor === 'azure' && headers['api-key'] === apiKey;
  }

  async function chatCompletion(body: Record<string, unknown>, context: ChatResponderContext, model: string): Promise<Answer> {
    if (typeof body.model !== 'string' && context.record.flavor !== 'azure') {
      return { status: 400, body: openAIError('you must provide a model parameter', 'invalid_request_error') };
    }
    if (!Array.isArray(body.messages)) {
      return { status: 400, body: openAIError("Missing required parameter: 'messages'.", 'invalid_request_error', 'messages', 'missing_required_parameter') };
    }
    if (body.messages.length === 0) {
      return {
        status: 400,
        body: openAIError("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'invalid_request_error', 'messages', 'empty_array'),
      };
    }
    const format = body.response_format;
    if (isObject(format) && format.type === 'json_schema' && (!isObject(format.json_schema) || typeof format.json_schema.name !== 'string')) {
      return {
        status: 400,
        body: openAIError("Missing required parameter: 'response_format.json_schema.name'.", 'invalid_request_error', 'response_format.json_schema.name', 'missing_required_parameter'),
      };
    }

    const request = body as unknown as OpenAI.Chat.ChatCompletionCreateParams;
    const raw = await responder(request, context);
    const result = typeof raw === 'string' ? { content: raw } : raw;

    let content: string | null = result.content ?? null;
    if (result.json !== undefined && (content === null || content === undefined)) content = JSON.stringify(result.json);
    const refusal = result.refusal ?? null;
    if (refusal !== null) content = null;
    const toolCalls = result.toolCalls?.map((call) => ({
      id: call.id ?? randomId('call_', 24),
      type: 'function' as const,
      function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
    }));
    if (toolCalls?.length && result.content === undefined && result.json === undefined) content = null;
    const finishReason = result.finishReason ?? (toolCalls?.length ? 'tool_calls' : 'stop');

    const promptChars = (body.messages as unknown[]).reduce<number>((sum, m) => sum + (isObject(m) ? chars(textOf(m.content)) : 0), 0);
    const completionChars = chars(content ?? refusal ?? '') + (toolCalls ?? []).reduce((sum, c) => sum + chars(c.function.name) + chars(c.function.arguments), 0);
    const n = typeof body.n === 'number' && body.n >= 1 ? Math.floor(body.n) : 1;
    const usage = {
      prompt_tokens: estimateTokens(promptChars),
      completion_tokens: estimateTokens(completionChars) * n,
      total_tokens: estimateTokens(promptChars) + estimateTokens(completionChars) * n,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    };
    const id = randomId('chatcmpl-');
    const created = Math.floor(Date.now() / 1000);
    const azure = context.record.flavor === 'azure';
    const contentFilterResults = {
      hate: { filtered: false, severity: 'safe' },
      self_harm: { filtered: false, severity: 'safe' },
      sexual: { filtered: false, severity: 'safe' },
      violence: { filtered: false, severity: 'safe' },
    };
    const message = {
      role: 'assistant' as const,
      content,
      refusal,
      ...(toolCalls?.length ? { tool_calls: toolCalls } : {}),
      annotations: [],
    };
    const completion = {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: Array.from({ length: n }, (_, index) => ({
        index,
        message,
        finish_reason: finishReason,
        logprobs: null,
        ...(azure ? { content_filter_results: contentFilterResults } : {}),
      })),
      usage,
      service_tier: 'default',
      system_fingerprint: 'fp_standin',
      ...(azure ? { prompt_filter_results: [{ prompt_index: 0, content_filter_results: contentFilterResults }] } : {}),
    };
    if (body.stream !== true) return { status: 200, body: completion };

    // Streaming: role chunk, content/tool-call deltas, a finish chunk, optionally a usage chunk.
    const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: 'fp_standin',
      choices,
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    });
    const events: unknown[] = [];
    for (let index = 0; index < n; index++) {
      events.push(chunk([{ index, delta: { role: 'assistant', content: toolCalls?.length ? null : '', refusal: null }, logprobs: null, finish_reason: null }]));
      if (content) {
        const codePoints = Array.from(content);
        for (let i = 0; i < codePoints.length; i += 4) {
          events.push(chunk([{ index, delta: { content: codePoints.slice(i, i + 4).join('') }, logprobs: null, finish_reason: null }]));
        }
      }
      if (refusal) events.push(chunk([{ index, delta: { refusal }, logprobs: null, finish_reason: null }]));
      toolCalls?.forEach((call, callIndex) => {
        events.push(
          chunk([
            {
              index,
              delta: { tool_calls: [{ index: callIndex, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] },
              logprobs: null,
              finish_reason: null,
            },
          ]),
        );
        events.push(chunk([{ index, delta: { tool_calls: [{ index: callIndex, function: { arguments: call.function.arguments } }] }, logprobs: null, finish_reason: null }]));
      });
      events.push(chunk([{ index, delta: {}, logprobs: null, finish_reason: finishReason }]));
    }
    if (includeUsage) events.push(chunk([], { usage }));
    return { status: 200, body: completion, sse: events };
  }

  async function moderation(body: Record<string, unknown>): Promise<Answer> {
    const input = body.input;
    let items: { text: string; hasImage: boolean }[];
    if (typeof input === 'string') items = [{ text: input, hasImage: false }];
    else if (Array.isArray(input) && input.every((i) => typeof i === 'string')) items = (input as string[]).map((text) => ({ text, hasImage: false }));
    else if (Array.isArray(input) && input.length > 0) {
      const parts = input as unknown[];
      items = [
        {
          text: parts.flatMap((p) => (isObject(p) && p.type === 'text' && typeof p.text === 'string' ? [p.text] : [])).join('\n'),
          hasImage: parts.some((p) => isObject(p) && p.type === 'image_url'),
        },
      ];
    } else {
      return { status: 400, body: openAIError("Missing required parameter: 'input'.", 'invalid_request_error', 'input', 'missing_required_parameter') };
    }
    const results = [];
    for (const item of items) {
      const verdict = (moderationResponder ? await moderationResponder(item.text, body as unknown as OpenAI.ModerationCreateParams) : undefined) ?? {};
      const categories = {} as Record<ModerationCategory, boolean>;
      const scores = {} as Record<ModerationCategory, number>;
      const applied = {} as Record<ModerationCategory, string[]>;
      for (const category of MODERATION_CATEGORIES) {
        categories[category] = verdict.categories?.[category] === true;
        scores[category] = verdict.scores?.[category] ?? (categories[category] ? 0.9 : 0.0);
        applied[category] = [...(item.text ? ['text'] : []), ...(item.hasImage && IMAGE_CAPABLE.has(category) ? ['image'] : [])];
      }
      results.push({
        flagged: verdict.flagged ?? Object.values(categories).some(Boolean),
        categories,
        category_scores: scores,
        category_applied_input_types: applied,
      });
    }
    return {
      status: 200,
      body: { id: randomId('modr-', 24), model: typeof body.model === 'string' ? body.model : 'omni-moderation-latest', results },
    };
  }

  function record(entry: RecordedOpenAIRequest): void {
    requests.push(entry);
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

  function sleepUnlessGone(ms: number, res: ServerResponse): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const onClose = () => {
        clearTimeout(timer);
        pendingTimers.delete(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        res.off('close', onClose);
        resolve(true);
      }, ms);
      pendingTimers.add(timer);
      res.once('close', onClose);
    });
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = new Date();
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    const headers = flattenHeaders(req);
    const { bytes, length } = await readBody(req);
    const { endpoint, flavor, deployment, modelId } = route(method, path);
    const apiVersion = url.searchParams.get('api-version') ?? undefined;
    const requestId = `req_${randomBytes(16).toString('hex')}`;

    let body: any;
    let parseError = false;
    if (bytes.length > 0) {
      try {
        body = JSON.parse(bytes.toString('utf8'));
      } catch {
        parseError = true;
      }
    }
    const stream = isObject(body) && body.stream === true;
    const base = {
      seq: -1,
      endpoint,
      flavor,
      ...(deployment !== undefined ? { deployment } : {}),
      ...(apiVersion !== undefined ? { apiVersion } : {}),
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      bodyBytes: length,
      stream,
      receivedAt,
      injectedFailure: false,
      requestId,
    };

    let answer: Answer;
    const failure = authorized(flavor, headers) ? takeFailure(path) : undefined;
    if (!authorized(flavor, headers)) {
      answer =
        flavor === 'azure'
          ? {
              status: 401,
              body: {
                error: {
                  code: '401',
                  message:
                    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
                },
              },
            }
          : {
              status: 401,
              body: openAIError(
                'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
                'invalid_request_error',
                null,
                'invalid_api_key',
              ),
            };
    } else if (failure) {
      base.injectedFailure = true;
      answer = { status: failure.status, body: failure.options.body ?? defaultErrorBody(failure.status), headers: failure.options.headers };
    } else if (endpoint === 'unknown') {
      answer =
        flavor === 'azure'
          ? { status: 404, body: { error: { code: '404', message: 'Resource not found' } } }
          : { status: 404, body: openAIError(`Invalid URL (${method} ${path})`, 'invalid_request_error') };
    } else if (flavor === 'azure' && deployment !== undefined && apiVersion === undefined) {
      answer = { status: 404, body: { error: { code: '404', message: 'Resource not found' } } };
    } else if (parseError || (method === 'POST' && !isObject(body))) {
      answer = {
        status: 400,
        body: openAIError(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
          'invalid_request_error',
        ),
      };
    } else {
      try {
        if (endpoint === 'chat.completions') {
          const callIndex = chatCalls++;
          const model = typeof body.model === 'string' ? body.model : (deployment ?? 'gpt-4o-mini');
          answer = await chatCompletion(body as Record<string, unknown>, { record: base, callIndex }, model);
        } else if (endpoint === 'moderations') {
          answer = await moderation(body as Record<string, unknown>);
        } else if (modelId !== undefined) {
          answer = { status: 200, body: { id: modelId, object: 'model', created: 1700000000, owned_by: 'system' } };
        } else {
          answer = {
            status: 200,
            body: {
              object: 'list',
              data: ['gpt-4o-mini', 'gpt-4o', 'omni-moderation-latest'].map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'system' })),
            },
          };
        }
      } catch (error) {
        answer = { status: 500, body: openAIError(`OpenAI stand-in responder failed: ${error instanceof Error ? error.message : String(error)}`, 'server_error') };
      }
    }

    const delay = endpoint === 'chat.completions' ? delays.chat : endpoint === 'moderations' ? delays.moderations : 0;
    const stillThere = await sleepUnlessGone(delay, res);
    if (!stillThere || res.destroyed) {
      record({ ...base, seq: requests.length, status: null, aborted: true, completedAt: new Date(), responseBody: undefined });
      return;
    }

    const responseHeaders: Record<string, string> = {
      'x-request-id': requestId,
      'openai-processing-ms': String(Date.now() - receivedAt.getTime()),
      ...answer.headers,
    };
    if (answer.sse) {
      res.writeHead(answer.status, { ...responseHeaders, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      for (const event of answer.sse) res.write(`data: ${JSON.stringify(event)}\n\n`);
      res.end('data: [DONE]\n\n');
    } else {
      const payload = Buffer.from(JSON.stringify(answer.body), 'utf8');
      res.writeHead(answer.status, { ...responseHeaders, 'content-type': 'application/json', 'content-length': String(payload.length) });
      res.end(payload);
    }
    record({ ...base, seq: requests.length, status: answer.status, aborted: false, completedAt: new Date(), responseBody: answer.body });
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(openAIError(`OpenAI stand-in internal error: ${error instanceof Error ? error.message : String(error)}`, 'server_error')));
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
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closed = false;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    port,
    requests,
    setResponder(fn) {
      responder = fn ?? defaultResponder;
    },
    setModerationResponder(fn) {
      moderationResponder = fn;
    },
    failNext(status, times = 1, failOptions = {}) {
      if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error(`failNext: invalid HTTP status ${status}`);
      if (times < 1) return;
      failures.push({ status, remaining: times, options: failOptions });
    },
    setDelay(ms, which = 'all') {
      if (which === 'all' || which === 'chat') delays.chat = ms;
      if (which === 'all' || which === 'moderations') delays.moderations = ms;
    },
    waitFor(predicate, timeoutMs = 5000, waitOptions = {}) {
      if (waitOptions.includeExisting !== false) {
        const existing = requests.find(predicate);
        if (existing) return Promise.resolve(existing);
      }
      if (closed) return Promise.reject(new Error('OpenAI stand-in: waitFor called after close()'));
      return new Promise<RecordedOpenAIRequest>((resolve, reject) => {
        const waiter: Waiter = {
          predicate,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const seen = requests
              .slice(-10)
              .map((r) => `  #${r.seq} ${r.method} ${r.path} → ${r.aborted ? 'aborted by client' : r.status}`)
              .join('\n');
            reject(
              new Error(
                `OpenAI stand-in: no request matching the predicate arrived within ${timeoutMs} ms. ` +
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
      responder = defaultResponder;
      moderationResponder = undefined;
      failures = [];
      delays = { chat: 0, moderations: 0 };
      chatCalls = 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error('OpenAI stand-in closed before a matching request arrived'));
      }
      waiters.clear();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
