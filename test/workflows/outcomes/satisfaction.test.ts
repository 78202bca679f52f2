import { satisfactionPostbackData } from '../../../contracts/postbacks';
import { decideCheckIn, SATISFACTION_ANSWER_WINDOW_MS, type CheckInSettings } from '../../../workflows/check-ins/check-in-policy';
import { parseSatisfactionPostback, satisfactionQuestion, shouldAskSatisfaction, type SatisfactionTexts } from '../../../workflows/outcomes/satisfaction';
import { loadProfile } from '../../../platform/config/profile';

const CONSULTATION = '6f1c1d0e-3b7a-4c1e-9a55-0c2f7c9b1a01';
// 2026-12-02 14:00 Asia/Tokyo (a Wednesday), outside the default quiet hours 21:00–08:00.
const AFTERNOON = Date.parse('2026-12-02T05:00:00Z');
const NIGHT = Date.parse('2026-12-02T14:00:00Z'); // 23:00 in Tokyo
const quietHours = { from: '21:00', to: '08:00' };
const ctx = (over: Partial<Parameters<typeof shouldAskSatisfaction>[0]> = {}) => ({ enabled: true, reason: 'silence', turns: 2, personInvolved: false, quietHours, ...over });

describe('when the closing question is asked', () => {
  it('after a staff close, and after a silence close of a consultation with a conversation', () => {
    expect(shouldAskSatisfaction(ctx({ reason: 'staff', turns: 0 }), AFTERNOON)).toBe(true);
    expect(shouldAskSatisfaction(ctx(), AFTERNOON)).toBe(true);
  });
  it('not after a run that only carried a tap, not to a resident who blocked the account, not when the city turned it off', () => {
    expect(shouldAskSatisfaction(ctx({ turns: 0 }), AFTERNOON)).toBe(false);
    expect(shouldAskSatisfaction(ctx({ reason: 'unfollowed' }), AFTERNOON)).toBe(false);
    expect(shouldAskSatisfaction(ctx({ enabled: false }), AFTERNOON)).toBe(false);
  });
  it('never pushed in the quiet hours', () => {
    expect(shouldAskSatisfaction(ctx(), NIGHT)).toBe(false);
    expect(shouldAskSatisfaction(ctx({ reason: 'staff' }), NIGHT)).toBe(false);
  });
});

describe('the question and its taps', () => {
  const profile = loadProfile('profiles/example.yaml');
  const texts = profile.texts as SatisfactionTexts;

  it('offers five answers, best first, each naming the consultation, with labels LINE accepts', () => {
    const message = satisfactionQuestion(texts, CONSULTATION);
    expect(message.text).toContain('相談してよかったですか');
    expect(message.quickReply?.items.map((i) => i.action.data)).toEqual([5, 4, 3, 2, 1].map((k) => `satisfaction=${k}&consultation=${CONSULTATION}`));
    for (const item of message.quickReply!.items) expect(item.action.label.length).toBeLessThanOrEqual(20);
  });

  it('reads a score or the wish to comment, and nothing else', () => {
    expect(parseSatisfactionPostback(satisfactionPostbackData(3, CONSULTATION))).toEqual({ kind: 'score', score: 3, consultationId: CONSULTATION });
    expect(parseSatisfactionPostback(satisfactionPostbackData('comment', CONSULTATION))).toEqual({ kind: 'comment', consultationId: CONSULTATION });
    expect(parseSatisfactionPostback(`satisfaction=6&consultation=${CONSULTATION}`)).toBeUndefined();
    expect(parseSatisfactionPostback('satisfaction=3&consultation=x')).toBeUndefined();
    expect(parseSatisfactionPostback('checkin=agree')).toBeUndefined();
  });

  it('an English catalogue words it in English; a language without its own wording is asked in Japanese', () => {
    expect(profile.languages.en?.satisfaction?.satisfactionAsk).toContain('Was it good to talk with us?');
    expect(Object.entries(profile.languages).some(([, c]) => c.satisfaction === undefined)).toBe(true);
  });
});

describe('the check-in consent question waits for the closing question', () => {
  const settings: CheckInSettings = { enabled: true, afterSilenceDays: 7, maxCount: 3, businessDaysOnly: false, consentVersion: 'v', purpose: 'p', quietHours };
  const calendar = { timeZone: 'Asia/Tokyo', open: '09:00', close: '18:00', weekdays: [1, 2, 3, 4, 5], closedDays: [], extraClosures: [], holidays: [] } as never;
  const status = { consent: 'none' as const, reachable: true, openConsultation: false, latestConsultationId: CONSULTATION, sentCount: 0 };

  it('asks at once without a pending question, and after the answer window with one', () => {
    expect(decideCheckIn(status, settings, AFTERNOON, calendar)).toEqual({ kind: 'ask-consent', at: AFTERNOON });
    expect(decideCheckIn({ ...status, satisfactionPendingSinceMs: AFTERNOON }, settings, AFTERNOON, calendar)).toEqual({ kind: 'ask-consent', at: AFTERNOON + SATISFACTION_ANSWER_WINDOW_MS });
    // Long after the question: no more waiting.
    expect(decideCheckIn({ ...status, satisfactionPendingSinceMs: AFTERNOON - 2 * SATISFACTION_ANSWER_WINDOW_MS }, settings, AFTERNOON, calendar)).toEqual({ kind: 'ask-consent', at: AFTERNOON });
  });
});
