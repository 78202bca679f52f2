/**
 * The two short outcome scales, optional and skippable, asked at intake and once more by consented
 * follow-up after 2–4 weeks, and how they are scored. Pure (no Temporal imports, no clock reads).
 *
 * UCLA-3 loneliness (Hughes et al. 2004, the 3-item short form of the UCLA Loneliness Scale; Japanese
 * wording after Arimoto & Tadaka 2019): 3 items, each scored 1 (ほとんどない) · 2 (時々ある) · 3 (常にある);
 * total 3–9, higher is lonelier; a total of 6 or more is commonly read as lonely.
 *
 * K6 psychological distress (Kessler et al. 2002; Japanese version Furukawa et al. 2008), over the past
 * 30 days: 6 items, each scored 0 (全くない) · 1 (少しだけ) · 2 (ときどき) · 3 (たいてい) · 4 (いつも); total
 * 0–24; 13 or more is serious psychological distress, 5–12 moderate.
 *
 * An item left unanswered leaves the total undefined (no imputation: a skipped scale is not a low score).
 */
import type { QuickReplyItem, TextMessage } from '../consultation/line-messages';
import type { RiskLevel } from '../safety/risk-levels';

export type ScaleId = 'ucla3' | 'k6';
export type ScaleOccasion = 'intake' | 'follow-up';

export interface ScaleItem {
  id: string;
  text: string;
}

export interface ScaleDefinition {
  id: ScaleId;
  /** Shown before the first item. */
  intro: string;
  items: ScaleItem[];
  /** Answer choices, in the order offered, with their scores. Labels fit LINE's 20 characters. */
  choices: { score: number; label: string }[];
  range: { min: number; max: number };
}

export const UCLA3: ScaleDefinition = {
  id: 'ucla3',
  intro: 'ふだんの気持ちについて、3つだけおうかがいします。答えたくないときは「答えない」を選んでください。',
  items: [
    { id: 'companionship', text: '自分には人とのつきあいがないと感じることがありますか？' },
    { id: 'left-out', text: '自分は取り残されていると感じることがありますか？' },
    { id: 'isolated', text: '自分は他の人たちから孤立していると感じることがありますか？' },
  ],
  choices: [
    { score: 1, label: 'ほとんどない' },
    { score: 2, label: '時々ある' },
    { score: 3, label: '常にある' },
  ],
  range: { min: 3, max: 9 },
};

export const K6: ScaleDefinition = {
  id: 'k6',
  intro: 'この30日間の気持ちについて、6つおうかがいします。答えたくないときは「答えない」を選んでください。',
  items: [
    { id: 'nervous', text: '神経過敏に感じましたか？' },
    { id: 'hopeless', text: '絶望的だと感じましたか？' },
    { id: 'restless', text: 'そわそわ、落ち着かなく感じましたか？' },
    { id: 'depressed', text: '気分が沈み込んで、何が起こっても気が晴れないように感じましたか？' },
    { id: 'effort', text: '何をするのも骨折りだと感じましたか？' },
    { id: 'worthless', text: '自分は価値のない人間だと感じましたか？' },
  ],
  choices: [
    { score: 0, label: '全くない' },
    { score: 1, label: '少しだけ' },
    { score: 2, label: 'ときどき' },
    { score: 3, label: 'たいてい' },
    { score: 4, label: 'いつも' },
  ],
  range: { min: 0, max: 24 },
};

export const SCALES: Record<ScaleId, ScaleDefinition> = { ucla3: UCLA3, k6: K6 };

export const K6_SERIOUS_DISTRESS = 13;
export const UCLA3_LONELY = 6;
/** The K6 items whose top answer (いつも) alone brings the case to staff review. */
const K6_SENTINEL_ITEMS = ['hopeless', 'worthless'] as const;

/** Item id → score, only answered items. */
export type ScaleAnswers = Record<string, number>;

export function isValidAnswer(scale: ScaleDefinition, itemId: string, score: number): boolean {
  return scale.items.some((i) => i.id === itemId) && scale.choices.some((c) => c.score === score);
}

/** The total when every item is answered with a valid score; undefined otherwise. */
export function scaleTotal(scale: ScaleDefinition, answers: ScaleAnswers): number | undefined {
  let total = 0;
  for (const item of scale.items) {
    const score = answers[item.id];
    if (score === undefined || !isValidAnswer(scale, item.id, score)) return undefined;
    total += score;
  }
  return total;
}

export type K6Band = 'low' | 'moderate' | 'serious';

export function k6Band(total: number): K6Band {
  return total >= K6_SERIOUS_DISTRESS ? 'serious' : total >= 5 ? 'moderate' : 'low';
}

/**
 * What K6 answers add to the risk check: serious distress (total ≥ 13, or 「いつも」 on hopelessness or
 * worthlessness, even with items skipped) is `low` — offer the 24-hour lines and flag the case for staff
 * review (safety.md §3). Never more: the scale asks no question about suicide, so it cannot show
 * active ideation. The caller combines it with `maxRisk`, so it only ever raises risk.
 */
export function k6Risk(answers: ScaleAnswers): RiskLevel {
  const total = scaleTotal(K6, answers);
  if (total !== undefined && total >= K6_SERIOUS_DISTRESS) return 'low';
  if (K6_SENTINEL_ITEMS.some((id) => answers[id] === 4)) return 'low';
  return 'none';
}

// ---------------------------------------------------------------------------------------------
// Postbacks: `scale=<id>&item=<itemId>&score=<n>`, or `scale=<id>&skip=1` for 「答えない」.

export const scaleAnswerData = (scale: ScaleId, itemId: string, score: number) => `scale=${scale}&item=${itemId}&score=${score}`;
export const scaleSkipData = (scale: ScaleId) => `scale=${scale}&skip=1`;

export type ScalePostback = { kind: 'answer'; scale: ScaleId; itemId: string; score: number } | { kind: 'skip'; scale: ScaleId };

export function parseScalePostback(data: string): ScalePostback | undefined {
  const skip = /^scale=(ucla3|k6)&skip=1$/.exec(data);
  if (skip) return { kind: 'skip', scale: skip[1] as ScaleId };
  const m = /^scale=(ucla3|k6)&item=([a-z-]+)&score=(\d)$/.exec(data);
  if (!m) return undefined;
  const scale = m[1] as ScaleId;
  const score = Number(m[3]);
  return isValidAnswer(SCALES[scale], m[2], score) ? { kind: 'answer', scale, itemId: m[2], score } : undefined;
}

/** The next unanswered item, or undefined when the scale is complete. */
export function nextItem(scale: ScaleDefinition, answers: ScaleAnswers): ScaleItem | undefined {
  return scale.items.find((i) => answers[i.id] === undefined);
}

// ---------------------------------------------------------------------------------------------
// Before and after, for the report.

export interface ScaleResult {
  residentId: string;
  scale: ScaleId;
  occasion: ScaleOccasion;
  total: number;
}

/**
 * Mean change (follow-up minus intake) among residents with both, per scale; `n` is how many. The report
 * hides a cell with n below its small-cell threshold (the caller's `suppressBelow`): `mean` is then null.
 */
export function beforeAfterChange(results: ScaleResult[], scale: ScaleId, suppressBelow: number): { n: number; meanChange: number | null; hidden: boolean } {
  const intake = new Map<string, number>();
  const followUp = new Map<string, number>();
  for (const r of results) if (r.scale === scale) (r.occasion === 'intake' ? intake : followUp).set(r.residentId, r.total);
  const changes = [...followUp].filter(([id]) => intake.has(id)).map(([id, after]) => after - (intake.get(id) as number));
  const n = changes.length;
  if (n === 0 || n < suppressBelow) return { n, meanChange: null, hidden: n > 0 };
  return { n, meanChange: Math.round((10 * changes.reduce((a, b) => a + b, 0)) / n) / 10, hidden: false };
}

// ---------------------------------------------------------------------------------------------
// LINE messages.

export const SCALE_FOLLOW_UP_TEXT = 'こんにちは、よりそいチャットです。はじめにお答えいただいた質問を、もう一度だけおうかがいしてもよいですか？答えなくても大丈夫です。';
export const SCALE_SKIP_LABEL = '答えない';
export const SCALES_DONE_TEXT = 'ありがとうございました。答えてくださったことは、よりよい相談のために使わせていただきます。';
export const SCALES_SKIPPED_TEXT = 'わかりました。答えなくても大丈夫です。いつでもここに話しかけてください。';

/**
 * A scale in another language (profile `languages.<code>.scales`): its intro, each item by id and each
 * answer label by score. The scoring never changes. A city should use a validated translation of the
 * instrument (UCLA-3 and K6 have published ones in many languages), not its own wording.
 */
export interface ScaleWording {
  intro: string;
  items: Record<string, string>;
  choices: Record<string, string>;
}

/** The scales and their closing words in the resident's language; anything left out is Japanese. */
export interface ScalesWording {
  ucla3?: ScaleWording;
  k6?: ScaleWording;
  /** The 「答えない」 button. */
  skip?: string;
  done?: string;
  skipped?: string;
}

/** The scale as the resident reads it: the wording's intro, items and labels over the Japanese ones. */
export function wordedScale(scale: ScaleDefinition, wording: ScaleWording | undefined): ScaleDefinition {
  if (!wording) return scale;
  return {
    ...scale,
    intro: wording.intro,
    items: scale.items.map((i) => ({ id: i.id, text: wording.items[i.id] ?? i.text })),
    choices: scale.choices.map((c) => ({ score: c.score, label: wording.choices[String(c.score)] ?? c.label })),
  };
}

const choiceButton = (label: string, data: string): QuickReplyItem => ({ type: 'action', action: { type: 'postback', label, data, displayText: label } });

/** One item with its answers and 「答えない」 (skips the rest); the scale's intro before its first item. */
export function scaleItemMessage(scale: ScaleDefinition, item: ScaleItem, skipLabel = SCALE_SKIP_LABEL): TextMessage {
  const first = scale.items[0].id === item.id;
  return {
    type: 'text',
    text: first ? `${scale.intro}\n\n${item.text}` : item.text,
    quickReply: { items: [...scale.choices.map((c) => choiceButton(c.label, scaleAnswerData(scale.id, item.id, c.score))), choiceButton(skipLabel, scaleSkipData(scale.id))] },
  };
}
