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
