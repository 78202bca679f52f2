/**
 * Consent, then personal details: a pure state machine the consultation workflow drives.
 *
 * Nothing is asked before the resident taps agree. After agreement the fields the purpose needs are
 * asked one at a time, each validated; 「修正」 goes back one field, 「スキップ」 leaves a field out,
 * 「やめる」 stops (nothing more is asked and the referral is not sent). While details are being given,
 * the resident's text is replaced by a placeholder before it is recorded or could reach the model.
 * Everything said comes from the resident's catalogue (`ConsentSay`, consent-texts.ts); the typed
 * words are understood in Japanese and in the resident's language. No Temporal imports, no clock reads.
 */
import { fill } from '../consultation/language';
import { parsePostback, text, type QuickReplyItem, type TextMessage } from '../consultation/line-messages';
import { CONSENT_TEXTS_JA, foldTyped, JAPANESE_CONSENT_SAY, type ConsentSay, type ConsentTexts } from './consent-texts';

export const CONSENT_FIELDS = ['name', 'furigana', 'phone', 'email', 'district', 'contactTime'] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];

/** Each field's label, question and validation message in the catalogue. */
const FIELD_TEXT_KEYS: Record<ConsentField, { label: keyof ConsentTexts; prompt: keyof ConsentTexts; invalid: keyof ConsentTexts }> = {
  name: { label: 'consentFieldName', prompt: 'consentPromptName', invalid: 'consentInvalidName' },
  furigana: { label: 'consentFieldFurigana', prompt: 'consentPromptFurigana', invalid: 'consentInvalidFurigana' },
  phone: { label: 'consentFieldPhone', prompt: 'consentPromptPhone', invalid: 'consentInvalidPhone' },
  email: { label: 'consentFieldEmail', prompt: 'consentPromptEmail', invalid: 'consentInvalidEmail' },
  district: { label: 'consentFieldDistrict', prompt: 'consentPromptDistrict', invalid: 'consentInvalidDistrict' },
  contactTime: { label: 'consentFieldContactTime', prompt: 'consentPromptContactTime', invalid: 'consentInvalidContactTime' },
};

/** The fields as staff read them (the admin app, the placeholder recorded instead of a value). */
export const FIELD_LABELS_JA = Object.fromEntries(CONSENT_FIELDS.map((f) => [f, CONSENT_TEXTS_JA[FIELD_TEXT_KEYS[f].label]])) as Record<ConsentField, string>;

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

const fieldLabel = (field: ConsentField, t: ConsentTexts) => t[FIELD_TEXT_KEYS[field].label];

export function consentQuestion(request: ConsentRequest, say: ConsentSay = JAPANESE_CONSENT_SAY): TextMessage[] {
  const t = say.texts;
  const fields = request.fields.map((f) => fieldLabel(f, t)).join(t.consentFieldSeparator);
  // The purpose as the city wrote it in this language; the request's (recorded with the consent) otherwise.
  const purpose = say.referralPurpose ? fill(say.referralPurpose, { recipient: request.recipientName }) : request.purpose;
  return [
    text(fill(t.consentRequest, { recipient: request.recipientName, fields, purpose })),
    { ...text(t.consentAsk), quickReply: { items: [choice(t.consentAgree, CONSENT_POSTBACK.agree(request.referralId)), choice(t.consentDecline, CONSENT_POSTBACK.decline(request.referralId))] } },
  ];
}

function fieldQuestion(field: ConsentField, index: number, total: number, t: ConsentTexts, note?: string): TextMessage {
  const items = [choice(t.consentSkip, CONSENT_POSTBACK.skip), ...(index > 0 ? [choice(t.consentFix, CONSENT_POSTBACK.fix)] : []), choice(t.consentStop, CONSENT_POSTBACK.stop)];
  const progress = fill(t.consentProgress, { n: String(index + 1), total: String(total) });
  return { ...text(`${note ? `${note}\n` : ''}${progress}${t[FIELD_TEXT_KEYS[field].prompt]}`), quickReply: { items } };
}

/** Validates and normalises one answer; the message to show instead is the field's `consentInvalid…` text. */
export function validateField(field: ConsentField, raw: string): { ok: true; value: string } | { ok: false } {
  const v = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  const checked = (ok: boolean, value = v) => (ok ? { ok: true as const, value } : { ok: false as const });
  switch (field) {
    case 'name':
      return checked(v.length >= 1 && v.length <= 40 && !/\d/.test(v));
    case 'furigana':
      return checked(/^[ぁ-ゖァ-ヺー・ ]{1,40}$/.test(v));
    case 'phone': {
      const digits = v.replace(/[-ー−() ]/g, '');
      return checked(/^0\d{9,10}$/.test(digits), digits);
    }
    case 'email':
      return checked(/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(v) && v.length <= 254);
    case 'district':
      return checked(v.length >= 1 && v.length <= 40);
    case 'contactTime':
      return checked(v.length >= 1 && v.length <= 60);
  }
}

const WITHDRAWAL = /同意を?(取り?消|とりけ|撤回|やめ)/;

/**
 * A withdrawal of consent, in any phase: the menu item, or a message saying so in Japanese or (when
 * `say.words` is given) in one of the resident's language's words for it.
 */
export function isWithdrawal(event: ConsentEvent, say: ConsentSay = JAPANESE_CONSENT_SAY): boolean {
  if (event.kind === 'postback') return parsePostback(event.data).menu === 'withdraw';
  if (WITHDRAWAL.test(event.text.normalize('NFKC'))) return true;
  const typed = foldTyped(event.text);
  return (say.words?.consentWithdrawal ?? []).some((word) => typed.includes(foldTyped(word)));
}

/** A typed skip, fix or stop: the Japanese button label always, the resident's language's with `say.words`. */
function typedAction(typed: string, say: ConsentSay): 'skip' | 'fix' | 'stop' | undefined {
  const folded = foldTyped(typed);
  const labels = say.words ? [CONSENT_TEXTS_JA, say.texts] : [CONSENT_TEXTS_JA];
  for (const t of labels) {
    if (folded === foldTyped(t.consentSkip)) return 'skip';
    if (folded === foldTyped(t.consentFix)) return 'fix';
    if (folded === foldTyped(t.consentStop)) return 'stop';
  }
  return undefined;
}

export function startConsent(request: ConsentRequest, say: ConsentSay = JAPANESE_CONSENT_SAY): { state: ConsentState; send: TextMessage[] } {
  return { state: { name: 'asking', request }, send: consentQuestion(request, say) };
}

/** Recorded instead of the value; in Japanese whatever the resident's language, as staff read it. */
const placeholderFor = (field: ConsentField) => `［個人情報: ${FIELD_LABELS_JA[field]}］`;

function askNext(request: ConsentRequest, t: ConsentTexts, index: number, given: ConsentField[], records: ConsentRecord[], placeholder?: string, note?: string): ConsentOutcome {
  if (index >= request.fields.length) {
    return {
      state: undefined,
      records: [...records, { kind: 'complete', given }],
      placeholder,
      send: [text(given.length > 0 ? fill(t.consentComplete, { recipient: request.recipientName }) : t.consentNothingGiven)],
    };
  }
  return { state: { name: 'collecting', request, index, given }, records, placeholder, send: [fieldQuestion(request.fields[index], index, request.fields.length, t, note)] };
}

/**
 * The next step for a text or postback while a consent is open; undefined when the event is not part
 * of the flow (a text while the question is still open goes on to the listener as usual).
 */
export function consentTransition(state: ConsentState, event: ConsentEvent, say: ConsentSay = JAPANESE_CONSENT_SAY): ConsentOutcome | undefined {
  const data = event.kind === 'postback' ? parsePostback(event.data) : {};
  const { request } = state;
  const t = say.texts;

  if (state.name === 'asking') {
    if (data.consent === 'agree' && data.referral === request.referralId) {
      return askNext(request, t, 0, [], [{ kind: 'decision', decision: 'agreed' }], undefined, t.consentAgreed);
    }
    if (data.consent === 'decline' && data.referral === request.referralId) {
      return { state: undefined, records: [{ kind: 'decision', decision: 'declined' }], send: [text(t.consentDeclined)] };
    }
    return undefined;
  }

  const field = request.fields[state.index];
  const action = data.consent ?? (event.kind === 'text' ? typedAction(event.text, say) : undefined);
  const placeholder = event.kind === 'text' ? placeholderFor(field) : undefined;
  if (action === 'stop') {
    return { state: undefined, records: [{ kind: 'stop' }], placeholder, send: [text(t.consentStopped)] };
  }
  if (action === 'skip') return askNext(request, t, state.index + 1, state.given, [], placeholder);
  if (action === 'fix') {
    if (state.index === 0) return askNext(request, t, 0, state.given, [], placeholder);
    const previous = request.fields[state.index - 1];
    return askNext(request, t, state.index - 1, state.given.filter((f) => f !== previous), [{ kind: 'forget', field: previous }], placeholder, fill(t.consentFixPrevious, { field: fieldLabel(previous, t) }));
  }
  if (event.kind !== 'text') return { state, records: [], send: [fieldQuestion(field, state.index, request.fields.length, t)] };
  const checked = validateField(field, event.text);
  if (!checked.ok) return { state, records: [], placeholder, send: [fieldQuestion(field, state.index, request.fields.length, t, t[FIELD_TEXT_KEYS[field].invalid])] };
  return askNext(request, t, state.index + 1, [...state.given.filter((f) => f !== field), field], [{ kind: 'detail', field, value: checked.value }], placeholder);
}
