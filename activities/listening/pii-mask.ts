/**
 * Masks personal details a resident typed before any text goes to a language model.
 * Over-masking (e.g. 「私は学生です」) is harmless; leaking a phone number is not.
 */
const RULES: { label: string; pattern: RegExp }[] = [
  { label: '[メール]', pattern: /[\w.+-]+@[\w-]+(\.[\w-]+)+/g },
  { label: '[URL]', pattern: /https?:\/\/\S+/g },
  // Mobile, landline, toll-free and +81 forms, with or without separators.
  { label: '[電話番号]', pattern: /(\+81[-\s]?|0)\d{1,4}[-－ー\s(（]?\d{1,4}[-－ー\s)）]?\d{3,4}/g },
  // After phone numbers, so the tail of 090-1111-2222 is not read as a postal code.
  { label: '[郵便番号]', pattern: /〒\s?\d{3}[-－ー]?\d{4}|(?<![\d-])\d{3}[-－ー]\d{4}(?![\d-])/g },
  // A prefecture or city followed by a block number: 「〇〇市△△町1-2-3」「〇〇区××2丁目3番4号」.
  {
    label: '[住所]',
    pattern: /[一-龥ぁ-んァ-ン]{1,6}[都道府県市区町村][一-龥ぁ-んァ-ンー]{0,10}?\d{1,4}(丁目|番地?|号|[-－ー]\d{1,4}){1,3}([-－ー]?\d{1,4}号?)?/g,
  },
  { label: '[番号]', pattern: /\d{7,}/g },
];

// 「私は山田です」「名前は佐藤花子といいます」: the words after a self-introduction are a name.
const SELF_INTRODUCTION = /((?:私|わたし|僕|ぼく|俺|おれ|うち|自分)は|(?:名前|なまえ)は)([一-龥ァ-ヶー]{1,8}|[ぁ-ん]{2,6}(?=って))(?=です|と申します|といいます|と言います|って(?:言|い)います|だよ|です。)/g;

export function maskPersonalData(text: string): string {
  let masked = text.normalize('NFKC');
  for (const rule of RULES) masked = masked.replace(rule.pattern, rule.label);
  return masked.replace(SELF_INTRODUCTION, (_m, intro: string) => `${intro}[名前]`);
}

/**
 * For machine translation: the same details as `maskPersonalData`, each replaced by a numbered
 * placeholder the model is told to keep, and put back into its answer afterwards. `unmask` returns
 * undefined when the model dropped or repeated a placeholder: a translation that lost a phone number
 * must not be sent or shown as if complete.
 */
export function maskForTranslation(text: string): { masked: string; unmask: (translated: string) => string | undefined } {
  const details: string[] = [];
  const hold = (detail: string) => `⟦${details.push(detail)}⟧`;
  let masked = text.normalize('NFKC');
  for (const rule of RULES) masked = masked.replace(rule.pattern, (detail) => hold(detail));
  masked = masked.replace(SELF_INTRODUCTION, (_m, intro: string, name: string) => `${intro}${hold(name)}`);
  const unmask = (translated: string) => {
    let restored = translated;
    for (const [i, detail] of details.entries()) {
      const placeholder = `⟦${i + 1}⟧`;
      if (restored.split(placeholder).length !== 2) return undefined;
      restored = restored.replace(placeholder, () => detail);
    }
    return /⟦\d+⟧/.test(restored) ? undefined : restored;
  };
  return { masked, unmask };
}
