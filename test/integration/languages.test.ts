import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type OpenAI from 'openai';
import { loadConfig } from '../../platform/config';
import { ConfigError } from '../../platform/config/errors';
import { POSTBACK } from '../../workflows/consultation/line-messages';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { EXAMPLE_PROFILE, startTestStack, TEST_PASSWORD, TestStack } from '../helpers/test-stack';

const systemPrompt = (req: OpenAI.Chat.ChatCompletionCreateParams) => String(req.messages.find((m) => m.role === 'system')?.content ?? '');
/** The model stand-in answers in the language its persona names, as a real model does. */
const REPLY_BY_PERSONA: [RegExp, string][] = [
  [/tiếng Việt/, 'Cảm ơn bạn đã chia sẻ với tôi. Bạn có thể kể thêm không?'],
  [/Answer in English/, 'Thank you for telling me. What has been on your mind?'],
];

/** Through the real webhook, LINE stand-in (profile `language`), Temporal, worker and Postgres. */
describe('every resident in their own language', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true, profile: (p) => void (p.ai.debounceSeconds = 0) });
  });
  afterAll(() => stack.stop());
  beforeEach(() =>
    stack.openai.setResponder((req) =>
      req.response_format ? { json: { level: 'none', categories: [], reason: '' } } : (REPLY_BY_PERSONA.find(([persona]) => persona.test(systemPrompt(req)))?.[1] ?? 'お話ししてくれてありがとうございます。'),
    ),
  );
  afterEach(() => stack.openai.reset());

  const listeningPrompts = () => stack.openai.requests.filter((r) => r.endpoint === 'chat.completions' && !(r.body as { response_format?: unknown }).response_format).map((r) => systemPrompt(r.body as OpenAI.Chat.ChatCompletionCreateParams));
  const labelsOf = (request: { body: unknown }) =>
    ((request.body as { messages: { quickReply?: { items: { action: { label: string; data: string } }[] } }[] }).messages.flatMap((m) => m.quickReply?.items ?? [])).map((i) => i.action);

  it('onboards, answers and gives crisis lines in Vietnamese to a resident whose LINE profile says vi', async () => {
    const vi = stack.profile.languages.vi;
    const resident = new PretendResident(stack);
    stack.line.setProfile(resident.userId, { language: 'vi' });

    await resident.follow();
    const greeting = await resident.nextAnswer();
    expect(greeting.texts).toEqual([vi.texts.greeting.trim(), vi.terms.trim(), vi.texts.termsPrompt.trim()]);
    expect(greeting.texts[0]).toContain('weekdays 9:00–18:00');
    expect(labelsOf(greeting.request).map((a) => a.label)).toEqual(['Tôi đồng ý', 'Tôi không đồng ý']);

    await resident.tap(POSTBACK.termsAgree);
    expect((await resident.nextAnswer()).texts).toEqual([vi.texts.intakeIntro.trim(), vi.intake.eligibility.text]);
    await resident.tap(POSTBACK.intake('eligibility', 'lives'));
    const ageQuestion = await resident.nextAnswer();
    expect(ageQuestion.texts).toEqual([vi.intake['age-band'].text]);
    expect(labelsOf(ageQuestion.request).map((a) => a.label)).toContain('Không muốn trả lời');
    await resident.tap(POSTBACK.intake('age-band', '30s'));
    await resident.nextAnswer();
    await resident.tap(POSTBACK.intake('topic', 'loneliness'));
    expect((await resident.nextAnswer()).texts).toEqual([vi.texts.invitation.trim()]);

    await resident.say('Dạo này tôi thấy rất cô đơn');
    expect((await resident.nextAnswer()).texts).toEqual(['Cảm ơn bạn đã chia sẻ với tôi. Bạn có thể kể thêm không?']);
    expect(listeningPrompts().at(-1)).toBe(vi.persona.trim());

    // The rules find the wish to die in Vietnamese; the lines come from the profile, introduced in Vietnamese.
    await resident.say('Tôi không muốn sống nữa, tôi muốn chết');
    const crisis = await resident.nextAnswer();
    const lines = crisis.texts.find((t) => t.startsWith(vi.texts.crisisLinesIntro.trim()));
    expect(lines).toBeDefined();
    expect(lines).toContain(`${vi.lines['yorisoi-hotline'].name}\n  0120-279-338（${vi.lines['yorisoi-hotline'].hours}）`);
    expect(crisis.texts.join('\n')).not.toContain('ひとりで抱えないでください');
    // A person is offered in Vietnamese: the queue now, or the next opening outside staff hours.
    const [beforeOpening] = vi.texts.reserved.split('{opening}');
    expect(crisis.texts.some((t) => t === vi.texts.queued.trim() || t.startsWith(beforeOpening))).toBe(true);

    const residentRow = await stack.db('residents').where({ line_user_id: resident.userId }).first('id', 'language', 'language_source');
    expect(residentRow).toMatchObject({ language: 'vi', language_source: 'line' });
    // Staff see on the case which language the resident is answered in, and why.
    const supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    const consultation = await stack.db('consultations').where({ resident_id: residentRow.id }).first('id');
    expect((await supervisor.get(`/api/consultations/${consultation.id}`)).body.data.residentLanguage).toEqual({ code: 'vi', source: 'line' });
  });

  it('answers in the new language once the resident switches it from the language menu mid-conversation', async () => {
    const { texts, languages } = stack.profile;
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.say('最近ひとりでいると、さみしくなるんです');
    expect((await resident.nextAnswer()).texts).toEqual(['お話ししてくれてありがとうございます。']);
    expect(listeningPrompts().at(-1)).toBe(stack.profile.ai.persona.trim());

    await resident.say('言語');
    const menu = await resident.nextAnswer();
    expect(menu.texts).toEqual([texts.languagePrompt.trim()]);
    const choices = labelsOf(menu.request);
    expect(choices.map((c) => c.label)).toEqual(['日本語', 'English', '简体中文', '한국어', 'Tiếng Việt', 'Português', 'Tagalog', 'नेपाली', 'Bahasa Indonesia']);

    await resident.tap(choices.find((c) => c.label === 'English')!.data);
    expect((await resident.nextAnswer()).texts).toEqual([languages.en.texts.languageChanged]);
    await resident.say('I still feel lonely in the evenings');
    expect((await resident.nextAnswer()).texts).toEqual(['Thank you for telling me. What has been on your mind?']);
    expect(listeningPrompts().at(-1)).toBe(languages.en.persona.trim());

    // A chosen language stays, whatever the resident writes next; the menu items answer in it too.
    await resident.say('やっぱりさみしい');
    await resident.nextAnswer();
    expect(listeningPrompts().at(-1)).toBe(languages.en.persona.trim());
    await resident.tap('menu=ai');
    expect((await resident.nextAnswer()).texts).toEqual([languages.en.texts.aiHere]);
    await eventually(async () =>
      expect(await stack.db('residents').where({ line_user_id: resident.userId }).first('language', 'language_source')).toEqual({ language: 'en', language_source: 'chosen' }),
    );
  });

  it('refuses to start on a profile missing a key of a shipped language, naming the key and the language', () => {
    const data = parse(fs.readFileSync(EXAMPLE_PROFILE, 'utf8'));
    delete data.languages.vi.texts.queued;
    delete data.languages.ne.intake.topic.options.money;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-languages-'));
    const file = path.join(dir, 'city.yaml');
    fs.writeFileSync(file, stringify(data));
    try {
      let failure: unknown;
      try {
        loadConfig({ NODE_ENV: 'test', MUNICIPALITY_PROFILE: file });
      } catch (err) {
        failure = err;
      }
      expect(failure).toBeInstanceOf(ConfigError);
      expect((failure as ConfigError).problems).toEqual([
        'languages.vi.texts.queued: missing (every shipped language needs every key)',
        'languages.ne.intake.topic.options.money: missing (every shipped language needs every key)',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
