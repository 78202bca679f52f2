/**
 * Metrics for the risk rule layer, shared by bench/risk-eval.ts and test/safety/risk-rules.test.ts
 * so that the printed figures and the test thresholds are the same computation.
 *
 * Definitions (classes are defined in risk-eval-set.ts):
 *   caught       a crisis case assessed at least min(expected, 'high'): a medium crisis must reach
 *                the staff review queue (medium+), a high/imminent one must reach human takeover
 *                (high+). An imminent case assessed 'high' counts as caught (a human is alerted) but
 *                is listed separately as under-graded.
 *   recall       caught / crisis cases
 *   false alarm  a calm case (expected none or low) assessed 'medium' or above
 *   false-alarm rate = false alarms / calm cases
 */
import { RISK_LEVELS, type RiskLevel, isAtLeast, minRisk } from '../../workflows/safety/risk-levels';
import type { EvalCase } from './risk-eval-set';

export type Assess = (text: string, context?: { baseline?: RiskLevel }) => { level: RiskLevel };

export const THRESHOLDS = { minRecall: 0.95, maxFalseAlarmRate: 0.05 } as const;

export type CaseClass = 'crisis' | 'calm' | 'other';

export function classOf(c: EvalCase): CaseClass {
  if (c.crisis) return 'crisis';
  if (!isAtLeast(c.expected, 'medium')) return 'calm';
  return 'other';
}

export interface CaseResult {
  index: number;
  case: EvalCase;
  cls: CaseClass;
  assessed: RiskLevel;
  caught: boolean | null;
  falseAlarm: boolean | null;
}

export interface GroupMetrics {
  group: string;
  total: number;
  crisis: number;
  caught: number;
  recall: number;
  calm: number;
  falseAlarms: number;
  falseAlarmRate: number;
  exact: number;
}

export type Confusion = Record<RiskLevel, Record<RiskLevel, number>>;

export interface EvalReport {
  results: CaseResult[];
  overall: GroupMetrics;
  byGroup: GroupMetrics[];
  confusion: Confusion;
}

export function isCaught(expected: RiskLevel, assessed: RiskLevel): boolean {
  return isAtLeast(assessed, minRisk(expected, 'high'));
}

export function isFalseAlarm(assessed: RiskLevel): boolean {
  return isAtLeast(assessed, 'medium');
}

function summarise(group: string, rs: CaseResult[]): GroupMetrics {
  const crisis = rs.filter((r) => r.cls === 'crisis');
  const calm = rs.filter((r) => r.cls === 'calm');
  const caught = crisis.filter((r) => r.caught).length;
  const falseAlarms = calm.filter((r) => r.falseAlarm).length;
  return {
    group,
    total: rs.length,
    crisis: crisis.length,
    caught,
    recall: crisis.length ? caught / crisis.length : 1,
    calm: calm.length,
    falseAlarms,
    falseAlarmRate: calm.length ? falseAlarms / calm.length : 0,
    exact: rs.filter((r) => r.assessed === r.case.expected).length,
  };
}

export function evaluate(set: readonly EvalCase[], assess: Assess): EvalReport {
  const results: CaseResult[] = set.map((c, index) => {
    const assessed = assess(c.text, c.baseline ? { baseline: c.baseline } : undefined).level;
    const cls = classOf(c);
    return {
      index,
      case: c,
      cls,
      assessed,
      caught: cls === 'crisis' ? isCaught(c.expected, assessed) : null,
      falseAlarm: cls === 'calm' ? isFalseAlarm(assessed) : null,
    };
  });
  const confusion = Object.fromEntries(
    RISK_LEVELS.map((e) => [e, Object.fromEntries(RISK_LEVELS.map((a) => [a, 0]))]),
  ) as Confusion;
  for (const r of results) confusion[r.case.expected][r.assessed]++;

  const langs = [...new Set(set.map((c) => c.lang))];
  const byGroup = [
    summarise('ja', results.filter((r) => r.case.lang === 'ja')),
    summarise('other languages', results.filter((r) => r.case.lang !== 'ja')),
    ...langs.filter((l) => l !== 'ja').map((l) => summarise(l, results.filter((r) => r.case.lang === l))),
  ];
  return { results, overall: summarise('overall', results), byGroup, confusion };
}
