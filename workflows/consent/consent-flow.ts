/**
 * Consent, then personal details: a pure state machine the consultation workflow drives.
 *
 * Nothing is asked before the resident taps agree. After agreement the fields the purpose needs are
 * asked one at a time, each validated; 「修正」 goes back one field, 「スキップ」 leaves a field out,
 * 「やめる」 stops (nothing more is asked and the referral is not sent). While details are being given,
 * the resident's text is replaced by a placeholder before it is recorded or could reach the model.
 * No Temporal imports, no clock reads.
 */
import { parsePostback, text, type QuickReplyItem, type TextMessage } from '../consultation/line-messages';

export const CONSENT_FIELDS = ['name', 'furigana', 'phone', 'email', 'district', 'contactTime'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

export const FIELD_LABELS_JA: Record<ConsentField, string> = {
  name: '氏名',
  furigana: 'ふりがな',
  phone: '電話番号',
  email: 'メールアドレス',
  district: 'お住まいの地区',
  contactTime: '連絡してよい時間帯',
};

const PROMPTS: Record<ConsentField, string> = {
  name: 'お名前（氏名）を入力してください。',
  furigana: 'お名前のふりがなを、ひらがなかカタカナで入力してください。',
  phone: '連絡のつく電話番号を入力してください（例: 090-1234-5678）。',
  email: '連絡のつくメールアドレスを入力してください。',
  district: 'お住まいの地区（町名まで）を入力してください。番地は不要です。',
  contactTime: '連絡してよい時間帯を入力してください（例: 平日の午後）。',
};

export interface ConsentRequest {
  referralId: string;
  consentId: string;
  recipientId: string;
  recipientName: string;
  /** The purpose text as shown, with the recipient filled in. */
  purpose: string;
  textVersion: string;
  fields: ConsentField[];
}

export type ConsentState =
  | { name: 'asking'; request: ConsentRequest }
  | { name: 'collecting'; request: ConsentRequest; index: number; given: ConsentField[] };

export type ConsentRecord =
  | { kind: 'decision'; decision: 'agreed' | 'declined' }
  | { kind: 'detail'; field: ConsentField; value: string }
  | { kind: 'forget'; field: ConsentField }
  | { kind: 'complete'; given: ConsentField[] }
  | { kind: 'stop' };

export interface ConsentOutcome {
  /** undefined: the flow has ended. */
  state: ConsentState | undefined;
  send: TextMessage[];
  records: ConsentRecord[];
  /** Recorded as the message text instead of what the resident typed. */
  placeholder?: string;
}

export type ConsentEvent = { kind: 'text'; text: string } | { kind: 'postback'; data: string };

export const CONSENT_POSTBACK = {
  agree: (referralId: string) => `consent=agree&referral=${referralId}`,
  decline: (referralId: string) => `consent=decline&referral=${referralId}`,
  skip: 'consent=skip',
  fix: 'consent=fix',
  stop: 'consent=stop',
  withdraw: 'menu=withdraw',
} as const;

const choice = (label: string, data: string): QuickReplyItem => ({ type: 'action', action: { type: 'postback', label, data, displayText: label } });

export function consentQuestion(request: ConsentRequest): TextMessage[] {
  const fields = request.fields.map((f) => FIELD_LABELS_JA[f]).join('、');
  return [
    text(`【情報提供への同意のお願い】\n提供先: ${request.recipientName}\n提供する情報: ${fields}\n目的: ${request.purpose}\n\n同意しなくても、これまでどおり相談を続けられます。同意はあとから「同意を取り消します」と送ると取り消せます。`),
    { ...text('この内容で同意しますか？'), quickReply: { items: [choice('同意する', CONSENT_POSTBACK.agree(request.referralId)), choice('同意しない', CONSENT_POSTBACK.decline(request.referralId))] } },
  ];
}

function fieldQuestion(field: ConsentField, index: number, total: number, note?: string): TextMessage {
  const items = [choice('スキップ', CONSENT_POSTBACK.skip), ...(index > 0 ? [choice('修正', CONSENT_POSTBACK.fix)] : []), choice('やめる', CONSENT_POSTBACK.stop)];
  return { ...text(`${note ? `${note}\n` : ''}（${index + 1}/${total}）${PROMPTS[field]}`), quickReply: { items } };
}

/** Validates and normalises one answer; returns the error to show instead. */
export function validateField(field: ConsentField, raw: string): { ok: true; value: string } | { ok: false; error: string } {
  const v = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const bad = (error: string) => ({ ok: false as const, error });
  switch (field) {
    case 'name':
      return v.length >= 1 && v.length <= 40 && !/\d/.test(v) ? { ok: true, value: v } : bad('お名前は40文字以内で、数字を含めずに入力してください。');
    case 'furigana':
      return /^[ぁ-ゖァ-ヺー・ ]{1,40}$/.test(v) ? { ok: true, value: v } : bad('ふりがなは、ひらがなかカタカナで入力してください。');
    case 'phone': {
      const digits = v.replace(/[-ー−() ]/g, '');
      return /^0\d{9,10}$/.test(digits) ? { ok: true, value: digits } : bad('電話番号は、0から始まる10桁か11桁の数字で入力してください。');
    }
    case 'email':
      return /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(v) && v.length <= 254 ? { ok: true, value: v } : bad('メールアドレスの形が正しくないようです。もう一度入力してください。');
    case 'district':
      return v.length >= 1 && v.length <= 40 ? { ok: true, value: v } : bad('地区は40文字以内で入力してください。');
    case 'contactTime':
      return v.length >= 1 && v.length <= 60 ? { ok: true, value: v } : bad('時間帯は60文字以内で入力してください。');
  }
}

const WITHDRAWAL = /同意を?(取り?消|とりけ|撤回|やめ)/;

/** A withdrawal of consent: the menu item or a message saying so, in any phase. */
export function isWithdrawal(event: ConsentEvent): boolean {
  if (event.kind === 'postback') return parsePostback(event.data).menu === 'withdraw';
  return WITHDRAWAL.test(event.text.normalize('NFKC'));
}

export function startConsent(request: ConsentRequest): { state: ConsentState; send: TextMessage[] } {
  return { state: { name: 'asking', request }, send: consentQuestion(request) };
}

const placeholderFor = (field: ConsentField) => `［個人情報: ${FIELD_LABELS_JA[field]}］`;

function askNext(request: ConsentRequest, index: number, given: ConsentField[], records: ConsentRecord[], placeholder?: string, note?: string): ConsentOutcome {
  if (index >= request.fields.length) {
    return {
      state: undefined,
      records: [...records, { kind: 'complete', given }],
      placeholder,
      send: [text(given.length > 0 ? `ありがとうございます。${request.recipientName}にお伝えします。先方から連絡があるまで、このトークでお待ちください。` : '情報の入力がなかったため、ご紹介は行いませんでした。相談はこのまま続けられます。')],
    };
  }
  return { state: { name: 'collecting', request, index, given }, records, placeholder, send: [fieldQuestion(request.fields[index], index, request.fields.length, note)] };
}

/**
 * The next step for a text or postback while a consent is open; undefined when the event is not part
 * of the flow (a text while the question is still open goes on to the listener as usual).
 */
export function consentTransition(state: ConsentState, event: ConsentEvent): ConsentOutcome | undefined {
  const data = event.kind === 'postback' ? parsePostback(event.data) : {};
  const typed = event.kind === 'text' ? event.text.normalize('NFKC').trim() : '';
  const { request } = state;

  if (state.name === 'asking') {
    if (data.consent === 'agree' && data.referral === request.referralId) {
      return askNext(request, 0, [], [{ kind: 'decision', decision: 'agreed' }], undefined, 'ありがとうございます。いくつかお聞きします。答えたくない項目は「スキップ」、やめたいときは「やめる」を押してください。');
    }
    if (data.consent === 'decline' && data.referral === request.referralId) {
      return { state: undefined, records: [{ kind: 'decision', decision: 'declined' }], send: [text('わかりました。情報はお伝えしません。相談はこのまま続けられます。')] };
    }
    return undefined;
  }

  const field = request.fields[state.index];
  const action = data.consent ?? (typed === 'スキップ' ? 'skip' : typed === '修正' ? 'fix' : typed === 'やめる' ? 'stop' : undefined);
  const placeholder = event.kind === 'text' ? placeholderFor(field) : undefined;
  if (action === 'stop') {
    return { state: undefined, records: [{ kind: 'stop' }], placeholder, send: [text('入力をやめました。お聞きした情報は削除し、ご紹介は行いません。相談はこのまま続けられます。')] };
  }
  if (action === 'skip') return askNext(request, state.index + 1, state.given, [], placeholder);
  if (action === 'fix') {
    if (state.index === 0) return askNext(request, 0, state.given, [], placeholder);
    const previous = request.fields[state.index - 1];
    return askNext(request, state.index - 1, state.given.filter((f) => f !== previous), [{ kind: 'forget', field: previous }], placeholder, `${FIELD_LABELS_JA[previous]}を入力しなおしてください。`);
  }
  if (event.kind !== 'text') return { state, records: [], send: [fieldQuestion(field, state.index, request.fields.length)] };
  const checked = validateField(field, event.text);
  if (!checked.ok) return { state, records: [], placeholder, send: [fieldQuestion(field, state.index, request.fields.length, checked.error)] };
  return askNext(request, state.index + 1, [...state.given.filter((f) => f !== field), field], [{ kind: 'detail', field, value: checked.value }], placeholder);
}
