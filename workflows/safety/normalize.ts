/**
 * Text normalisation for the offline risk rules.
 *
 * Pure and deterministic: only ECMAScript built-ins (String.prototype.normalize, RegExp with the
 * `u` flag), no imports, no I/O, no Date, so it runs inside the Temporal workflow sandbox.
 *
 * The output is for MATCHING ONLY. It is never shown to anyone or stored.
 *
 * Output shape:
 *   - NFKC (full/half width folded: ｼﾆﾀｲ → シニタイ, ＯＤ → OD, ｗ → w), latin lower-cased
 *   - katakana folded to hiragana (シニタイ → しにたい); rule patterns are written in hiragana
 *   - emoji become sentence boundaries, decorative symbols (★♡♪…) disappear
 *   - sentence boundaries (。．.!！?？ newlines, emoji) become a single 「。」
 *   - spaces and intra-word punctuation are removed between Japanese/Chinese characters
 *     (「死 に た い」「し・に・た・い」→ 死にたい); between words of spaced scripts (latin incl.
 *     Vietnamese, Hangul, Devanagari) a single space is kept
 *   - runs of 3+ identical characters collapse to one (しにたいいいい → しにたい, ーーー → ー),
 *     digits excepted (30錠, 100000円 stay)
 *   - net slang and obfuscations map to canonical forms, listed in PRE_KANA_SLANG and
 *     POST_KANA_SLANG below (e.g. タヒ → 死, リスカ → 自傷, OD → 過量服薬)
 */

/** One mapping: what it catches, why, and what it becomes. */
export interface SlangMapping {
  id: string;
  pattern: RegExp;
  replacement: string;
  /** when the replacement depends on the hit (romaji words, 逝く's conjugation) */
  replacer?: (hit: string) => string;
  note: string;
}

/**
 * Applied to NFKC text BEFORE katakana is folded, because the katakana shape is what tells slang
 * apart from ordinary words (タヒ vs the hiragana sequence たひ in 「したひと」).
 */
export const PRE_KANA_SLANG: readonly SlangMapping[] = [
  {
    id: 'tahi',
    // タヒ is 死 split into its visual parts. Not before チ (タヒチ = Tahiti).
    pattern: /タヒ(?=[にぬねのんだでーたっタニヌネノンダデ]|$|。|\s)/gu,
    replacement: '死',
    note: 'タヒ = 死 (visual split of the kanji)',
  },
  {
    id: 'risuka',
    // Wrist/arm/leg cutting slang; canonical 自傷 (self-harm).
    pattern: /リストカット|リスカ|アームカット|アムカ|レッグカット|レグカ/gu,
    replacement: '自傷',
    note: 'リスカ/リストカット/アムカ/レグカ = cutting → 自傷',
  },
  {
    id: 'od-ja',
    pattern: /オーバードーズ|オーバードース|オバドズ/gu,
    replacement: '過量服薬',
    note: 'オーバードーズ = overdose → 過量服薬',
  },
  {
    id: 'od-latin',
    // "OD" / "ＯＤ" (NFKC folds the full-width form), only as a standalone token, so that
    // "good", "food", "odd" are untouched. Lower-casing has already happened.
    pattern: /(?<![a-z])od(?![a-z])/gu,
    replacement: '過量服薬',
    note: 'OD / ＯＤ = overdose → 過量服薬',
  },
  {
    id: 'otc-brands',
    // Over-the-counter drugs most named in Japanese OD reports. Canonical 市販薬 (OTC drug).
    pattern: /パブロン|ブロン|メジコン|レスタミン|ウット|ナイトール|ドリエル/gu,
    replacement: '市販薬',
    note: 'OTC brand names used for OD → 市販薬',
  },
  {
    id: 'shine-katakana',
    // ｼﾈ / シネ as an insult; not シネマ, シネコン.
    pattern: /シネ(?![マコラ])/gu,
    replacement: '死ね',
    note: 'シネ = 死ね',
  },
];

/** Applied AFTER katakana → hiragana; patterns are in hiragana/kanji. */
export const POST_KANA_SLANG: readonly SlangMapping[] = [
  {
    id: 'shinitai-variants',
    // し/氏/4 + にた + い/ぃ/み (slang 〜たみ) or 〜にてえ/てぇ/てー (rough speech) → 死にたい.
    pattern: /(?:死|し|氏|4)に(?:たい|たぃ|たみ|てえ|てぇ|てー|て[ゃぇ]?ー?$)/gu,
    replacement: '死にたい',
    note: 'しにたい/氏にたい/4にたい/しにたみ/死にてえ/死にたぃ/しにてー → 死にたい',
  },
  {
    id: 'shinitai-dropped-ni',
    // 「タヒタイ」「死たい」: the に dropped in slang; ちにたい is baby talk for しにたい.
    pattern: /死た(?=い|ぃ|み)|(?<=^|。|もう|まじ|まじで|ほんと)ちにた(?=い|ぃ|み)/gu,
    replacement: '死にた',
    note: 'タヒタイ/死たい/ちにたい → 死にたい',
  },
  {
    id: 'romaji',
    // ローマ字 typed on a latin keyboard: shinitai, kietai, jisatsu
    pattern: /\bshini?tai\b|\bkietai\b|\bjisatsu\b/gu,
    replacement: '',
    replacer: (hit) => (hit === 'kietai' ? '消えたい' : hit === 'jisatsu' ? '自殺' : '死にたい'),
    note: 'shinitai → 死にたい, kietai → 消えたい, jisatsu → 自殺',
  },
  {
    id: 'shinita-stem',
    // 「しにたく(なる)」「4にたかった」: the stem before other endings.
    pattern: /(?:し|氏|4)にた(?=[くかが])/gu,
    replacement: '死にた',
    note: 'しにたく/しにたかった → 死にたく/死にたかった',
  },
  {
    id: 'shine',
    // 氏ね / 4ね / 死ne (ne is already lower-case) → 死ね. 4ね not followed by ん (4ねん = 4年).
    pattern: /氏ね|(?<![0-9])4ね(?!ん)|死ne/gu,
    replacement: '死ね',
    note: '氏ね / 4ね / 死ne = 死ね',
  },
  {
    id: 'shine-kana',
    // hiragana しね only where it stands as the word (start of a sentence or before a particle).
    pattern: /(?<=^|。)しね(?=。|$|よ|や|ば|って|と)/gu,
    replacement: '死ね',
    note: 'しね = 死ね (only as a whole word)',
  },
  {
    id: 'shinu-kana',
    // しぬ/4ぬ/氏ぬ → 死ぬ; not わたしぬき (私抜き) and similar -ぬく/-ぬけ verbs.
    pattern: /(?<!わた|あた)(?:しぬ|4ぬ|氏ぬ)(?![きけくぐ])/gu,
    replacement: '死ぬ',
    note: 'しぬ/4ぬ = 死ぬ',
  },
  {
    id: 'shinda-kana',
    // しんだ/しんで → 死んだ/死んで; not 楽しんで, 苦しんで, 悲しんで, 親しんで, 惜しんで,
    // and not しんだい (寝台), しんだん (診断), しんでん (神殿).
    pattern: /(?<![のるなたおくかや楽苦悲親惜慈怪訝勤恋])しん(?=だ(?![いん])|で(?![んし]))/gu,
    replacement: '死ん',
    note: 'しんだ/しんで = 死んだ/死んで',
  },
  {
    id: 'shin-digit',
    // 「4んだほうが楽」: 4ん before だ/で is 死ん
    pattern: /(?<![0-9])4ん(?=だ|で)/gu,
    replacement: '死ん',
    note: '4んだ/4んで → 死んだ/死んで',
  },
  {
    id: 'iku-euphemism',
    // 逝く (to pass away) as a verb: 「楽に逝ける方法」 is 楽に死ねる方法
    pattern: /逝[けきくこ]/gu,
    replacement: '',
    replacer: (hit) => ({ け: '死ね', き: '死に', く: '死ぬ', こ: '死の' })[hit[1] as 'け'] ?? hit,
    note: '逝ける/逝きたい/逝く → 死ねる/死にたい/死ぬ',
  },
  {
    id: 'shinou-kana',
    pattern: /(?:しの|4の)う(?=[かとっよ]|$|。)/gu,
    replacement: '死のう',
    note: 'しのう = 死のう',
  },
  {
    id: 'jisatsu-kana',
    pattern: /じさつ|じ殺|自さつ/gu,
    replacement: '自殺',
    note: 'じさつ = 自殺',
  },
  {
    id: 'korosu-kana',
    // ころす/ころし/ころさ/ころせ → 殺…; not こころ (心), ところ, ごろ, どころ, ぼろ.
    pattern: /(?<![こごとどぼほ])ころ(?=[すしさせそ])/gu,
    replacement: '殺',
    note: 'ころす = 殺す',
  },
  {
    id: 'kubitsuri',
    // 首つり / くびつり / 首を吊る / 首をくくる → 首吊… ; 首がつる (a cramp) is not matched.
    pattern: /(?:首|くび)を?(?:吊|つ|くく)(?=[りるろらっれ])/gu,
    replacement: '首吊',
    note: '首つり/くびつり/首を吊る/首くくる → 首吊り',
  },
  {
    id: 'tobiori',
    pattern: /(?:飛び|とび|飛)(?:降|お|下)り/gu,
    replacement: '飛び降り',
    note: 'とびおり/飛びおり/飛降り/飛び下り → 飛び降り',
  },
  {
    id: 'tobikomi',
    pattern: /(?:飛び|とび)(?:込|こ)(?=[むみんもまめ])/gu,
    replacement: '飛び込',
    note: 'とびこむ → 飛び込む',
  },
  {
    id: 'od-hiragana',
    pattern: /おーばーどーず|おーばーどーす/gu,
    replacement: '過量服薬',
    note: 'おーばーどーず (typed in hiragana) → 過量服薬',
  },
  {
    id: 'risuka-hiragana',
    // りすか typed in hiragana; not ありすかわいい (ありす + かわいい).
    pattern: /(?<![あぁ])りすか(?=[しすのをやがっ]|$|。)/gu,
    replacement: '自傷',
    note: 'りすか → 自傷',
  },
  {
    id: 'kietai',
    // きえたい / 消えたみ / きえたぃ → 消えたい
    pattern: /(?:消|き)え(?:た(?:い|み|ぃ)|て[ぇえ](?=。|$|な|わ|よ))/gu,
    replacement: '消えたい',
    note: 'きえたい/消えたみ/消えてぇ → 消えたい',
  },
  {
    id: 'tobitee',
    pattern: /飛びて[ぇえ](?=。|$|な|わ|よ)/gu,
    replacement: '飛びたい',
    note: '飛びてぇ → 飛びたい',
  },
  {
    id: 'naguru-kana',
    // なぐられる/なぐってくる → 殴…; not なぐさめ (慰め).
    pattern: /なぐ(?=[らりるれろっ])/gu,
    replacement: '殴',
    note: 'なぐる = 殴る',
  },
  {
    id: 'tatakareru-kana',
    pattern: /たたか(?=れ)/gu,
    replacement: '叩か',
    note: 'たたかれる = 叩かれる (passive only; たたかう is 戦う)',
  },
  {
    id: 'gyakutai-kana',
    pattern: /ぎゃくたい/gu,
    replacement: '虐待',
    note: 'ぎゃくたい = 虐待',
  },
  {
    id: 'tomaranai',
    // 止まんない/止まらん/とまらない → 止まらない (bleeding that won't stop is an imminence cue)
    pattern: /(?:止|と)ま(?:らない|らん|んない|らねえ|らへん)/gu,
    replacement: '止まらない',
    note: 'とまらん/止まんない → 止まらない',
  },
];

// Characters of scripts that separate words with spaces.
const SPACED_CHAR = /[\p{Script=Latin}\p{Script=Hangul}\p{Script=Devanagari}\p{Script=Cyrillic}\p{Nd}\p{M}]/u;

/** Emoji (incl. modifiers, joiners, keycaps) → sentence boundary. */
function emojiToBoundary(text: string): string {
  return text
    .replace(/[\u200d\ufe0e\ufe0f\u20e3]|\p{Emoji_Modifier}/gu, '')
    .replace(/\p{Extended_Pictographic}+/gu, '。');
}

/** Other decorative symbols (★☆♡♪※ etc., general category So) vanish. */
function stripDecorativeSymbols(text: string): string {
  return text.replace(/\p{So}/gu, '');
}

/** "s u i c i d e", "k.i.l.l", "k-i-l-l" → joined, before punctuation handling splits them. */
function joinSpacedLetters(text: string): string {
  return text.replace(/(?<![a-z])[a-z](?:[\s.\-_*]+[a-z](?![a-z])){3,}/gu, (m) => m.replace(/[\s.\-_*]+/g, ''));
}

/** Sentence enders → 。; everything else that is punctuation → space (handled below). */
function normalizePunctuation(text: string): string {
  return (
    text
      // apostrophes vanish so that don't/dont, i'm/im match the same
      .replace(/['’‘`´]/gu, '')
      // a period between digits is a decimal point, keep it
      .replace(/(?<=\d)\.(?=\d)/gu, '\u0000')
      .replace(/[。．.!！?？\r\n]+/gu, '。')
      .replace(/\u0000/gu, '.')
      // all other punctuation and symbols → space
      .replace(/[\p{P}\p{Sm}\p{Sc}\p{Sk}~〜～_|]/gu, (ch) => (ch === 'ー' || ch === '。' || ch === '.' ? ch : ' '))
  );
}

/** Remove spaces unless both neighbours belong to a spaced script; trim around 。. */
function normalizeSpaces(text: string): string {
  const collapsed = text.replace(/\s+/gu, ' ');
  let out = '';
  for (let i = 0; i < collapsed.length; i++) {
    const ch = collapsed[i];
    if (ch !== ' ') {
      out += ch;
      continue;
    }
    const prev = out.slice(-1);
    const next = collapsed[i + 1] ?? '';
    if (prev && next && SPACED_CHAR.test(prev) && SPACED_CHAR.test(next)) out += ' ';
  }
  return out;
}

/** Runs of 3+ of one character → one (digits kept); ー and っ runs of 2+ → one; 。 runs → one. */
function collapseRepeats(text: string): string {
  return text
    .replace(/(\P{Nd})\1{2,}/gu, '$1')
    .replace(/ー{2,}/gu, 'ー')
    .replace(/っ{2,}/gu, 'っ')
    .replace(/。{2,}/gu, '。');
}

function applySlang(text: string, mappings: readonly SlangMapping[]): string {
  let out = text;
  for (const m of mappings) out = m.replacer ? out.replace(m.pattern, m.replacer) : out.replace(m.pattern, m.replacement);
  return out;
}

/** ァ..ヶ → ぁ..ゖ (ー and other marks unchanged). */
export function katakanaToHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** 「しにたーい」: a long-vowel mark inside a hiragana word, before a vowel, is dropped. */
function dropInnerLongVowel(text: string): string {
  return text.replace(/(?<=[\u3041-\u3096])ー+(?=[あいうえおぁぃぅぇぉ])/gu, '');
}

/**
 * Normalise resident text for the offline risk rules. See the file comment for the output shape.
 * Example: 「ｼﾆﾀｲ…😭」→「死にたい」, 「タヒにたいいいい」→「死にたい」, 「ﾘｽｶした」→「自傷した」.
 */
export function normalizeForRisk(text: string): string {
  // NFKC splits Thai SARA AM (ำ) into NIKHAHIT + SARA AA; put it back so Thai patterns read as typed.
  let s = text.normalize('NFKC').replace(/\u0e4d\u0e32/gu, '\u0e33');
  s = emojiToBoundary(s);
  s = stripDecorativeSymbols(s);
  s = s.toLowerCase();
  s = joinSpacedLetters(s);
  s = normalizePunctuation(s);
  s = normalizeSpaces(s);
  s = collapseRepeats(s);
  s = applySlang(s, PRE_KANA_SLANG);
  s = katakanaToHiragana(s);
  s = dropInnerLongVowel(s);
  s = applySlang(s, POST_KANA_SLANG);
  s = collapseRepeats(s);
  return s.replace(/^[。\s]+|[。\s]+$/gu, '').replace(/\s*。\s*/gu, '。');
}

/** Sentences of a normalised text (split on the canonical 「。」). Empty pieces are dropped. */
export function splitSentences(normalized: string): string[] {
  return normalized.split('。').filter((s) => s.length > 0);
}
