/**
 * The rich menu's postback values (`menu=<key>`): sent by LINE when a resident taps a button, and by the
 * resident simulator's menu strip; read by the consultation workflow.
 */
export const MENU_KEYS = ['staff', 'ai', 'lines', 'language', 'terms'] as const;
export type MenuKey = (typeof MENU_KEYS)[number];

export const menuPostbackData = (key: MenuKey) => `menu=${key}`;

/**
 * The closing question 「相談してよかったですか」 (workflows/outcomes/satisfaction.ts): a score 1–5, or the
 * wish to write a comment, each naming the consultation it was asked in (so a late tap is still its answer).
 */
export const SATISFACTION_SCORES = [5, 4, 3, 2, 1] as const;
export type SatisfactionScore = (typeof SATISFACTION_SCORES)[number];
export const satisfactionPostbackData = (answer: SatisfactionScore | 'comment', consultationId: string) => `satisfaction=${answer}&consultation=${consultationId}`;
