/** Every status a referral has on the staff side, drafts included (migrations: referrals_status_check). */
export const STAFF_REFERRAL_STATUSES = ['awaiting_consent', 'consent_declined', 'collecting', 'cancelled', 'sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'] as const;
export type StaffReferralStatus = (typeof STAFF_REFERRAL_STATUSES)[number];

/** The statuses a partner organisation sees: only referrals that were sent to it. */
export const PARTNER_REFERRAL_STATUSES = ['sent', 'acknowledged', 'accepted', 'declined', 'contacted', 'closed', 'withdrawn'] as const;
export type ReferralStatus = (typeof PARTNER_REFERRAL_STATUSES)[number];

/** What a partner can do to a referral (POST /api/partner/referrals/:id/<action>). */
export const REFERRAL_ACTIONS = ['acknowledge', 'accept', 'decline', 'contact', 'close'] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];
