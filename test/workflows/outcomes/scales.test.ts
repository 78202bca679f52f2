import { beforeAfterChange, K6, k6Band, k6Risk, parseScalePostback, scaleAnswerData, scaleItemMessage, scaleSkipData, scaleTotal, UCLA3, nextItem, wordedScale } from '../../../workflows/outcomes/scales';
import { maxRisk } from '../../../workflows/safety/risk-levels';

const all = (scale: typeof K6, score: number) => Object.fromEntries(scale.items.map((i) => [i.id, score]));

describe('UCLA-3 scoring', () => {
  it('sums three items scored 1–3 to a total of 3–9', () => {
    expect(scaleTotal(UCLA3, all(UCLA3, 1))).toBe(3);
    expect(scaleTotal(UCLA3, all(UCLA3, 3))).toBe(9);
    expect(scaleTotal(UCLA3, { companionship: 2, 'left-out': 3, isolated: 1 })).toBe(6);
  });
  it('has no total with an item skipped or out of range (a skip is not a low score)', () => {
    expect(scaleTotal(UCLA3, { companionship: 2, 'left-out': 3 })).toBeUndefined();
    expect(scaleTotal(UCLA3, { companionship: 0, 'left-out': 3, isolated: 1 })).toBeUndefined();
  });
  it('asks the items in order', () => {
    expect(nextItem(UCLA3, {})?.id).toBe('companionship');
    expect(nextItem(UCLA3, { companionship: 1 })?.id).toBe('left-out');
    expect(nextItem(UCLA3, all(UCLA3, 1))).toBeUndefined();
  });
});

describe('K6 scoring and the risk it feeds', () => {
  it('sums six items scored 0–4 to 0–24, with 13 or more as serious distress', () => {
    expect(scaleTotal(K6, all(K6, 0))).toBe(0);
    expect(scaleTotal(K6, all(K6, 4))).toBe(24);
    expect(k6Band(4)).toBe('low');
    expect(k6Band(5)).toBe('moderate');
    expect(k6Band(12)).toBe('moderate');
    expect(k6Band(13)).toBe('serious');
  });
  it('raises risk to low (lines offered, staff review) at a total of 13, or at 「いつも」 on hopelessness or worthlessness', () => {
    expect(k6Risk(all(K6, 2))).toBe('none'); // 12
    expect(k6Risk({ ...all(K6, 2), nervous: 3 })).toBe('low'); // 13
    expect(k6Risk({ hopeless: 4 })).toBe('low');
    expect(k6Risk({ worthless: 4 })).toBe('low');
    expect(k6Risk({ nervous: 4, restless: 4 })).toBe('none');
  });
  it('never lowers what the rules found', () => {
    expect(maxRisk('high', k6Risk(all(K6, 0)))).toBe('high');
    expect(maxRisk('none', k6Risk({ hopeless: 4 }))).toBe('low');
  });
});

describe('scale postbacks', () => {
  it('reads an answer or a skip, and refuses an unknown item or score', () => {
    expect(parseScalePostback(scaleAnswerData('k6', 'hopeless', 4))).toEqual({ kind: 'answer', scale: 'k6', itemId: 'hopeless', score: 4 });
    expect(parseScalePostback(scaleSkipData('ucla3'))).toEqual({ kind: 'skip', scale: 'ucla3' });
    expect(parseScalePostback(scaleAnswerData('ucla3', 'companionship', 4))).toBeUndefined();
    expect(parseScalePostback(scaleAnswerData('k6', 'unknown', 1))).toBeUndefined();
  });
  it('fits LINE: labels of at most 20 characters, at most 13 quick replies with 「答えない」', () => {
    for (const scale of [UCLA3, K6]) {
      expect(scale.choices.length + 1).toBeLessThanOrEqual(13);
      for (const c of scale.choices) expect(c.label.length).toBeLessThanOrEqual(20);
    }
  });
});

describe('before and after', () => {
  const result = (residentId: string, occasion: 'intake' | 'follow-up', total: number) => ({ residentId, scale: 'ucla3' as const, occasion, total });
  it('is the mean change among residents with both, follow-up minus intake', () => {
    const rows = ['a', 'b', 'c', 'd', 'e'].flatMap((id, i) => [result(id, 'intake', 8), result(id, 'follow-up', 8 - (i % 3))]);
    rows.push(result('only-intake', 'intake', 9));
    // changes 0, -1, -2, 0, -1 → mean -0.8
    expect(beforeAfterChange(rows, 'ucla3', 5)).toEqual({ n: 5, meanChange: -0.8, hidden: false });
  });
  it('hides a mean of fewer than the small-cell threshold', () => {
    const rows = [result('a', 'intake', 9), result('a', 'follow-up', 5)];
    expect(beforeAfterChange(rows, 'ucla3', 5)).toEqual({ n: 1, meanChange: null, hidden: true });
    expect(beforeAfterChange(rows, 'k6', 5)).toEqual({ n: 0, meanChange: null, hidden: false });
  });
});

describe('a scale in the resident’s language', () => {
  const english = {
    intro: 'A few questions about how you usually feel.',
    items: { companionship: 'How often do you feel that you lack companionship?', 'left-out': 'How often do you feel left out?', isolated: 'How often do you feel isolated from others?' },
    choices: { '1': 'Hardly ever', '2': 'Some of the time', '3': 'Often' },
  };

  it('words the intro, the items and the answers, keeping the ids and the scores', () => {
    const scale = wordedScale(UCLA3, english);
    const message = scaleItemMessage(scale, scale.items[0], 'Skip');
    expect(message.text).toBe('A few questions about how you usually feel.\n\nHow often do you feel that you lack companionship?');
    expect(message.quickReply!.items.map((i) => [i.action.label, i.action.data])).toEqual([
      ['Hardly ever', scaleAnswerData('ucla3', 'companionship', 1)],
      ['Some of the time', scaleAnswerData('ucla3', 'companionship', 2)],
      ['Often', scaleAnswerData('ucla3', 'companionship', 3)],
      ['Skip', scaleSkipData('ucla3')],
    ]);
    expect(scaleTotal(scale, { companionship: 3, 'left-out': 3, isolated: 3 })).toBe(9);
    // Without a wording the scale is the Japanese one.
    expect(wordedScale(UCLA3, undefined)).toBe(UCLA3);
  });
});
