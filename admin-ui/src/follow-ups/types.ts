/** As answered by api/follow-ups/follow-up-routes.ts. */
export interface FollowUpTask {
  id: string;
  consultationId: string;
  residentCode: string;
  title: string;
  /** Tokyo calendar day, YYYY-MM-DD. */
  dueOn: string;
  overdue: boolean;
  createdAt: string;
  createdByName: string | null;
  completedAt: string | null;
  completedByName: string | null;
}

/** The Tokyo calendar day `days` from now, YYYY-MM-DD (Sweden's locale writes dates that way). */
export const tokyoDayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
