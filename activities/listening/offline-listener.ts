import type { CatalogueTexts } from '../../workflows/consultation/conversation-settings';

/**
 * The built-in listener used when no model is configured, the model fails or is too slow.
 * Rule-based reflective listening (傾聴): acknowledge, reflect the feeling in the resident's words,
 * ask one open question. Varied by turn, and never repeats a sentence of its previous answer.
 */
const FEELINGS: { pattern: RegExp; feeling: string }[] = [
  { pattern: /さみし|寂し|淋し|孤独|ひとりぼっち|一人ぼっち|孤立/, feeling: 'さみしさ' },
  { pattern: /誰も(い|分|わか)|話す人|相談できる人|居場所/, feeling: 'ひとりで抱えている心細さ' },
  { pattern: /つら|辛|しんど|苦し|きつ/, feeling: 'つらさ' },
  { pattern: /疲れ|つかれ|くたくた|ヘトヘト|へとへと/, feeling: '疲れ' },
  { pattern: /不安|心配|こわ|怖|おそろし|焦/, feeling: '不安な気持ち' },
  { pattern: /悲し|かなし|泣/, feeling: '悲しい気持ち' },
  { pattern: /腹が立|イライラ|いらいら|ムカ|むか|許せ/, feeling: 'やりきれない怒り' },
  { pattern: /眠れ|ねむれ|寝れ/, feeling: '眠れないほどの気がかり' },
  { pattern: /消えたい|死にたい|いなくなりたい/, feeling: '消えてしまいたいほどの苦しさ' },
];

const REFLECTIONS = [
  (f: string) => `${f}を感じていらっしゃるのですね。`,
  (f: string) => `${f}を抱えながら、ここまで過ごしてこられたのですね。`,
  (f: string) => `お話を読んで、${f}が伝わってきました。`,
  (f: string) => `${f}が続いていると、心も体も重くなりますよね。`,
];

const ACKNOWLEDGEMENTS = [
  '話してくださって、ありがとうございます。',
  'そうだったのですね。',
  '教えてくださって、ありがとうございます。',
  'ここまで書いてくださって、ありがとうございます。',
];

const OPEN_QUESTIONS = [
  'よかったら、もう少し詳しく聞かせてもらえますか？',
  'そのとき、どんなお気持ちでしたか？',
  'いま、いちばん気になっているのはどんなことですか？',
  '最近は、どんなふうに過ごされていますか？',
  'そう感じるようになったのは、いつ頃からでしょうか？',
  'ほかにも、心に引っかかっていることはありますか？',
];

// 「AI？」 in the other shipped languages: a question naming an AI, a bot or a robot.
const ASKS_IF_AI_OTHER = /\b(ai|bot|robot|robô|robo)\b.{0,20}[?？]|(机器人|人工智能|로봇|인공지능)/i;
const ASKS_IF_AI = /(あなた|君|きみ|これ)は?\s*(ai|ＡＩ|人工知能|ロボット|ボット|bot|機械|人間)|(ai|ＡＩ|人間)\s*(です|なの|ですか)/i;

const sentencesOf = (text: string) => text.split(/(?<=[。？！?!])/).map((s) => s.trim()).filter(Boolean);

/** Picks the first candidate, from a rotating start, that is not among the sentences to avoid. */
function pick(options: string[], start: number, avoid: Set<string>): string {
  for (let i = 0; i < options.length; i += 1) {
    const candidate = options[(start + i) % options.length];
    if (!avoid.has(candidate)) return candidate;
  }
  return options[start % options.length];
}

type ListenerTexts = Pick<CatalogueTexts, 'aiDisclosure' | 'aiFallback' | 'listenerAcknowledgement' | 'listenerQuestion'>;

/**
 * The texts come from the profile's catalogue in the resident's language (`aiDisclosure`'s staff hours
 * from the calendar, so 「あなたはAI？」 is never told hours the city does not keep). Japanese reflects
 * the feeling by the rules above; another language acknowledges and asks, alternating two wordings.
 */
export function offlineListeningReply(input: { residentText: string; turn: number; previousReply?: string; language?: string; texts: ListenerTexts }): string {
  const avoid = new Set(sentencesOf(input.previousReply ?? ''));
  const text = input.residentText.normalize('NFKC');
  const asksIfAi = ASKS_IF_AI.test(text) || ASKS_IF_AI_OTHER.test(text);
  if (input.language && input.language !== 'ja') {
    const answer = input.turn % 2 === 1 ? `${input.texts.listenerAcknowledgement} ${input.texts.listenerQuestion}` : input.texts.aiFallback;
    return asksIfAi ? `${input.texts.aiDisclosure} ${answer}` : answer;
  }
  const parts: string[] = [];
  if (asksIfAi) parts.push(input.texts.aiDisclosure);
  const feeling = FEELINGS.find((f) => f.pattern.test(text))?.feeling;
  const reflections = feeling ? REFLECTIONS.map((r) => r(feeling)) : ACKNOWLEDGEMENTS;
  parts.push(pick(reflections, input.turn, avoid));
  parts.push(pick(OPEN_QUESTIONS, input.turn * 7 + text.length, avoid));
  return parts.join('');
}
