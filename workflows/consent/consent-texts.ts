/**
 * What the consent / personal-details flow says, in Japanese: the profile's defaults (`texts.consent…`,
 * platform/config/profile.ts) and what a run whose settings predate them falls back to. Another
 * language's catalogue may give each key; a key it leaves out is read in Japanese.
 *
 * Placeholders: `{recipient}` the partner's name, `{fields}` the fields asked for, `{purpose}` the
 * purpose of sharing, `{n}`/`{total}` the step, `{field}` one field's label.
 */
export const CONSENT_TEXTS_JA = {
  consentRequest:
    '【情報提供への同意のお願い】\n提供先: {recipient}\n提供する情報: {fields}\n目的: {purpose}\n\n同意しなくても、これまでどおり相談を続けられます。同意はあとから「同意を取り消します」と送ると取り消せます。',
  consentAsk: 'この内容で同意しますか？',
  consentAgree: '同意する',
  consentDecline: '同意しない',
  consentAgreed: 'ありがとうございます。いくつかお聞きします。答えたくない項目は「スキップ」、やめたいときは「やめる」を押してください。',
  consentDeclined: 'わかりました。情報はお伝えしません。相談はこのまま続けられます。',
  /** Between the fields' labels in `{fields}`. */
  consentFieldSeparator: '、',
  consentFieldName: '氏名',
  consentFieldFurigana: 'ふりがな',
  consentFieldPhone: '電話番号',
  consentFieldEmail: 'メールアドレス',
  consentFieldDistrict: 'お住まいの地区',
  consentFieldContactTime: '連絡してよい時間帯',
  consentPromptName: 'お名前（氏名）を入力してください。',
  consentPromptFurigana: 'お名前のふりがなを、ひらがなかカタカナで入力してください。',
  consentPromptPhone: '連絡のつく電話番号を入力してください（例: 090-1234-5678）。',
  consentPromptEmail: '連絡のつくメールアドレスを入力してください。',
  consentPromptDistrict: 'お住まいの地区（町名まで）を入力してください。番地は不要です。',
  consentPromptContactTime: '連絡してよい時間帯を入力してください（例: 平日の午後）。',
  consentInvalidName: 'お名前は40文字以内で、数字を含めずに入力してください。',
  consentInvalidFurigana: 'ふりがなは、ひらがなかカタカナで入力してください。',
  consentInvalidPhone: '電話番号は、0から始まる10桁か11桁の数字で入力してください。',
  consentInvalidEmail: 'メールアドレスの形が正しくないようです。もう一度入力してください。',
  consentInvalidDistrict: '地区は40文字以内で入力してください。',
  consentInvalidContactTime: '時間帯は60文字以内で入力してください。',
  /** Before each field's question. */
  consentProgress: '（{n}/{total}）',
  consentSkip: 'スキップ',
  consentFix: '修正',
  consentStop: 'やめる',
  consentFixPrevious: '{field}を入力しなおしてください。',
  consentStopped: '入力をやめました。お聞きした情報は削除し、ご紹介は行いません。相談はこのまま続けられます。',
  consentComplete: 'ありがとうございます。{recipient}にお伝えします。先方から連絡があるまで、このトークでお待ちください。',
  consentNothingGiven: '情報の入力がなかったため、ご紹介は行いませんでした。相談はこのまま続けられます。',
  consentWithdrawn: '同意を取り消しました。お預かりしていた情報は削除し、これ以上使いません。相談はこのまま続けられます。',
  consentNothingToWithdraw: '取り消す同意はありません。相談はこのまま続けられます。',
} as const;
export type ConsentTexts = Record<keyof typeof CONSENT_TEXTS_JA, string>;

/** Quick-reply labels: LINE shows at most 20 characters. */
export const CONSENT_LABEL_KEYS = ['consentAgree', 'consentDecline', 'consentSkip', 'consentFix', 'consentStop'] as const;

/** Each text's required placeholders (the profile check refuses a translation without them). */
export const CONSENT_PLACEHOLDERS: Partial<Record<keyof ConsentTexts, string[]>> = {
  consentRequest: ['{recipient}', '{fields}', '{purpose}'],
  consentProgress: ['{n}', '{total}'],
  consentFixPrevious: ['{field}'],
};

/**
 * Words a resident types in their own language that the platform understands besides the Japanese
 * ones, which are always understood (profile `languages.<code>.words`).
 */
export interface ResidentWords {
  /** A message containing one of these withdraws consent (like 「同意を取り消します」). */
  consentWithdrawal: string[];
  /** A message that is one of these (alone) stops caring check-ins (like 「やめて」). */
  checkInStop: string[];
}

/** How the flow speaks to one resident: their language's texts and words (`localise(settings, language)`). */
export interface ConsentSay {
  texts: ConsentTexts;
  language: string;
  /** The words understood in the resident's language; undefined: Japanese only. */
  words?: ResidentWords;
  /** The purpose of sharing in the resident's language (`{recipient}` filled here); undefined: the request's own (Japanese). */
  referralPurpose?: string;
}

export const JAPANESE_CONSENT_SAY: ConsentSay = { texts: CONSENT_TEXTS_JA, language: 'ja' };

/** Lower-case, width-folded and trimmed: how typed words are compared. */
export const foldTyped = (typed: string) => typed.normalize('NFKC').trim().toLowerCase();
