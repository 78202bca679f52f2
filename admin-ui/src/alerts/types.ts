import type { RiskLevel } from '../consultations/types';

/** An unacknowledged crisis alert, as `GET /api/alerts/open` lists it. */
export interface PinnedAlert {
  id: string;
  kind: string;
  level: RiskLevel | null;
  channel: string;
  createdAt: string;
  consultationId: string;
  residentCode: string;
}
