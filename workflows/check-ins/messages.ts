import { defineSignal } from '@temporalio/workflow';

/** One check-in workflow per resident: it holds the timer between consultations. */
export const checkInWorkflowId = (residentId: string) => `check-in-${residentId}`;

export interface CheckInInput {
  residentId: string;
}

/** Something changed (a consultation closed, consent given or withdrawn): load the status and decide again. */
export const checkInWakeSignal = defineSignal<[]>('checkInWake');
