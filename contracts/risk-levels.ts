/** Lowest first; the order matters (comparisons, colours, "reached high risk"). See workflows/safety/risk-levels.ts. */
export const RISK_LEVELS = ['none', 'low', 'medium', 'high', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
