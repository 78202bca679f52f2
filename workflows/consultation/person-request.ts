/**
 * A typed request for a person (「スタッフと話したい」「人と話せますか」「相談員さんにつないで」) is
 * understood like the rich menu's staff button. Pure and small on purpose: it only has to recognise
 * a request addressed to this service, and a false positive costs one polite queue message.
 */
const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s　。、！？!?.,「」『』]/g, '');

// Who the resident wants: a person rather than the AI.
const PERSON = '(スタッフ|すたっふ|相談員|そうだんいん|職員|担当者?|人間|ひと|人|カウンセラー|オペレーター|有人)(さん|様)?';
// What they ask for: to talk, to be connected, to switch.
const ASK =
  '(と|に)?(話したい|はなしたい|話せ(ます|る)?(か|の)?|はなせ(ます|る)?(か|の)?|話させて|代わって|かわって|替わって|変わって|つないで|つなげて|繋いで|繋げて|お願い|おねがい|相談したい|そうだんしたい|がいい|がいいです|と話がしたい|呼んで|よんで)';
const JA_REQUEST = new RegExp(`${PERSON}${ASK}`);
// 「人につないで」 alone is a request; 「人と話したい」 as well. Others talking about people are not.
const JA_NEGATION = /(話したくない|はなしたくない|いらない|要らない|結構です|大丈夫です)/;

const OTHER_LANGUAGES = [
  /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|the\s+|some\s+)?(real\s+|actual\s+)?(human|person|staff|counsel+or|someone real|real person|operator|agent)\b/i,
  /\b(human|real person|staff member|counsel+or)\s*,?\s*please\b/i,
  /\bconnect me (to|with)\b/i,
  /(想|要|能|可以).{0,4}(和|跟|与).{0,3}(工作人员|真人|人工|咨询员|辅导员).{0,3}(说话|聊|谈|交谈)/,
  /(转|轉)(人工|真人)/,
  /(직원|상담원|사람).{0,3}(과|와|하고|이랑)?\s*(이야기|얘기|대화|통화).{0,4}(하고 싶|할 수 있)/,
  /(hablar|conversar)\s+con\s+(una?\s+)?(persona|humano|alguien|personal|consejer[oa])/i,
  /(falar)\s+com\s+(uma?\s+)?(pessoa|humano|atendente|funcion[aá]rio)/i,
  /(nói chuyện|trò chuyện)\s+(với)\s+(người|nhân viên|tư vấn viên)/i,
  /(bicara|berbicara|ngobrol)\s+(dengan|sama)\s+(orang|manusia|petugas|staf|konselor)/i,
  /(คุยกับ|พูดกับ|ขอคุยกับ)\s*(คน|เจ้าหน้าที่|พนักงาน)/,
];

export function asksForPerson(text: string): boolean {
  const folded = fold(text);
  if (folded.length > 80) return false;
  if (JA_REQUEST.test(folded) && !JA_NEGATION.test(folded)) return true;
  return OTHER_LANGUAGES.some((re) => re.test(text.normalize('NFKC')));
}

/** A typed 「言語」「language」 (in any shipped language's word for it) opens the language choice, like the menu item. */
const LANGUAGE_WORDS = /^(言語|げんご|言語設定|language|languages|lang|语言|語言|언어|ngôn ngữ|idioma|língua|wika|भाषा|bahasa)$/i;
export function asksForLanguageMenu(text: string): boolean {
  const folded = text.normalize('NFKC').trim().replace(/\s+/g, ' ');
  return folded.length <= 20 && folded.split(/\s*[/／]\s*/).some((part) => LANGUAGE_WORDS.test(part));
}
