import { defineQuery, defineSignal } from '@temporalio/workflow';

/** A LINE webhook event, reduced to what the consultation needs. Built by the API's inbox relay. */
export type ResidentEvent =
  | { kind: 'follow'; eventId: string; timestamp: number; replyToken?: string }
  | { kind: 'unfollow'; eventId: string; timestamp: number }
  | { kind: 'text'; eventId: string; timestamp: number; replyToken?: string; text: string }
  | { kind: 'postback'; eventId: string; timestamp: number; replyToken?: string; data: string }
  | { kind: 'media'; eventId: string; timestamp: number; replyToken?: string; mediaType: string };

export const residentEventSignal = defineSignal<[ResidentEvent]>('residentEvent');

export type ConsultationPhase = 'onboarding' | 'declined' | 'listening' | 'closed';

export interface ConsultationView {
  consultationId?: string;
  phase: ConsultationPhase;
  onboardingStep: string;
  turns: number;
  pendingEvents: number;
}

export const consultationViewQuery = defineQuery<ConsultationView>('consultationView');

export const consultationWorkflowId = (residentId: string) => `consultation-${residentId}`;
