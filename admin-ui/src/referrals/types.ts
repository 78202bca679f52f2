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

export type ReferralStatus = 'sent' | 'acknowledged' | 'accepted' | 'declined' | 'contacted' | 'closed' | 'withdrawn';

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  sent: '未受付',
  acknowledged: '受付済み',
  accepted: '引き受け',
  declined: 'お断り',
  contacted: '連絡済み',
  closed: '終了',
  withdrawn: '同意取り消し',
};

export type ReferralAction = 'acknowledge' | 'accept' | 'decline' | 'contact' | 'close';

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
