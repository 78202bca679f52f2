/**
 * Risk levels and categories shared by the rule layer, the LLM classifier and the policy engine.
 * Pure data and functions: safe inside the Temporal workflow sandbox.
 *
 * Levels follow the working scale in shared/notes/safety.md §3:
 *   none 0 · low 1 (passive wish) · medium 2 (active ideation, recent self-harm)
 *   high 3 (intent/plan/means, prior attempt + ideation) · imminent 4 (act under way, means in hand now)
 */

import { RISK_LEVELS, type RiskLevel } from '../../contracts/risk-levels';

export { RISK_LEVELS, type RiskLevel };

export const RISK_CATEGORIES = [
  'suicidal-ideation',
  'self-harm',
  'abuse',
  'dv',
  'bullying',
  'harm-to-others',
  'other-danger',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** Labels for the staff dashboard (Japanese UI). */
export const RISK_LEVEL_LABELS_JA: Readonly<Record<RiskLevel, string>> = {
  none: 'なし',
  low: '低',
  medium: '中',
  high: '高',
  imminent: '切迫',
};

export const RISK_CATEGORY_LABELS_JA: Readonly<Record<RiskCategory, string>> = {
  'suicidal-ideation': '希死念慮',
  'self-harm': '自傷',
  abuse: '虐待',
  dv: 'DV',
  bullying: 'いじめ',
  'harm-to-others': '他害',
  'other-danger': 'その他の危険',
};

/** 0 for none … 4 for imminent. */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/** Negative when a is lower than b, 0 when equal, positive when higher (usable with Array.sort). */
export function compareRisk(a: RiskLevel, b: RiskLevel): number {
  return riskRank(a) - riskRank(b);
}

export function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return compareRisk(a, b) >= 0 ? a : b;
}

export function minRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return compareRisk(a, b) <= 0 ? a : b;
}

/** True when `level` is at least `threshold`. */
export function isAtLeast(level: RiskLevel, threshold: RiskLevel): boolean {
  return compareRisk(level, threshold) >= 0;
}

/** One step down (none stays none); used for the context floor. */
export function stepDown(level: RiskLevel): RiskLevel {
  return RISK_LEVELS[Math.max(0, riskRank(level) - 1)];
}

/** One step up (imminent stays imminent). */
export function stepUp(level: RiskLevel): RiskLevel {
  return RISK_LEVELS[Math.min(RISK_LEVELS.length - 1, riskRank(level) + 1)];
}

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}

export function isRiskCategory(value: unknown): value is RiskCategory {
  return typeof value === 'string' && (RISK_CATEGORIES as readonly string[]).includes(value);
}
