/** `consultations.status` as stored and as the API filters on it. */
export const CONSULTATION_STATUSES = ['onboarding', 'listening', 'waiting_for_staff', 'with_staff', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
