/** Shapes of the consultation API (api/consultations/), as the dashboard reads them. */

import type { ConsultationStatus } from '../../../contracts/consultation-statuses';
import type { RiskLevel } from '../../../contracts/risk-levels';

export { CONSULTATION_STATUSES, type ConsultationStatus } from '../../../contracts/consultation-statuses';
export { RISK_LEVELS, type RiskLevel } from '../../../contracts/risk-levels';

export const isHighRisk = (level: RiskLevel | null | undefined): boolean => level === 'high' || level === 'imminent';

export interface ConsultationListItem {
  id: string;
  residentCode: string;
  residentId: string;
  status: ConsultationStatus;
  riskLevel: RiskLevel;
  highestRiskLevel: RiskLevel;
  urgent: boolean;
  assignedStaffId: string | null;
  assignedStaffName: string | null;
  openedAt: string;
  lastMessageAt: string | null;
  closedAt: string | null;
  waitingSince: string | null;
  messageCount: number;
  staffInvolved: boolean;
}

export interface RiskAssessment {
  at: string;
  level: RiskLevel;
  categories: string[];
  decidedBy: 'rules' | 'model';
}

export interface ConsultationAlert {
  id: string;
  kind: 'crisis' | 'unclaimed' | string;
  /** Empty for alerts about waiting, not about risk. */
  level: RiskLevel | null;
  channel: 'dashboard' | 'on-call' | string;
  createdAt: string;
  acknowledgedAt: string | null;
}

export interface ConsultationNote {
  id: string;
  at: string;
  staffName: string | null;
  text: string;
}

export interface RiskReview {
  id: string;
  at: string;
  staffName: string | null;
  note: string;
}

export interface Consultation extends ConsultationListItem {
  intake: Record<string, unknown>;
  intakeLabels: { question: string; answer: string }[];
  residentLanguage: { code: string; source: 'line' | 'detected' | 'chosen' } | null;
  /** A model is configured: staff read resident messages machine-translated and may send translated. */
  translationAvailable: boolean;
  summary: string | null;
  needsReview: boolean;
  riskHistory: RiskAssessment[];
  alerts: ConsultationAlert[];
  notes: ConsultationNote[];
  reviews: RiskReview[];
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'suppressed' | 'none';

export interface ConsultationMessage {
  id: string;
  at: string;
  direction: 'in' | 'out';
  sender: 'resident' | 'ai' | 'staff' | 'system';
  kind: string;
  text: string | null;
  delivery: 'reply' | 'push' | null;
  deliveryStatus: DeliveryStatus;
  answeredBy: 'ai' | 'fallback' | null;
  staffName: string | null;
  /**
   * `translation`: the Japanese machine translation of what the resident wrote; `original`: what staff
   * wrote, when the resident received its machine translation (`text`).
   */
  paired: { role: 'translation' | 'original'; language: string; text: string | null } | null;
  /** An image or file the resident sent: its bytes come from /api/consultations/:id/media/:mediaId. */
  media: ConsultationMedia | null;
}

export interface ConsultationMedia {
  id: string;
  status: 'stored' | 'too_large' | 'unsupported' | 'failed' | 'cleared';
  contentType: string | null;
  bytes: number | null;
}

export interface StaffOnDuty {
  id: string;
  displayName: string;
  activeCases: number;
}

/** POST /api/consultations/:id/<action>; each answers the updated consultation. */
export type ConsultationAction = 'claim' | 'release' | 'transfer' | 'close' | 'notes' | 'risk-reviews';
