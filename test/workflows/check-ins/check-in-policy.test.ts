import { isCheckInStopWord } from '../../../workflows/check-ins/check-in-policy';

describe('the typed word that stops caring check-ins', () => {
  it('is 「やめて」 alone, always, and the resident’s language’s own words alone, in any case', () => {
    expect(isCheckInStopWord('やめてください。')).toBe(true);
    expect(isCheckInStopWord('もうやめてほしいと思うことがある')).toBe(false);
    const english = ['stop', 'stop messages'];
    expect(isCheckInStopWord('Stop!', english)).toBe(true);
    expect(isCheckInStopWord(' STOP MESSAGES. ', english)).toBe(true);
    expect(isCheckInStopWord('やめて', english)).toBe(true);
    expect(isCheckInStopWord('I cannot stop crying', english)).toBe(false);
    expect(isCheckInStopWord('Stop!')).toBe(false);
  });
});
