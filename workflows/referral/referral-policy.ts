/**
 * A referral's life once it is sent, and its deadlines. Pure: no Temporal imports, no clock reads.
 *
 *   sent → acknowledged → accepted | declined;  accepted → contacted → closed (outcome)
 *   any open state → withdrawn (the resident withdrew consent)
 */
import type { ReferralAction, ReferralStatus } from '../../contracts/referral-statuses';

import { addBusinessDays, type BusinessCalendar } from '../calendar/business-calendar';

export type { ReferralAction, ReferralStatus };

const NEXT: Record<ReferralAction, { from: ReferralStatus[]; to: ReferralStatus }> = {
  acknowledge: { from: ['sent'], to: 'acknowledged' },
  // Accepting or declining straight away also acknowledges.
  accept: { from: ['sent', 'acknowledged'], to: 'accepted' },
  decline: { from: ['sent', 'acknowledged'], to: 'declined' },
  contact: { from: ['accepted'], to: 'contacted' },
  // A partner who never reached the resident still records an outcome.
  close: { from: ['accepted', 'contacted'], to: 'closed' },
};

export const TERMINAL: readonly ReferralStatus[] = ['declined', 'closed', 'withdrawn'];

/** The status after `action`, or an error naming why not (shown as a 409). */
export function nextReferralStatus(status: ReferralStatus, action: ReferralAction): ReferralStatus {
  const rule = NEXT[action];
  if (!rule.from.includes(status)) throw new Error(`cannot ${action} a referral that is ${status}`);
  return rule.to;
}

export const isAcknowledged = (s: ReferralStatus) => s !== 'sent';
export const isContactDone = (s: ReferralStatus) => s === 'contacted' || TERMINAL.includes(s);

export interface ReferralDeadlineSettings {
  acknowledgeWithinBusinessDays: number;
  firstContactWithinBusinessDays: number;
}

/**
 * Both deadlines count business days from sending and fall at closing time (see addBusinessDays):
 * a referral sent on Friday before a Monday holiday is due to be acknowledged on Tuesday at 18:00.
 */
export function referralDeadlines(sentAtMs: number, settings: ReferralDeadlineSettings, cal: BusinessCalendar): { acknowledgeDueAt: number; contactDueAt: number } {
  return {
    acknowledgeDueAt: addBusinessDays(sentAtMs, settings.acknowledgeWithinBusinessDays, cal),
    contactDueAt: addBusinessDays(sentAtMs, settings.firstContactWithinBusinessDays, cal),
  };
}
