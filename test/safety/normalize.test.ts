import {
  POST_KANA_SLANG,
  PRE_KANA_SLANG,
  katakanaToHiragana,
  normalizeForRisk,
  splitSentences,
} from '../../workflows/safety/normalize';

const n = normalizeForRisk;

describe('normalizeForRisk: width, case, kana', () => {
  it('folds half-width katakana and full-width latin (NFKC), lower-cases latin', () => {
    expect(n('ｼﾆﾀｲ')).toBe('死にたい');
    expect(n('ＯＤした')).toBe('過量服薬した');
    expect(n('I WANT TO DIE')).toBe('i want to die');
    expect(n('ｗｗｗ')).toBe('w');
  });

  it('folds katakana to hiragana but keeps the long-vowel mark', () => {
    expect(katakanaToHiragana('ロープ')).toBe('ろーぷ');
    expect(n('ロープ買った')).toBe('ろーぷ買った');
    expect(n('ゲームで死んだ')).toBe('げーむで死んだ');
  });

  it('keeps digits and decimal points', () => {
    expect(n('100000円')).toBe('100000円');
    expect(n('2.5錠')).toBe('2.5錠');
    expect(n('薬30錠のんだ　ねむい')).toBe('薬30錠のんだねむい');
  });
});

describe('normalizeForRisk: emoji, symbols, repeats, spacing', () => {
  it('turns emoji into a sentence boundary and drops decorative symbols', () => {
    expect(n('もう死にたい😭😭😭')).toBe('もう死にたい');
    expect(n('友達が死にたいって😢私も死にたい')).toBe('友達が死にたいって。私も死にたい');
    expect(n('消えたい★☆♪')).toBe('消えたい');
    expect(n('👍🏽❤️‍🔥')).toBe('');
  });

  it('collapses long repeats (but not digits)', () => {
    expect(n('しにたいいいいい')).toBe('死にたい');
    expect(n('つらいーーー')).toBe('つらいー');
    expect(n('えっっっ')).toBe('えっ');
    expect(n('しにたーーーい')).toBe('死にたい');
    expect(n('疲れた……')).toBe('疲れた');
  });

  it('removes spaces and punctuation inside Japanese words', () => {
    expect(n('死 に た い')).toBe('死にたい');
    expect(n('し・に・た・い')).toBe('死にたい');
    expect(n('死　に　た　い')).toBe('死にたい');
    expect(n('「死にたい」って')).toBe('死にたいって');
    expect(n('もう無理、死にたい')).toBe('もう無理死にたい');
  });

  it('keeps single spaces between words of spaced scripts', () => {
    expect(n('I  want   to die')).toBe('i want to die');
    expect(n('죽고 싶어')).toBe('죽고 싶어');
    expect(n('Tôi muốn chết')).toBe('tôi muốn chết');
    expect(n('मलाई मर्न मन लाग्छ')).toBe('मलाई मर्न मन लाग्छ');
  });

  it('joins spelled-out letters and drops apostrophes', () => {
    expect(n('s u i c i d e')).toBe('suicide');
    expect(n('k.i.l.l myself')).toBe('kill myself');
    expect(n("I don't want to die")).toBe('i dont want to die');
  });

  it('maps sentence enders to 。 and splits on them', () => {
    expect(n('死にたい。今夜やる！')).toBe('死にたい。今夜やる');
    expect(n('one. two? three!')).toBe('one。two。three');
    expect(splitSentences(n('死にたい。。。今夜やる'))).toEqual(['死にたい', '今夜やる']);
  });
});

describe('normalizeForRisk: slang and obfuscation', () => {
  it.each([
    ['タヒにたい', '死にたい'],
    ['タヒね', '死ね'],
    ['氏ね', '死ね'],
    ['死ne', '死ね'],
    ['4ね', '死ね'],
    ['4にたい', '死にたい'],
    ['氏にたい', '死にたい'],
    ['しにたみ', '死にたい'],
    ['消えたみ', '消えたい'],
    ['きえたい', '消えたい'],
    ['ｷｴﾀｲ', '消えたい'],
    ['死にてえ', '死にたい'],
    ['死にてぇ', '死にたい'],
    ['しんどすぎてしにてー', 'しんどすぎて死にたい'],
    ['死にたぃ…', '死にたい'],
    ['しにたくなる', '死にたくなる'],
    ['じさつしたい', '自殺したい'],
    ['リスカした', '自傷した'],
    ['ﾘｽｶやめたい', '自傷やめたい'],
    ['りすかしてる', '自傷してる'],
    ['アムカした', '自傷した'],
    ['OD', '過量服薬'],
    ['ＯＤした', '過量服薬した'],
    ['オーバードーズした', '過量服薬した'],
    ['ブロン全部', '市販薬全部'],
    ['首つり', '首吊り'],
    ['くびつりしよう', '首吊りしよう'],
    ['いま首つろうとしてる', 'いま首吊ろうとしてる'],
    ['飛びおりる', '飛び降りる'],
    ['とびおりたい', '飛び降りたい'],
    ['電車にとびこむ', '電車に飛び込む'],
    ['ころしてやる', '殺してやる'],
    ['なぐられる', '殴られる'],
    ['血がとまらん', '血が止まらない'],
    ['ﾀﾋﾀｲ', '死にたい'],
    ['ちにたい…', '死にたい'],
    ['shinitai', '死にたい'],
    ['いっそ4んだほうが楽', 'いっそ死んだほうが楽'],
    ['楽に逝ける方法', '楽に死ねる方法'],
    ['消えてぇ', '消えたい'],
    ['ビルから飛びてぇ', 'びるから飛びたい'],
  ])('%s → %s', (input, expected) => {
    expect(n(input)).toBe(expected);
  });

  it('leaves look-alike ordinary words alone', () => {
    expect(n('タヒチ旅行')).toBe('たひち旅行');
    expect(n('ありすかわいい')).toBe('ありすかわいい');
    expect(n('こころすっきり')).toBe('こころすっきり');
    expect(n('ところすぐ')).toBe('ところすぐ');
    expect(n('楽しんでね')).toBe('楽しんでね');
    expect(n('たのしんで')).toBe('たのしんで');
    expect(n('なぐさめて')).toBe('なぐさめて');
    expect(n('good food')).toBe('good food');
    expect(n('シネマ行こう')).toBe('しねま行こう');
    expect(n('4ねんせい')).toBe('4ねんせい');
    expect(n('首がつる')).toBe('首がつる');
    expect(n('うちにたいやきある')).toBe('うちにたいやきある');
    expect(n('4んせん')).toBe('4んせん');
  });

  it('keeps Thai SARA AM as typed (NFKC would split it)', () => {
    expect(n('ทำร้ายตัวเอง')).toBe('ทำร้ายตัวเอง');
  });

  it('documents every mapping', () => {
    for (const m of [...PRE_KANA_SLANG, ...POST_KANA_SLANG]) {
      expect(m.id).toMatch(/^[a-z-]+$/);
      expect(m.note.length).toBeGreaterThan(3);
      expect(m.pattern.flags).toContain('u');
      expect(m.pattern.flags).toContain('g');
    }
  });

  it('is deterministic and idempotent on its own output', () => {
    const samples = ['ｼﾆﾀｲ😭', 'タヒにたいいいい', 'ﾘｽｶした。血がとまらん', 'I  WANT to DIE', '死 に た い'];
    for (const s of samples) {
      expect(n(s)).toBe(n(s));
      expect(n(n(s))).toBe(n(s));
    }
  });
});
