/**
 * Timers of a consultation kept as data: the workflow waits for the next event or the earliest of
 * these, so closing or continuing as new never waits on a timer, and a continued run keeps them.
 * Pure: no Temporal imports, no clock reads (now is passed in).
 */
export type Deadline =
  /** An alert nobody acknowledged by then goes to supervisors (and on-call outside business hours). */
  | { kind: 'escalate'; at: number; alertId: string }
  /** A case still waiting for staff by then alerts supervisors. */
  | { kind: 'pickup'; at: number }
  /** A request made outside business hours joins the queue then. */
  | { kind: 'opening'; at: number };

export function earliest(deadlines: readonly Deadline[]): number | undefined {
  return deadlines.length === 0 ? undefined : Math.min(...deadlines.map((d) => d.at));
}

/** Splits the deadlines into those due at `now` (oldest first) and those still ahead. */
export function takeDue(deadlines: readonly Deadline[], now: number): { due: Deadline[]; ahead: Deadline[] } {
  const due = deadlines.filter((d) => d.at <= now).sort((a, b) => a.at - b.at);
  return { due, ahead: deadlines.filter((d) => d.at > now) };
}

/** Milliseconds the workflow may wait for an event before something is due (silence counts too). */
export function waitBudget(deadlines: readonly Deadline[], silenceCloseAt: number | undefined, now: number): number | undefined {
  const next = [earliest(deadlines), silenceCloseAt].filter((x): x is number => x !== undefined);
  return next.length === 0 ? undefined : Math.max(0, Math.min(...next) - now);
}

/** Escalations must reach someone even when the consultation ends first; the rest lapse with it. */
export const survivesClose = (d: Deadline) => d.kind === 'escalate';
