import { isHighRisk, type Consultation } from './types';

export interface Abilities {
  claim: boolean;
  reply: boolean;
  release: boolean;
  transfer: boolean;
  review: boolean;
  close: boolean;
}

const OVERSIGHT = ['admin', 'supervisor'];

/**
 * Which actions to offer. Only a hint for a calm screen: the API decides, and a refused action
 * shows its message.
 */
export function abilitiesFor(c: Pick<Consultation, 'status' | 'assignedStaffId' | 'highestRiskLevel' | 'needsReview'>, me: { id?: string; role?: unknown }): Abilities {
  const mine = c.status === 'with_staff' && !!me.id && c.assignedStaffId === me.id;
  const oversight = OVERSIGHT.includes(String(me.role));
  const open = c.status !== 'closed';
  return {
    claim: c.status === 'waiting_for_staff',
    reply: mine,
    release: c.status === 'with_staff' && (mine || oversight),
    transfer: (c.status === 'with_staff' && (mine || oversight)) || (c.status === 'waiting_for_staff' && oversight),
    review: c.needsReview || isHighRisk(c.highestRiskLevel),
    close: open && c.status !== 'onboarding' && (c.status !== 'with_staff' || mine || oversight),
  };
}
