import type { RiskLevel } from '../consultations/types';

/** `GET /api/consultations/:id/handover` (api/handover/). */
export interface Handover {
  id: string;
  generated: {
    topics: string[];
    riskHistory: { at: string; level: RiskLevel; categories: string[] }[];
    intake: { question: string; answer: string }[];
    requests: { at: string; via: 'menu' | 'nudge' }[];
    residentWords: string[];
  };
  edited: { text: string; at: string; staffName: string | null } | null;
}
