import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ReferralAction, ReferralStatus } from './referral-policy';

export const referralWorkflowId = (referralId: string) => `referral-${referralId}`;

export interface ReferralInput {
  referralId: string;
  residentId: string;
  consultationId: string;
  /** Only to know it is a referral of that consultation; the child never waits on its parent. */
  parentWorkflowId: string;
}

/**
 * Partner actions are updates: the portal needs to know at once whether the step was allowed.
 * `note` is the decline reason or the outcome; it is the partner's wording, never the resident's details.
 */
export const referralActionUpdate = defineUpdate<{ status: ReferralStatus }, [{ action: ReferralAction; actorId: string; note?: string }]>('referralAction');

/** The resident withdrew consent: the referral stops wherever it is. */
export const referralWithdrawSignal = defineSignal<[]>('referralWithdraw');
