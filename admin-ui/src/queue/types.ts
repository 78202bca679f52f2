import type { RiskLevel } from '../consultations/types';

export const REQUEST_REASONS = ['menu', 'nudge', 'risk', 'reservation'] as const;
export type RequestReason = (typeof REQUEST_REASONS)[number];

/** One row of GET /api/queue, which the API has already ranked. */
export interface QueueItem {
  id: string;
  residentCode: string;
  status: 'waiting_for_staff';
  riskLevel: RiskLevel;
  highestRiskLevel: RiskLevel;
  urgent: boolean;
  waitingSince: string;
  requestReason: RequestReason;
  offeredToStaffId: string | null;
  offeredToName: string | null;
  /** The resident's latest message, cut short and masked. */
  lastMessage: { at: string; kind: string; text: string | null } | null;
  language: string | null;
}
