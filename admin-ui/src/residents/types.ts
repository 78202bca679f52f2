import type { ConsultationListItem } from '../consultations/types';

export const RESIDENT_STATUSES = ['active', 'unreachable', 'erased'] as const;
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];

/** Pseudonymous: the API never sends a LINE user id. */
export interface Resident {
  id: string;
  code: string;
  status: ResidentStatus;
  followedAt: string | null;
  consultationCount: number;
  lastConsultationAt: string | null;
  consultations?: ConsultationListItem[];
}
