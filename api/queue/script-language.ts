/**
 * A guess at the language of a resident's message, from its script (and for Latin script a few
 * very common words), so the queue can show who may need an interpreter or a translated reply.
 * No model and no network: a hint for staff, never a decision.
 */
export type GuessedLanguage = 'ja' | 'zh' | 'ko' | 'th' | 'vi' | 'ne' | 'en' | 'es' | 'pt' | 'tl' | 'id' | 'other';

const LATIN_WORDS: [GuessedLanguage, RegExp][] = [
  ['pt', /\b(eu|você|não|estou|muito|obrigad[oa]|sozinh[oa]|tenho|quero|ajuda|falar|ninguém)\b/gi],
  ['tl', /\b(ako|ko|hindi|ang|ng|mga|gusto|salamat|po|kasi|lang|walang|malungkot)\b/gi],
  ['es', /\b(que|quiero|estoy|tengo|no|muy|por|para|una|el|la|los|gracias|hola|ayuda)\b/gi],
  ['id', /\b(saya|aku|tidak|ingin|mau|dan|yang|ini|itu|terima|kasih|tolong|sudah)\b/gi],
  ['en', /\b(i|i'm|you|the|and|to|want|feel|my|is|not|please|help|thank)\b/gi],
];

export function guessLanguage(text: string | null | undefined): GuessedLanguage | null {
  if (!text || !text.trim()) return null;
  if (/[\u3040-\u30ff]/.test(text)) return 'ja'; // kana: Japanese, even with kanji
  if (/[\uac00-\ud7af]/.test(text)) return 'ko';
  if (/[\u0e00-\u0e7f]/.test(text)) return 'th';
  if (/[\u0900-\u097f]/.test(text)) return 'ne'; // Devanagari: of the languages served here, Nepali
  if (/[\u4e00-\u9fff]/.test(text)) return 'zh'; // Han without kana
  if (/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text)) return 'vi';
  if (/[a-z]/i.test(text)) {
    const scores = LATIN_WORDS.map(([lang, words]) => [lang, text.match(words)?.length ?? 0] as const).sort((a, b) => b[1] - a[1]);
    return scores[0][1] > 0 ? scores[0][0] : 'other';
  }
  return 'other';
}
