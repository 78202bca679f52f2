/** One per resident, started again (the running one ended) whenever their language changes. */
export const residentMenuWorkflowId = (residentId: string) => `resident-menu-${residentId}`;

export interface ResidentMenuInput {
  residentId: string;
}

/**
 * What the link activity did: the language's menu linked; the default shown (Japanese); nothing to do
 * (no menu published for the language, or no LINE user); LINE refused (logged).
 */
export type RichMenuLinkOutcome = 'linked' | 'default' | 'no-menu' | 'no-resident' | 'refused';
