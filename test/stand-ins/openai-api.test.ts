import OpenAI, { APIError, AzureOpenAI } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { DEFAULT_LISTENING_REPLY, startOpenAIStandIn, type OpenAIStandIn } from './openai-api';

const KEY = 'sk-test-yorisoi';

describe('OpenAI stand-in, driven by the real openai client', () => {
  let ai: OpenAIStandIn;
  let client: OpenAI;

  beforeAll(async () => {
    ai = await startOpenAIStandIn({ apiKey: KEY });
    // maxRetries: 0 so a failure is seen as-is; the retry test below builds its own client.
    client = new OpenAI({ apiKey: KEY, baseURL: ai.baseUrl, maxRetries: 0 });
  });
  afterAll(() => ai.close());
  beforeEach(() => ai.reset());

  it('answers a chat completion with a gentle Japanese listening reply and token usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'あなたは寄り添う相談員です。' },
        { role: 'user', content: '最近眠れないんです' },
      ],
    });

    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.choices[0]).toMatchObject({
      index: 0,
      finish_reason: 'stop',
      message: { role: 'assistant', content: DEFAULT_LISTENING_REPLY, refusal: null },
    });
    expect(completion.choices[0].message.content).toMatch(/^お話ししてくれてありがとうございます。/);
    // ceil(chars / 2): 14 + 9 prompt characters.
    expect(completion.usage).toMatchObject({ prompt_tokens: 12, completion_tokens: Math.ceil(Array.from(DEFAULT_LISTENING_REPLY).length / 2) });
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);

    const [recorded] = ai.requests;
    expect(recorded).toMatchObject({ method: 'POST', path: '/v1/chat/completions', status: 200, flavor: 'openai', stream: false });
    expect(recorded.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(recorded.body.messages[1]).toEqual({ role: 'user', content: '最近眠れないんです' });
  });

  it('lets a test script the answer from what the resident said', async () => {
    ai.setResponder((request) => {
      const last = request.messages[request.messages.length - 1];
      return String(last.content).includes('猫') ? '猫ちゃんのお話、聞かせてください。' : 'そうなんですね。';
    });

    const reply = (content: string) =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }).then((c) => c.choices[0].message.content);

    expect(await reply('うちの猫が元気なくて')).toBe('猫ちゃんのお話、聞かせてください。');
    expect(await reply('今日は雨でした')).toBe('そうなんですね。');
  });

  it('returns structured JSON output that the client parses against a zod schema', async () => {
    const Triage = z.object({ risk: z.enum(['low', 'medium', 'high']), needsHuman: z.boolean(), summary: z.string() });
    ai.setResponder((request) => {
      expect(request.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'triage', strict: true } });
      return { json: { risk: 'high', needsHuman: true, summary: '希死念慮の訴えあり' } };
    });

    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'もう消えてしまいたい' }],
      response_format: zodResponseFormat(Triage, 'triage'),
    });

    expect(completion.choices[0].message.parsed).toEqual({ risk: 'high', needsHuman: true, summary: '希死念慮の訴えあり' });
  });

  it('without a scripted answer, still returns JSON that fits the requested schema', async () => {
    const Triage = z.object({ risk: z.enum(['low', 'medium', 'high']), needsHuman: z.boolean(), tags: z.array(z.string()) });

    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'こんにちは' }],
      response_format: zodResponseFormat(Triage, 'triage'),
    });

    expect(completion.choices[0].message.parsed).toEqual({ risk: 'low', needsHuman: false, tags: [] });
  });

  it('streams the reply as chat.completion.chunk events ending in [DONE], with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: '聞いてほしいことがあります' }],
      stream: true,
      stream_options: { include_usage: true },
    });

    let text = '';
    let finishReason: string | null = null;
    let totalTokens = 0;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      expect(chunk.object).toBe('chat.completion.chunk');
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      totalTokens = chunk.usage?.total_tokens ?? totalTokens;
    }

    expect(text).toBe(DEFAULT_LISTENING_REPLY);
    expect(chunks).toBeGreaterThan(3);
    expect(finishReason).toBe('stop');
    expect(totalTokens).toBeGreaterThan(0);
    expect(ai.requests[0]).toMatchObject({ stream: true, status: 200 });
  });

  it('returns scripted tool calls', async () => {
    ai.setResponder(() => ({ toolCalls: [{ name: 'escalate_to_staff', arguments: { reason: 'self-harm' } }] }));

    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'つらい' }],
      tools: [{ type: 'function', function: { name: 'escalate_to_staff', parameters: { type: 'object', properties: { reason: { type: 'string' } } } } }],
    });

    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0];
    expect(call.type === 'function' && call.function.name).toBe('escalate_to_staff');
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ reason: 'self-harm' });
  });

  it('moderates: clean by default, and flags self-harm intent when scripted', async () => {
    const clean = await client.moderations.create({ model: 'omni-moderation-latest', input: '今日はいい天気ですね' });
    expect(clean.results[0].flagged).toBe(false);
    expect(clean.results[0].categories['self-harm/intent']).toBe(false);
    expect(clean.results[0].category_scores.violence).toBe(0);
    expect(Object.keys(clean.results[0].categories)).toEqual(
      expect.arrayContaining(['self-harm', 'self-harm/intent', 'self-harm/instructions', 'violence', 'harassment', 'hate', 'sexual']),
    );

    ai.setModerationResponder((text) => (text.includes('消えたい') ? { categories: { 'self-harm': true, 'self-harm/intent': true } } : undefined));
    const result = await client.moderations.create({ model: 'omni-moderation-latest', input: ['消えたい', 'おはよう'] });

    expect(result.results.map((r) => r.flagged)).toEqual([true, false]);
    expect(result.results[0].categories['self-harm/intent']).toBe(true);
    expect(result.results[0].category_scores['self-harm/intent']).toBeGreaterThan(0.5);
    expect(result.results[0].categories.violence).toBe(false);
  });

  it('surfaces an injected 500 as an OpenAI InternalServerError when retries are off', async () => {
    ai.failNext(500);

    const error = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'もしもし' }] }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as APIError).status).toBe(500);
    expect((error as APIError).message).toMatch(/The server had an error/);
    expect((error as APIError).requestID).toMatch(/^req_/);
    expect(ai.requests).toHaveLength(1);
    expect(ai.requests[0]).toMatchObject({ status: 500, injectedFailure: true });
    // The failure was used up: the next call is answered.
    await expect(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'もしもし' }] })).resolves.toBeDefined();
  });

  it('shows that the client retries a 500 by itself with default settings (maxRetries 2)', async () => {
    const defaultClient = new OpenAI({ apiKey: KEY, baseURL: ai.baseUrl });
    ai.failNext(500, 1, { headers: { 'retry-after-ms': '5' } });

    const completion = await defaultClient.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'もしもし' }] });

    expect(completion.choices[0].message.content).toBe(DEFAULT_LISTENING_REPLY);
    expect(ai.requests.map((r) => [r.status, r.headers['x-stainless-retry-count']])).toEqual([
      [500, '0'],
      [200, '1'],
    ]);
  });

  it('rejects a wrong API key with 401 invalid_api_key', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: ai.baseUrl, maxRetries: 0 });
    const error = await wrong.moderations.create({ input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as APIError).code).toBe('invalid_api_key');
    expect((error as APIError).type).toBe('invalid_request_error');
  });

  it('lets a slow model trip the client timeout, and records that the client gave up', async () => {
    ai.setDelay(30_000, 'chat');
    const impatient = new OpenAI({ apiKey: KEY, baseURL: ai.baseUrl, maxRetries: 0, timeout: 200 });

    const error = await impatient.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: '…' }] }).catch((e: unknown) => e);
    const recorded = await ai.waitFor((r) => r.aborted);

    // Outside jest this is an APIConnectionTimeoutError. Under jest's node environment the AbortError comes from
    // another realm (not `instanceof Error` there), the client's castToError turns it into Error('{}'), and it
    // reports a plain APIConnectionError ("Connection error."). APIConnectionTimeoutError extends
    // APIConnectionError, so this assertion holds in both.
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(recorded).toMatchObject({ status: null, endpoint: 'chat.completions' });
    // Moderation is not delayed by a chat-only delay.
    await expect(client.moderations.create({ input: 'x' })).resolves.toBeDefined();
  });

  it('serves the Azure OpenAI deployment path to AzureOpenAI with the api-key header', async () => {
    const azure = new AzureOpenAI({ endpoint: ai.origin, apiKey: KEY, apiVersion: '2024-10-21', deployment: 'yorisoi-gpt-4o-mini', maxRetries: 0 });

    const completion = await azure.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: '眠れない' }] });

    expect(completion.choices[0].message.content).toBe(DEFAULT_LISTENING_REPLY);
    const [recorded] = ai.requests;
    expect(recorded).toMatchObject({
      path: '/openai/deployments/yorisoi-gpt-4o-mini/chat/completions',
      query: { 'api-version': '2024-10-21' },
      flavor: 'azure',
      deployment: 'yorisoi-gpt-4o-mini',
      status: 200,
    });
    expect(recorded.headers['api-key']).toBe(KEY);
    expect(recorded.headers.authorization).toBeUndefined();

    const wrong = new AzureOpenAI({ endpoint: ai.origin, apiKey: 'nope', apiVersion: '2024-10-21', deployment: 'yorisoi-gpt-4o-mini', maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
  });
});
