import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  RISK_CATEGORIES,
  RISK_CATEGORY_LABELS_JA,
  RISK_LEVELS,
  RISK_LEVEL_LABELS_JA,
  type RiskLevel,
  compareRisk,
  maxRisk,
} from '../../workflows/safety/risk-levels';
import { SIGNAL_RULES, applyContextFloor, assessRiskByRules } from '../../workflows/safety/risk-rules';
import { EARLIER_HOLDOUTS, EVAL_SET, HOLDOUT_SET, type EvalCase } from './risk-eval-set';
import { V6_OPEN, V6_SEALED } from './eval-v6';
import { THRESHOLDS, classOf, evaluate, getsLines, isCaught, isFalseAlarm, lineClassOf } from './risk-metrics';

const level = (text: string, baseline?: RiskLevel): RiskLevel =>
  assessRiskByRules(text, baseline ? { baseline } : undefined).level;

describe('risk levels', () => {
  it('orders levels and picks the higher one', () => {
    expect(RISK_LEVELS).toEqual(['none', 'low', 'medium', 'high', 'imminent']);
    expect(maxRisk('low', 'high')).toBe('high');
    expect(maxRisk('imminent', 'medium')).toBe('imminent');
    expect(compareRisk('none', 'low')).toBeLessThan(0);
    expect(compareRisk('high', 'high')).toBe(0);
    expect([...RISK_LEVELS].reverse().sort(compareRisk)).toEqual([...RISK_LEVELS]);
  });

  it('has Japanese labels for staff', () => {
    expect(RISK_LEVELS.map((l) => RISK_LEVEL_LABELS_JA[l])).toEqual(['なし', '低', '中', '高', '切迫']);
    expect(RISK_CATEGORIES.map((c) => RISK_CATEGORY_LABELS_JA[c])).toEqual([
      '希死念慮', '自傷', '虐待', 'DV', 'いじめ', '他害', 'その他の危険',
    ]);
  });
});

describe('evaluation set', () => {
  const calm = (c: EvalCase): boolean => classOf(c) === 'calm';

  it('has the required size and mix', () => {
    const ja = EVAL_SET.filter((c) => c.lang === 'ja');
    const other = EVAL_SET.filter((c) => c.lang !== 'ja');
    expect(ja.length).toBeGreaterThanOrEqual(200);
    expect(other.length).toBeGreaterThanOrEqual(40);
    expect(EVAL_SET.filter(calm).length).toBeGreaterThanOrEqual(80);
    for (const lang of ['en', 'zh', 'ko', 'vi', 'pt', 'tl', 'ne'] as const) {
      expect(other.filter((c) => c.lang === lang).length).toBeGreaterThanOrEqual(5);
    }
  });

  it('labels crisis consistently with its definition', () => {
    for (const c of [...EVAL_SET, ...HOLDOUT_SET]) {
      if (c.expected === 'high' || c.expected === 'imminent') expect([c.text, c.crisis]).toEqual([c.text, true]);
      if (c.crisis) expect([c.text, compareRisk(c.expected, 'medium') >= 0]).toEqual([c.text, true]);
    }
  });

  it('has no duplicate messages, and the holdout does not repeat the set', () => {
    const key = (c: EvalCase): string => `${c.text}|${c.baseline ?? ''}`;
    const seen = new Set(EVAL_SET.map(key));
    expect(seen.size).toBe(EVAL_SET.length);
    for (const c of HOLDOUT_SET) expect([c.text, seen.has(key(c))]).toEqual([c.text, false]);
  });
});

describe('v6 holdout', () => {
  it('has an open and a sealed part that share no message and both cover Indonesian, Spanish and Thai', () => {
    const open = new Set(V6_OPEN.map((c) => c.text));
    expect(V6_SEALED.filter((c) => open.has(c.text)).length).toBe(0);
    expect(V6_OPEN.length + V6_SEALED.length).toBe(822);
    for (const part of [V6_OPEN, V6_SEALED]) {
      for (const lang of ['id', 'es', 'th'] as const) expect(part.filter((c) => c.lang === lang).length).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('metrics', () => {
  it('counts a crisis case as caught at min(expected, high) or above', () => {
    expect(isCaught('medium', 'medium')).toBe(true);
    expect(isCaught('medium', 'low')).toBe(false);
    expect(isCaught('high', 'medium')).toBe(false);
    expect(isCaught('imminent', 'high')).toBe(true);
    expect(isFalseAlarm('low')).toBe(false);
    expect(isFalseAlarm('medium')).toBe(true);
  });

  it('counts a crisis line from low: positives are labelled low+, negatives none', () => {
    expect(getsLines('low')).toBe(true);
    expect(getsLines('none')).toBe(false);
    const c = (expected: RiskLevel): EvalCase => ({ text: 'x', expected, crisis: false, lang: 'ja' });
    expect(lineClassOf(c('low'))).toBe('positive');
    expect(lineClassOf(c('none'))).toBe('negative');
    const set: EvalCase[] = [
      { text: 'a', expected: 'low', crisis: false, lang: 'ja' },
      { text: 'b', expected: 'medium', crisis: true, lang: 'ja' },
      { text: 'c', expected: 'none', crisis: false, lang: 'ja' },
      { text: 'd', expected: 'none', crisis: false, lang: 'ja' },
    ];
    const answers: Record<string, RiskLevel> = { a: 'none', b: 'low', c: 'low', d: 'none' };
    const r = evaluate(set, (t) => ({ level: answers[t] })).overall;
    expect([r.lineHits, r.positives, r.lineRecall]).toEqual([1, 2, 0.5]);
    expect([r.lineFalseAlarms, r.negatives, r.lineFalseAlarmRate]).toEqual([1, 2, 0.5]);
  });

  it('computes recall and false-alarm rate', () => {
    const set: EvalCase[] = [
      { text: 'a', expected: 'medium', crisis: true, lang: 'ja' },
      { text: 'b', expected: 'high', crisis: true, lang: 'ja' },
      { text: 'c', expected: 'none', crisis: false, lang: 'en' },
      { text: 'd', expected: 'low', crisis: false, lang: 'en' },
    ];
    const answers: Record<string, RiskLevel> = { a: 'medium', b: 'medium', c: 'none', d: 'medium' };
    const r = evaluate(set, (t) => ({ level: answers[t] }));
    expect(r.overall.recall).toBe(0.5);
    expect(r.overall.falseAlarmRate).toBe(0.5);
    expect(r.confusion.high.medium).toBe(1);
    expect(r.byGroup.find((g) => g.group === 'ja')!.recall).toBe(0.5);
  });
});

describe('thresholds on the evaluation set', () => {
  const report = evaluate(EVAL_SET, assessRiskByRules);
  const groups = [report.overall, ...report.byGroup.filter((g) => g.group === 'ja' || g.group === 'other languages')];

  it.each(groups.map((g) => [g.group, g] as const))('%s: recall >= 0.95 on crisis messages', (_name, g) => {
    const misses = report.results.filter((r) => r.caught === false).map((r) => `${r.case.expected}→${r.assessed} ${r.case.text}`);
    expect({ recall: g.recall >= THRESHOLDS.minRecall, misses }).toEqual({ recall: true, misses: expect.any(Array) });
  });

  it.each(groups.map((g) => [g.group, g] as const))('%s: false-alarm rate <= 0.05 on calm messages', (_name, g) => {
    expect(g.falseAlarmRate).toBeLessThanOrEqual(THRESHOLDS.maxFalseAlarmRate);
  });
});

describe('crisis-line level (issue 13: the 24-hour lines from low)', () => {
  it('main set: every message labelled low+ gets a line but one, none labelled none does', () => {
    const r = evaluate(EVAL_SET, assessRiskByRules).overall;
    expect(r.lineRecall).toBeGreaterThanOrEqual(0.99);
    expect(r.lineFalseAlarmRate).toBeLessThanOrEqual(0.01);
  });

  it('the earlier holdouts (now in-sample) keep their line recall', () => {
    const recall = Object.fromEntries(EARLIER_HOLDOUTS.map((h) => [h.name, evaluate(h.cases, assessRiskByRules).overall.lineRecall >= 0.85]));
    expect(Object.values(recall).every(Boolean)).toBe(true);
  });

  it('v6 open part (tuned on after its first measurement) stays covered', () => {
    const r = evaluate(V6_OPEN, assessRiskByRules).overall;
    expect(r.lineRecall).toBeGreaterThanOrEqual(0.97);
    expect(r.lineFalseAlarmRate).toBeLessThanOrEqual(0.02);
  });

  // The sealed part was never tuned on and is never printed. Measured at the end of issue 13:
  // line recall 61.3 % (117/191), line false alarms 9.4 % (13/139); level-exact recall 57.4 %,
  // false alarms 7.9 % (first seen: 41.9 % / 7.2 %). Far from the main-set figures: the honest
  // estimate for new phrasings. This only keeps it from getting worse (2 points of margin).
  it('v6 sealed part does not regress below its measured figures', () => {
    const r = evaluate(V6_SEALED, assessRiskByRules).overall;
    expect(r.lineRecall).toBeGreaterThanOrEqual(0.59);
    expect(r.lineFalseAlarmRate).toBeLessThanOrEqual(0.115);
    expect(r.recall).toBeGreaterThanOrEqual(0.55);
  });
});

describe('holdout (out-of-sample) regression floor', () => {
  // The holdout was labelled before the rules were run on it; its first figures (recall 78.6 %,
  // false alarms 5.3 %) are BELOW the 0.95/0.05 target and are reported as such by the bench.
  // This only guards against getting worse than that measurement; it is not the target.
  it('does not fall below the recall and false-alarm figures first measured', () => {
    const r = evaluate(HOLDOUT_SET, assessRiskByRules).overall;
    expect(r.recall).toBeGreaterThanOrEqual(0.78);
    expect(r.falseAlarmRate).toBeLessThanOrEqual(0.06);
  });
});

describe('scale levels (safety.md §3)', () => {
  it.each<[string, RiskLevel]>([
    ['消えたい', 'low'],
    ['いなくなりたい', 'low'],
    ['目が覚めなければいいのに', 'low'],
    ['生まれてこなければよかった', 'low'],
    ['もう楽になりたい。ずっと眠っていたい', 'low'],
    ['死にたい', 'medium'],
    ['自殺したい', 'medium'],
    ['死のうと思ってる', 'medium'],
    ['死にたい。薬を集めてる', 'high'],
    ['遺書を書いた', 'high'],
    ['今夜死のうと思う', 'high'],
    ['もう疲れた。明日決行する', 'high'],
    ['ロープを買った。首吊りしようと思って', 'high'],
    ['今までありがとう。さようなら', 'high'],
    ['前にODして運ばれたことある。また死にたい', 'high'],
    ['今屋上にいる', 'imminent'],
    ['今から飛び降りる', 'imminent'],
    ['薬を全部飲んだ', 'imminent'],
    ['睡眠薬50錠飲んだ', 'imminent'],
    ['ODした', 'imminent'],
    ['手首を切ってる、血が止まらない', 'imminent'],
  ])('%s → %s', (text, expected) => {
    expect(level(text)).toBe(expected);
  });

  it('issue 13 levels: passive wish low, active ideation medium, asking for a method at least medium', () => {
    for (const t of ['消えてしまいたい', 'いない方がいい', '目が覚めなければいいのに', '生まれてこなければよかった', 'I wish I could disappear']) {
      expect([t, level(t)]).toEqual([t, 'low']);
    }
    for (const t of ['もう死にたい', '自殺したい', 'I want to die', '昨日リスカした', '死に方を教えて', 'どうやって死ねばいい？', 'what is the easiest way to die']) {
      expect([t, level(t)]).toEqual([t, 'medium']);
    }
    for (const t of ['楽に死ねる方法', '練炭はどこで買える？', '何錠飲めば死ねる？', 'how many pills to overdose']) {
      expect([t, compareRisk(level(t), 'medium') >= 0]).toEqual([t, true]);
    }
    // 自殺したい contains 殺したい: it is the resident's own ideation, not a threat to others
    expect(assessRiskByRules('自殺したい').categories).toEqual(['suicidal-ideation']);
  });

  it('grades self-harm medium, high by severity, imminent with bleeding', () => {
    expect(level('リスカしちゃった')).toBe('medium');
    expect(level('さっき切った。いつもより深くて縫わなきゃかも')).toBe('high');
    expect(level('リスカしたら血がとまらん😰')).toBe('imminent');
    expect(assessRiskByRules('リスカしちゃった').categories).toEqual(['self-harm']);
  });

  it('detects abuse, DV, bullying, harm to others and other danger with their categories', () => {
    const cases: [string, RiskLevel, string][] = [
      ['親に殴られる', 'high', 'abuse'],
      ['虐待されてる', 'high', 'abuse'],
      ['家に帰りたくない、叩かれる', 'high', 'abuse'],
      ['夫に殴られる', 'high', 'dv'],
      ['旦那に殺すって言われた', 'high', 'dv'],
      ['今夫が包丁持って暴れてる、助けて', 'imminent', 'dv'],
      ['クラスでいじめられてる', 'medium', 'bullying'],
      ['いじめられてて死にたい', 'high', 'bullying'],
      ['あいつを殺してやる', 'medium', 'harm-to-others'],
      ['明日包丁持ってってあいつ殺す', 'high', 'harm-to-others'],
      ['今夜泊まるところがない', 'high', 'other-danger'],
      ['何日も食べていない', 'medium', 'other-danger'],
      ['闇金に脅されてる', 'medium', 'other-danger'],
    ];
    for (const [text, expected, category] of cases) {
      const r = assessRiskByRules(text);
      expect([text, r.level, r.categories.includes(category as never)]).toEqual([text, expected, true]);
    }
  });
});

describe('slang and obfuscation reach the same level', () => {
  it.each(['死にたい', 'ｼﾆﾀｲ', 'タヒにたい', 'しにたみ', '死にてえ', '死にたぃ', '4にたい', '氏にたい', 'しにたいいいいい', '死 に た い', 'し・に・た・い', 'もう死にたい😭😭'])(
    '%s → medium',
    (text) => expect(level(text)).toBe('medium'),
  );

  it('maps OD / ＯＤ / オーバードーズ, リスカ, 首つり, とびおり', () => {
    expect(level('ＯＤした')).toBe('imminent');
    expect(level('オーバードーズした')).toBe('imminent');
    expect(level('ﾘｽｶした')).toBe('medium');
    expect(level('首つり用のロープ買ってきた')).toBe('high');
    expect(level('いま首つろうとしてる')).toBe('imminent');
    expect(level('とびおりるならどこがいいかな')).toBe('high');
  });
});

describe('figurative uses stay calm', () => {
  it.each([
    '死ぬほど笑った',
    '暑くて死ぬ',
    '死ぬほど眠い',
    'お腹すいて死にそう',
    '仕事が死ぬほど忙しい',
    'ゲームで死んだ',
    '殺す気か（笑）',
    '推しが尊すぎて死ぬ',
    '宿題多すぎて死ぬｗ',
    '死ぬ気で頑張る！',
    '髪切った！',
    '鼻血止まらん',
    'ロープ買ってきた！キャンプ用のね',
    '明日決行！大掃除するぞ',
    '屋上でお弁当食べてる',
    '風邪薬3錠飲んだけど効かない',
    '借金で首が回らない',
  ])('%s → none', (text) => expect(level(text)).toBe('none'));
});

describe('everyday goodbyes and apologies are not farewells', () => {
  it.each<[string, RiskLevel]>([
    ['さようなら〜また明日話そ', 'none'],
    ['さよなら、また来週', 'none'],
    ['今までありがとうございました、来月引っ越します', 'none'],
    ['ごめん、遅れる', 'none'],
    ['薬飲んだ、ごめん寝る', 'none'],
    ['今日はこれで終わりにする、おやすみ', 'low'],
    ['明日は会議、死ぬ', 'none'],
    ['首吊りの木って怖い話知ってる？', 'none'],
    ['he said he would kill me if I tell anyone', 'high'],
    ['my mom is gonna kill me lol', 'none'],
  ])('%s → %s', (text, expected) => expect(level(text)).toBe(expected));
});

describe('third parties, fiction, prevention, grief', () => {
  it('third-party ideation is low and keeps its category', () => {
    const r = assessRiskByRules('友達が死にたいって言ってて心配');
    expect(r.level).toBe('low');
    expect(r.categories).toEqual(['suicidal-ideation']);
    expect(r.matched).toContain('mod:third-party');
    expect(level('母が「もう死にたい」ってよく言うんだけど、どうしたらいい？')).toBe('low');
    expect(level('同僚がリスカしてるっぽくて、声かけるべき？')).toBe('low');
  });

  it('the resident speaking for themself after a third party is not capped', () => {
    expect(level('友達が死にたいって言ってた。でも本当は私も死にたい')).toBe('medium');
    expect(level('母がいなくて死にたい')).toBe('medium');
  });

  it('news, drama, volunteering and grief are not ideation', () => {
    expect(level('ドラマで主人公が自殺した')).toBe('none');
    expect(level('ニュースで有名人が自殺したって見てびっくりした')).toBe('none');
    expect(level('自殺予防のボランティアをしている')).toBe('none');
    expect(level('祖母が亡くなって悲しい')).toBe('none');
    expect(level('父が先月死んで、家が静かすぎる')).toBe('none');
    expect(level('ドラマ見てたら私も死にたくなった')).toBe('medium');
  });
});

describe('negation', () => {
  it.each<[string, RiskLevel]>([
    ['死にたいとは思わない', 'none'],
    ['死にたいとは思わないけど、毎日つまらない', 'none'],
    ['別に死にたいわけじゃない', 'none'],
    ['死にたいなんて思ったことないよ', 'none'],
    // none since issue 13: `low` now offers the 24-hour lines, and "no longer" / "resolved" needs none
    ['もう死にたいとは思ってない', 'none'],
    ['前は死にたいって思ってたけど、今は大丈夫', 'none'],
    ['もう自傷はしてないよ', 'none'],
    ['自殺したいとかじゃなくて、相談の仕方がわからなかった', 'none'],
    ['死にたいとまでは思わないよ', 'none'],
    ['死にたくない。でも怖い', 'none'],
    ['死にたくなる夜がある', 'medium'],
    ["I don't want to die, I'm just lonely", 'none'],
    ['我不想死', 'none'],
    ['죽고 싶지 않아', 'none'],
  ])('%s → %s', (text, expected) => expect(level(text)).toBe(expected));
});

describe('context baseline', () => {
  it('keeps a floor one step below the earlier level', () => {
    expect(level('もう無理', 'high')).toBe('medium');
    expect(level('うん', 'high')).toBe('medium');
    expect(level('やっぱりもう無理かも', 'imminent')).toBe('high');
    expect(level('ありがとう、少し落ち着いた', 'medium')).toBe('low');
    expect(level('もう無理', 'low')).toBe('none');
    expect(level('もう無理')).toBe('none');
    expect(assessRiskByRules('うん', { baseline: 'high' }).matched).toContain('context:baseline-floor');
  });

  it('never lowers what the message itself shows', () => {
    expect(level('今から飛び降りる', 'low')).toBe('imminent');
    expect(applyContextFloor('imminent', 'medium')).toBe('imminent');
    expect(applyContextFloor('none', 'imminent')).toBe('high');
  });
});

describe('other languages', () => {
  it.each<[string, RiskLevel]>([
    ['I want to die', 'medium'],
    ['i want to kill myself', 'medium'],
    ['thinking about suicide', 'medium'],
    ['I want to end my life', 'medium'],
    ['I have been self harming', 'medium'],
    ['I cut myself last night', 'medium'],
    ['I took an overdose', 'imminent'],
    ['想死', 'medium'],
    ['我不想活了', 'medium'],
    ['我想自杀', 'medium'],
    ['又割腕了', 'medium'],
    ['죽고 싶어', 'medium'],
    ['자살하고 싶어요', 'medium'],
    ['자해했어', 'medium'],
    ['tôi muốn chết', 'medium'],
    ['mình muốn tự tử', 'medium'],
    ['em nghĩ đến tự sát', 'medium'],
    ['quero morrer', 'medium'],
    ['quero me matar', 'medium'],
    ['penso em suicídio', 'medium'],
    ['gusto ko nang mamatay', 'medium'],
    ['gusto kong magpakamatay', 'medium'],
    ['मलाई मर्न मन लाग्छ', 'medium'],
    ['आत्महत्या गर्न मन लाग्छ', 'medium'],
    ['Saya ingin mati', 'medium'],
    ['aku mau bunuh diri malam ini', 'high'],
    ['capek hidup, pengen menghilang', 'low'],
    ['Me quiero morir', 'medium'],
    ['Pienso en suicidarme', 'medium'],
    ['Estoy en el puente y voy a saltar', 'imminent'],
    ['ฉันอยากตาย', 'medium'],
    ['คืนนี้จะฆ่าตัวตาย', 'high'],
    ['อยากหายไปจากโลกนี้', 'low'],
  ])('%s → %s', (text, expected) => expect(level(text)).toBe(expected));

  it.each(["I'm dying of laughter", 'this traffic is killing me', 'I could die for a burger', '笑死我了', '热死了', '배고파 죽겠어', '웃겨 죽겠다', 'mệt muốn chết', 'estou morrendo de rir', 'Me muero de hambre', 'capek banget pengen mati', 'No quiero morir', 'ไม่ได้อยากตาย'])(
    'figurative %s → none',
    (text) => expect(level(text)).toBe('none'),
  );

  it('third parties and timing work across languages', () => {
    expect(level('My friend said she wants to die')).toBe('low');
    expect(level('친구가 자살하고 싶다고 해요')).toBe('low');
    expect(level("I'm going to end my life tonight")).toBe('high');
    expect(level('我今晚就去跳楼')).toBe('high');
    expect(level('오늘 밤에 자살할 거야')).toBe('high');
    expect(level('tối nay tôi sẽ tự tử')).toBe('high');
    expect(level('balak kong magpakamatay mamayang gabi')).toBe('high');
    expect(level('म आज राति आत्महत्या गर्छु')).toBe('high');
  });
});

describe('output and purity', () => {
  it('names rule ids only, never the text', () => {
    const text = '死にたい。薬を集めてる。田中花子です';
    const r = assessRiskByRules(text);
    expect(r.level).toBe('high');
    for (const id of r.matched) {
      expect(id).toMatch(/^[a-z0-9:+-]+$/);
      expect(text.includes(id)).toBe(false);
    }
  });

  it('returns the neutral answer for empty and odd input', () => {
    for (const t of ['', '   ', '😀', '。。。', 'a'.repeat(5000)]) {
      expect(assessRiskByRules(t)).toEqual({ level: 'none', categories: [], matched: [] });
    }
  });

  it('keeps rules as data with unique ids and unicode patterns', () => {
    const ids = SIGNAL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of SIGNAL_RULES) {
      expect(r.pattern.flags).toContain('u');
      expect(RISK_LEVELS).toContain(r.level);
      expect(RISK_CATEGORIES).toContain(r.category);
    }
  });

  it('imports nothing outside workflows/safety and uses no Node or clock APIs', () => {
    for (const file of ['risk-levels.ts', 'normalize.ts', 'risk-rules.ts']) {
      const src = readFileSync(join(__dirname, '../../workflows/safety', file), 'utf8');
      const imports = [...src.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
      // Siblings, and the shared contracts (plain values, no imports of their own).
      for (const spec of imports) expect([file, spec]).toEqual([file, expect.stringMatching(/^(\.\/|\.\.\/\.\.\/contracts\/)[a-z-]+$/)]);
      expect(src).not.toMatch(/\brequire\(|\bnew Date\b|\bDate\.|\bprocess\.|Math\.random|setTimeout|\bimport\(/);
    }
  });

  it('bundles for the Temporal workflow sandbox', async () => {
    const { bundleWorkflowCode } = await import('@temporalio/worker');
    const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows/safety/risk-rules'),
      logger: quiet as never,
    });
    const modules = new Set(code.match(/workflows\/safety\/[a-z-]+\.ts/g) ?? []);
    expect([...modules].sort()).toEqual([
      'workflows/safety/normalize.ts',
      'workflows/safety/risk-levels.ts',
      'workflows/safety/risk-rules.ts',
    ]);
  }, 120_000);
});
