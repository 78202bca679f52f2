import { buildListeningPrompt, estimateTokens } from '../../../activities/listening/listening-prompt';
import path from 'node:path';
import { offlineListeningReply } from '../../../activities/listening/offline-listener';
import { loadProfile } from '../../../platform/config/profile';
import { checkOutput } from '../../../activities/listening/output-check';
import { maskPersonalData } from '../../../activities/listening/pii-mask';

describe('personal data masking before the model', () => {
  it.each([
    ['電話は090-1234-5678です', '電話は[電話番号]です'],
    ['０３（１２３４）５６７８にかけて', '[電話番号]にかけて'],
    ['メールは taro.yamada+x@example.co.jp', 'メールは [メール]'],
    ['〒990-8540 山形市旅篭町二丁目3番25号', '[郵便番号] [住所]'],
    ['サンプル市本町1-2-3に住んでます', '[住所]に住んでます'],
    ['私は山田です。', '私は[名前]です。'],
    ['名前は佐藤花子といいます', '名前は[名前]といいます'],
  ])('%s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it('leaves feelings alone', () => {
    expect(maskPersonalData('私は悲しいです。毎日さみしい')).toBe('私は悲しいです。毎日さみしい');
  });
});

describe('output check of AI answers', () => {
  const policy = { maxChars: 120, allowedPhones: ['0120-279-338', '119'], allowedUrls: ['https://city.example/'] };

  it('passes a warm answer and a profile number', () => {
    expect(checkOutput('つらかったですね。よりそいホットライン（0120-279-338）にも電話できます。', policy)).toEqual({ ok: true, text: expect.any(String) });
  });

  it('refuses invented phone numbers, foreign URLs and method information', () => {
    expect(checkOutput('こちらに電話してください: 0570-000-123', policy)).toEqual({ ok: false, reason: 'phone' });
    expect(checkOutput('#7119 に相談を', policy)).toEqual({ ok: false, reason: 'phone' });
    expect(checkOutput('詳しくは https://evil.example/help を', policy)).toEqual({ ok: false, reason: 'url' });
    expect(checkOutput('市販薬の致死量は…', policy)).toEqual({ ok: false, reason: 'method' });
    expect(checkOutput('楽に死ねる方法はありません', policy)).toEqual({ ok: false, reason: 'method' });
  });

  it('cuts an over-long answer at a sentence end, or refuses one that has none', () => {
    const long = 'お話を聞かせてくださってありがとうございます。'.repeat(8);
    const cut = checkOutput(long, policy);
    expect(cut.ok && cut.text.length).toBeLessThanOrEqual(120);
    expect(cut.ok && cut.text.endsWith('。')).toBe(true);
    expect(checkOutput('あ'.repeat(200), policy)).toEqual({ ok: false, reason: 'too-long' });
  });
});

describe('offline listener', () => {
  const profile = loadProfile(path.resolve(__dirname, '../../../profiles/example.yaml'));
  const texts = profile.texts;

  it('reflects the feeling and asks an open question', () => {
    const reply = offlineListeningReply({ residentText: '最近ずっとさみしくて', turn: 1, texts });
    expect(reply).toContain('さみしさ');
    expect(reply).toMatch(/[？?]$/);
  });

  it('never repeats a sentence of its previous answer over many turns', () => {
    let previous: string | undefined;
    for (let turn = 0; turn < 30; turn += 1) {
      const reply = offlineListeningReply({ residentText: 'つらい', turn, previousReply: previous, texts });
      const sentences = reply.split(/(?<=[。？])/);
      for (const s of sentences) expect(previous ?? '').not.toContain(s);
      previous = reply;
    }
  });

  it('says it is an AI when asked, with the staff hours of the city calendar', () => {
    const reply = offlineListeningReply({ residentText: 'あなたはAIなの？', turn: 0, texts });
    expect(reply).toContain('わたしはAIの聞き役です');
    expect(reply).toContain('平日9時〜18時（祝日・年末年始を除く）');
    const kawabe = loadProfile(path.resolve(__dirname, '../../../profiles/example-kawabe.yaml'));
    const kawabeReply = offlineListeningReply({ residentText: 'あなたはAIなの？', turn: 0, texts: kawabe.texts });
    expect(kawabeReply).toContain('月〜土曜日8時30分〜17時15分');
    expect(kawabeReply).not.toContain('平日9時〜18時');
  });

  it('answers in the resident language from its catalogue, varying between turns', () => {
    const vi = profile.languages.vi.texts;
    const first = offlineListeningReply({ residentText: 'Tôi thấy rất cô đơn', turn: 1, language: 'vi', texts: vi });
    const second = offlineListeningReply({ residentText: 'Tôi thấy rất cô đơn', turn: 2, language: 'vi', texts: vi, previousReply: first });
    expect(first).toBe(`${vi.listenerAcknowledgement} ${vi.listenerQuestion}`);
    expect(second).toBe(vi.aiFallback);
    expect(offlineListeningReply({ residentText: 'Are you a bot?', turn: 1, language: 'en', texts: profile.languages.en.texts })).toMatch(/^I am an AI listener\. If you would like to talk to a person, staff can answer weekdays 9:00–18:00/);
  });
});

describe('listening prompt', () => {
  it('keeps the newest turns inside the budget, summarises older ones and masks personal data', () => {
    const turns = Array.from({ length: 40 }, (_, i) => ({ role: i % 2 ? ('ai' as const) : ('resident' as const), text: `${i}番目の話です。電話は090-1111-2222です。` + 'あ'.repeat(50) }));
    const messages = buildListeningPrompt({ persona: 'あなたは聞き役です。', turns, tokenBudget: 1000 });
    const total = messages.reduce((sum, m) => sum + estimateTokens(m.content), 0);
    expect(total).toBeLessThanOrEqual(1000);
    expect(messages[0]).toEqual({ role: 'system', content: 'あなたは聞き役です。' });
    expect(messages[1].content).toMatch(/^これまでの相談者の話の要点/);
    expect(messages[messages.length - 1].content).toContain('39番目');
    expect(JSON.stringify(messages)).not.toContain('090-1111-2222');
  });
});
