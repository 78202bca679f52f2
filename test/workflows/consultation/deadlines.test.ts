import { Deadline, earliest, survivesClose, takeDue, waitBudget } from '../../../workflows/consultation/deadlines';

const escalate: Deadline = { kind: 'escalate', at: 300, alertId: 'a1' };
const pickup: Deadline = { kind: 'pickup', at: 100 };
const opening: Deadline = { kind: 'opening', at: 200 };

describe('deadlines as data', () => {
  it('finds the earliest and splits what is due from what is ahead, oldest first', () => {
    expect(earliest([])).toBeUndefined();
    expect(earliest([escalate, pickup, opening])).toBe(100);
    expect(takeDue([escalate, opening, pickup], 200)).toEqual({ due: [pickup, opening], ahead: [escalate] });
  });

  it('waits until the next deadline or the silence close, whichever is sooner, never negative', () => {
    expect(waitBudget([], undefined, 0)).toBeUndefined();
    expect(waitBudget([escalate], 1_000, 50)).toBe(250);
    expect(waitBudget([escalate], 120, 50)).toBe(70);
    expect(waitBudget([pickup], undefined, 500)).toBe(0);
  });

  it('keeps only escalations when a consultation closes', () => {
    expect([escalate, pickup, opening].filter(survivesClose)).toEqual([escalate]);
  });
});
