import type { ConversationSettings } from '../../../workflows/consultation/conversation-settings';
import { POSTBACK } from '../../../workflows/consultation/line-messages';
import type { ResidentEvent } from '../../../workflows/consultation/messages';
import { initialStep, onboardingTransition, OnboardingStep } from '../../../workflows/consultation/onboarding';

const settings: ConversationSettings = {
  serviceName: 'テスト市 よりそいチャット',
  termsVersion: 'v2',
  termsText: '利用規約の本文',
  intake: [
    { id: 'eligibility', text: '市内にお住まいですか？', options: [{ value: 'lives', label: '住んでいる' }, { value: 'none', label: 'どれでもない' }] },
    { id: 'topic', text: 'どんなことですか？', options: [{ value: 'loneliness', label: 'さみしさ' }, { value: 'other', label: 'その他' }] },
  ],
  consultationLines: [{ name: 'よりそいホットライン', phone: '0120-279-338', hours: '24時間' }],
  texts: { greeting: 'ようこそ', termsPrompt: '同意しますか？', termsAgree: '同意する', termsDisagree: '同意しない', termsDeclined: 'ほかの窓口です', intakeIntro: '3つ教えてください', invitation: 'どんなことが気になっていますか？', nonTextReply: '言葉で教えてください' },
  businessHours: { open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [{ from: '12-29', to: '01-03' }], extraClosures: [] },
  crisisLines: [],
  emergency: { ambulance: '119', police: '110' },
  crisisAckMs: 300_000,
  nudges: { afterTurns: 8, minRiskLevel: 'medium', refusalCooldownHours: 24, maxPerDay: 2, maxPerConsultation: 4, quietHours: { from: '21:00', to: '08:00' }, silenceCheckInHours: 24, partners: [] },
  staffPickupMs: 600_000,
  debounceMs: 0,
  replyTokenMaxAgeMs: 25_000,
  closeAfterSilenceMs: 3_600_000,
};

let n = 0;
const ev = (e: Partial<ResidentEvent> & { kind: ResidentEvent['kind'] }) => ({ eventId: `e${(n += 1)}`, timestamp: 1, ...e }) as ResidentEvent;
const postback = (data: string) => ev({ kind: 'postback', data } as never);
const texts = (o: { send: { text: string }[] }) => o.send.map((m) => m.text);

describe('onboarding', () => {
  it('greets a new friend and asks for agreement to the terms with two buttons', () => {
    const out = onboardingTransition(settings, initialStep(settings, { termsVersion: null, intakeAnswered: [] }), ev({ kind: 'follow' }));
    expect(texts(out)).toEqual(['ようこそ', '利用規約の本文', '同意しますか？']);
    expect(out.send[2].quickReply?.items.map((i) => [i.action.label, i.action.data])).toEqual([
      ['同意する', POSTBACK.termsAgree],
      ['同意しない', POSTBACK.termsDisagree],
    ]);
  });

  it('walks agree → each intake question → invitation, recording each answer', () => {
    let step: OnboardingStep = { name: 'terms' };
    const agreed = onboardingTransition(settings, step, postback(POSTBACK.termsAgree));
    expect(agreed.record).toEqual({ terms: 'agreed' });
    expect(texts(agreed)).toEqual(['3つ教えてください', '市内にお住まいですか？']);
    step = agreed.step;
    const first = onboardingTransition(settings, step, postback(POSTBACK.intake('eligibility', 'lives')));
    expect(first.record).toEqual({ intake: { questionId: 'eligibility', value: 'lives' } });
    expect(texts(first)).toEqual(['どんなことですか？']);
    const last = onboardingTransition(settings, first.step, postback(POSTBACK.intake('topic', 'loneliness')));
    expect(last.step).toEqual({ name: 'done' });
    expect(texts(last)).toEqual(['どんなことが気になっていますか？']);
  });

  it('gives the other consultation lines and no AI to a resident who disagrees', () => {
    const out = onboardingTransition(settings, { name: 'terms' }, postback(POSTBACK.termsDisagree));
    expect(out.step).toEqual({ name: 'declined' });
    expect(out.record).toEqual({ terms: 'declined' });
    expect(out.send[0].text).toContain('0120-279-338');
    // Writing afterwards brings the terms back, so the resident can still change their mind.
    const later = onboardingTransition(settings, out.step, ev({ kind: 'text', text: 'やっぱり話したい' } as never));
    expect(texts(later)).toEqual(['利用規約の本文', '同意しますか？']);
    expect(onboardingTransition(settings, out.step, postback(POSTBACK.termsAgree)).record).toEqual({ terms: 'agreed' });
  });

  it('asks the current question again for typed text, a stale button or an unknown value', () => {
    const step: OnboardingStep = { name: 'intake', index: 1 };
    for (const event of [ev({ kind: 'text', text: 'えっと' } as never), postback(POSTBACK.intake('eligibility', 'lives')), postback(POSTBACK.intake('topic', 'nope'))]) {
      const out = onboardingTransition(settings, step, event);
      expect(out.step).toBe(step);
      expect(out.record).toBeUndefined();
      expect(texts(out)).toEqual(['どんなことですか？']);
    }
  });

  it('answers a sticker kindly and repeats the pending question', () => {
    const out = onboardingTransition(settings, { name: 'intake', index: 0 }, ev({ kind: 'media', mediaType: 'sticker' } as never));
    expect(texts(out)).toEqual(['言葉で教えてください', '市内にお住まいですか？']);
  });

  it('lets a returning resident skip what they already did, but not a newer version of the terms', () => {
    expect(initialStep(settings, { termsVersion: 'v2', intakeAnswered: ['eligibility', 'topic'] })).toEqual({ name: 'done' });
    expect(initialStep(settings, { termsVersion: 'v2', intakeAnswered: ['eligibility'] })).toEqual({ name: 'intake', index: 1 });
    expect(initialStep(settings, { termsVersion: 'v1', intakeAnswered: ['eligibility', 'topic'] })).toEqual({ name: 'terms' });
  });
});
