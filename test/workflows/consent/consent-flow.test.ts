import path from 'node:path';
import { createProfileActivities } from '../../../activities/profile-activities';
import { loadProfile } from '../../../platform/config/profile';
import { localise, type LocalSettings } from '../../../workflows/consultation/language';
import { CONSENT_POSTBACK, ConsentRequest, ConsentState, consentTransition, isWithdrawal, startConsent, validateField } from '../../../workflows/consent/consent-flow';

const request: ConsentRequest = { referralId: 'r1', consentId: 'c1', recipientId: 'npo-ibasho', recipientName: 'NPO法人 いばしょ', purpose: '支援につなぐため', textVersion: '2026-11', fields: ['name', 'phone', 'contactTime'] };
const tap = (data: string) => ({ kind: 'postback' as const, data });
const say = (text: string) => ({ kind: 'text' as const, text });

describe('consent, then personal details', () => {
  it('asks nothing but the question before agreement, and nothing after a refusal', () => {
    const { state, send } = startConsent(request);
    expect(send.map((m) => m.text).join()).toContain('NPO法人 いばしょ');
    expect(send[1].quickReply!.items.map((i) => i.action.label)).toEqual(['同意する', '同意しない']);
    // A message while the question is open is not part of the flow: it goes to the listener.
    expect(consentTransition(state, say('今日はつらかった'))).toBeUndefined();
    const declined = consentTransition(state, tap(CONSENT_POSTBACK.decline('r1')))!;
    expect(declined.state).toBeUndefined();
    expect(declined.records).toEqual([{ kind: 'decision', decision: 'declined' }]);
    // A stale button of another referral does nothing.
    expect(consentTransition(state, tap(CONSENT_POSTBACK.agree('other')))).toBeUndefined();
  });

  it('asks one field at a time, validates, corrects, skips and completes; text is replaced by a placeholder', () => {
    let out = consentTransition(startConsent(request).state, tap(CONSENT_POSTBACK.agree('r1')))!;
    expect(out.records).toEqual([{ kind: 'decision', decision: 'agreed' }]);
    expect(out.send[0].text).toContain('お名前');
    out = consentTransition(out.state!, say('山田 花子'))!;
    expect(out.records).toEqual([{ kind: 'detail', field: 'name', value: '山田 花子' }]);
    expect(out.placeholder).toBe('［個人情報: 氏名］');
    out = consentTransition(out.state!, say('でんわ'))!;
    expect(out.records).toEqual([]);
    expect(out.send[0].text).toContain('0から始まる');
    out = consentTransition(out.state!, say('修正'))!;
    expect(out.records).toEqual([{ kind: 'forget', field: 'name' }]);
    expect((out.state as Extract<ConsentState, { name: 'collecting' }>).index).toBe(0);
    out = consentTransition(out.state!, say('山田 はなこ'))!;
    out = consentTransition(out.state!, say('０９０－１２３４－５６７８'))!;
    expect(out.records).toEqual([{ kind: 'detail', field: 'phone', value: '09012345678' }]);
    out = consentTransition(out.state!, tap(CONSENT_POSTBACK.skip))!;
    expect(out.state).toBeUndefined();
    expect(out.records).toEqual([{ kind: 'complete', given: ['name', 'phone'] }]);
  });

  it('stops at any point', () => {
    const agreed = consentTransition(startConsent(request).state, tap(CONSENT_POSTBACK.agree('r1')))!;
    const stopped = consentTransition(agreed.state!, say('やめる'))!;
    expect(stopped.state).toBeUndefined();
    expect(stopped.records).toEqual([{ kind: 'stop' }]);
  });

  it('recognises a withdrawal by menu or message', () => {
    expect(isWithdrawal(tap('menu=withdraw'))).toBe(true);
    expect(isWithdrawal(say('同意を取り消します'))).toBe(true);
    expect(isWithdrawal(say('同意を撤回したいです'))).toBe(true);
    expect(isWithdrawal(say('今日は疲れました'))).toBe(false);
  });

  it('validates each field', () => {
    expect(validateField('email', 'a@b.example')).toEqual({ ok: true, value: 'a@b.example' });
    expect(validateField('email', 'a@b').ok).toBe(false);
    expect(validateField('furigana', 'やまだ はなこ').ok).toBe(true);
    expect(validateField('furigana', '山田').ok).toBe(false);
    expect(validateField('name', '12345').ok).toBe(false);
  });
});

describe('consent in the resident’s language', () => {
  const profile = loadProfile(path.resolve(__dirname, '../../../profiles/example.yaml'));
  let en: LocalSettings;
  let vi: LocalSettings;
  beforeAll(async () => {
    const settings = await createProfileActivities({ profile }).loadConversationSettings();
    en = localise(settings, 'en');
    vi = localise(settings, 'vi');
  });
  const labels = (m: { quickReply?: { items: { action: { label: string } }[] } }) => m.quickReply!.items.map((i) => i.action.label);

  it('asks in English, with the purpose and the fields in English and the partner’s own name', () => {
    const { send } = startConsent(request, en);
    expect(send[0].text).toBe(
      `[Request for your consent to share information]\nShared with: NPO法人 いばしょ\nInformation: Full name, Phone number, Good time to contact you\nPurpose: ${profile.languages.en.consent!.referralPurpose.replaceAll('{recipient}', 'NPO法人 いばしょ')}\n\nIf you do not agree, you can keep talking with us as before. You can withdraw your consent later by sending “withdraw consent”.`,
    );
    expect(send[1]).toMatchObject({ text: 'Do you agree to this?' });
    expect(labels(send[1])).toEqual(['I agree', 'I do not agree']);
    // Without the language's purpose, the request's own (Japanese, as recorded) is shown.
    expect(startConsent(request, { ...en, referralPurpose: undefined }).send[0].text).toContain('Purpose: 支援につなぐため');
  });

  it('asks, validates and completes in Vietnamese; the placeholder stays Japanese for staff', () => {
    let out = consentTransition(startConsent(request, vi).state, tap(CONSENT_POSTBACK.agree('r1')), vi)!;
    expect(out.send[0].text).toBe(`${vi.texts.consentAgreed}\n(1/3) ${vi.texts.consentPromptName}`);
    expect(labels(out.send[0])).toEqual(['Bỏ qua', 'Dừng']);
    out = consentTransition(out.state!, say('Nguyễn Thị Lan'), vi)!;
    expect(out.records).toEqual([{ kind: 'detail', field: 'name', value: 'Nguyễn Thị Lan' }]);
    expect(out.placeholder).toBe('［個人情報: 氏名］');
    expect(labels(out.send[0])).toEqual(['Bỏ qua', 'Sửa mục trước', 'Dừng']);
    out = consentTransition(out.state!, say('số của tôi'), vi)!;
    expect(out.records).toEqual([]);
    expect(out.send[0].text).toBe(`${vi.texts.consentInvalidPhone}\n(2/3) ${vi.texts.consentPromptPhone}`);
    out = consentTransition(out.state!, say('Sửa mục trước'), vi)!;
    expect(out.records).toEqual([{ kind: 'forget', field: 'name' }]);
    expect(out.send[0].text).toBe(`Vui lòng nhập lại “Họ tên”.\n(1/3) ${vi.texts.consentPromptName}`);
    out = consentTransition(out.state!, say('Nguyễn Thị Lan'), vi)!;
    out = consentTransition(out.state!, say('090-1234-5678'), vi)!;
    out = consentTransition(out.state!, say('bỏ qua'), vi)!;
    expect(out.records).toEqual([{ kind: 'complete', given: ['name', 'phone'] }]);
    expect(out.send[0].text).toBe(vi.texts.consentComplete.replace('{recipient}', 'NPO法人 いばしょ'));
  });

  it('understands the Japanese words always and the language’s own words only when given', () => {
    const collecting: ConsentState = { name: 'collecting', request, index: 1, given: ['name'] };
    expect(consentTransition(collecting, say('Stop'), en)).toMatchObject({ state: undefined, records: [{ kind: 'stop' }], send: [{ text: en.texts.consentStopped }] });
    expect(consentTransition(collecting, say('やめる'), en)).toMatchObject({ records: [{ kind: 'stop' }] });
    // Without the words (a run recorded before they were understood), 「Stop」 is just a wrong phone number.
    expect(consentTransition(collecting, say('Stop'), { ...en, words: undefined })).toMatchObject({ records: [], send: [{ text: expect.stringContaining(en.texts.consentInvalidPhone) }] });

    expect(isWithdrawal(say('I want to withdraw my consent, please.'), en)).toBe(true);
    expect(isWithdrawal(say('Tôi muốn RÚT LẠI ĐỒNG Ý'), vi)).toBe(true);
    expect(isWithdrawal(say('同意を取り消します'), vi)).toBe(true);
    expect(isWithdrawal(say('I want to withdraw my consent'))).toBe(false);
    expect(isWithdrawal(say('I gave my consent yesterday'), en)).toBe(false);
  });
});
