import type { ReferralAction, ReferralStatus, StaffReferralStatus } from '../../../contracts/referral-statuses';

export { type ReferralAction, type ReferralStatus, STAFF_REFERRAL_STATUSES, type StaffReferralStatus } from '../../../contracts/referral-statuses';

/** A referral as the partner portal receives it (api/referrals/referral-routes.ts). */
export interface Referral {
  id: string;
  partnerName: string | null;
  reason: string;
  shareLabels: string[];
  status: ReferralStatus;
  sentAt: string | null;
  acknowledgeDueAt: string | null;
  contactDueAt: string | null;
  acceptedAt: string | null;
  declineReason: string | null;
  outcome: string | null;
  overdue: string[];
  details?: { field: string; label: string; value: string }[];
  consent?: { purpose: string; textVersion: string; agreedAt: string | null; withdrawn: boolean } | null;
}


export const STATUS_LABELS: Record<ReferralStatus, string> = {
  sent: '未受付',
  acknowledged: '受付済み',
  accepted: '引き受け',
  declined: 'お断り',
  contacted: '連絡済み',
  closed: '終了',
  withdrawn: '同意取り消し',
};


/** Which buttons a status offers (the workflow enforces the same rules: workflows/referral/referral-policy.ts). */
export const ACTIONS_BY_STATUS: Record<ReferralStatus, ReferralAction[]> = {
  sent: ['acknowledge', 'accept', 'decline'],
  acknowledged: ['accept', 'decline'],
  accepted: ['contact', 'close'],
  contacted: ['close'],
  declined: [],
  closed: [],
  withdrawn: [],
};

export const ACTION_LABELS: Record<ReferralAction, string> = {
  acknowledge: '受け付けました',
  accept: '引き受ける',
  decline: 'お断りする',
  contact: '本人に連絡しました',
  close: '結果を記録して終了',
};


/** A referral as staff see it on the case (GET /api/consultations/:id/referrals): no personal details. */
export interface CaseReferral {
  id: string;
  consultationId: string;
  partnerId: string;
  partnerName: string | null;
  reason: string;
  share: string[];
  shareLabels: string[];
  status: StaffReferralStatus | string;
  createdAt: string | null;
  sentAt: string | null;
  acceptedAt: string | null;
  declineReason: string | null;
  outcome: string | null;
  overdue: string[];
  reroutedFrom: string | null;
  reroutedTo: string | null;
}

/** GET /api/consultations/:id/partner-suggestions: partners serving one of the case's intake topics. */
export interface PartnerSuggestion {
  id: string;
  name: string;
  services: string[];
  matchedTopics: string[];
}

/** GET /api/partners (the whole directory). */
export interface PartnerSummary {
  id: string;
  name: string;
  active: boolean;
}

/** What a resident may be asked to share (workflows/consent/consent-flow.ts: CONSENT_FIELDS). */
export const SHAREABLE_FIELDS = ['name', 'furigana', 'phone', 'email', 'district', 'contactTime'] as const;
