import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ConsentRequest } from '../consent/consent-flow';

/**
 * A LINE webhook event, reduced to what the consultation needs. Built by the API's inbox relay, which
 * adds the resident's language (BCP 47, as remembered for them; absent in events from before). A media
 * event carries LINE's message id (content to fetch) and a sticker's keywords (absent in events from before).
 */
type Answerable = { eventId: string; timestamp: number; replyToken?: string; language?: string };
export type ResidentEvent =
  | ({ kind: 'follow' } & Answerable)
  | { kind: 'unfollow'; eventId: string; timestamp: number }
  | ({ kind: 'text'; text: string } & Answerable)
  | ({ kind: 'postback'; data: string } & Answerable)
  | ({ kind: 'media'; mediaType: string; messageId?: string; keywords?: string[] } & Answerable);

export const residentEventSignal = defineSignal<[ResidentEvent]>('residentEvent');

export type ConsultationPhase = 'onboarding' | 'declined' | 'listening' | 'waiting_for_staff' | 'with_staff' | 'closed';

export interface ConsultationView {
  consultationId?: string;
  phase: ConsultationPhase;
  staffId?: string;
  reservedFor?: number;
  onboardingStep: string;
  turns: number;
  pendingEvents: number;
}

export const consultationViewQuery = defineQuery<ConsultationView>('consultationView');

export const consultationWorkflowId = (residentId: string) => `consultation-${residentId}`;

/** Staff actions arrive as updates: the API needs to know they were accepted (and why not). */
export interface StaffRef {
  staffId: string;
  staffName: string;
}
export const claimUpdate = defineUpdate<void, [StaffRef]>('claim');
export const staffMessageUpdate = defineUpdate<{ status: string }, [{ staffId: string; text: string; clientMessageId: string }]>('staffMessage');
export const releaseUpdate = defineUpdate<void, [{ staffId: string }]>('release');
export const transferUpdate = defineUpdate<void, [{ fromStaffId: string; to: StaffRef }]>('transfer');
export const closeByStaffUpdate = defineUpdate<void, [{ staffId: string }]>('closeByStaff');

/** Staff drafted a referral: the resident is asked, through LINE, to agree to share details with that recipient. */
export const requestConsentUpdate = defineUpdate<void, [ConsentRequest & { staffId: string }]>('requestConsent');
