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
 *
 * Crisis-line level (issue 13; the headline figures since `low` started to offer the 24-hour lines):
 *   a message "gets a crisis line" when the rules rate it `low` or above.
 *   positive     expected `low` or above (passive wish and up, abuse, DV, other danger)
 *   negative     expected `none` (everyday talk, figurative speech, fiction, grief without ideation)
 *   line recall  positives that get a line / positives
 *   line false-alarm rate = negatives that get a line / negatives
 *   Third-party reports count by their label, never by a rule of their own: the labeller rated the
 *   WRITER (「友達が死にたいって言ってて心配」 is `low` in the old rounds: worth a gentle line and a
 *   staff look, since the 24-hour lines also take calls from people worried about someone; a
 *   report labelled `none` is a negative, so firing on it is a false alarm).
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
  lineCls: LineClass;
  getsLines: boolean;
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
  /** crisis-line level */
  positives: number;
  lineHits: number;
  lineRecall: number;
  negatives: number;
  lineFalseAlarms: number;
  lineFalseAlarmRate: number;
}

export type Confusion = Record<RiskLevel, Record<RiskLevel, number>>;

export interface EvalReport {
  results: CaseResult[];
  overall: GroupMetrics;
  byGroup: GroupMetrics[];
  /** by the writer's category, for sets whose cases carry one (v6) */
  byCategory: GroupMetrics[];
  confusion: Confusion;
}

export function isCaught(expected: RiskLevel, assessed: RiskLevel): boolean {
  return isAtLeast(assessed, minRisk(expected, 'high'));
}

export function isFalseAlarm(assessed: RiskLevel): boolean {
  return isAtLeast(assessed, 'medium');
}

/** The level from which the answer carries the 24-hour lines (planRiskResponse in risk-response.ts). */
export const LINE_LEVEL: RiskLevel = 'low';

export type LineClass = 'positive' | 'negative';

export function lineClassOf(c: EvalCase): LineClass {
  return isAtLeast(c.expected, LINE_LEVEL) ? 'positive' : 'negative';
}

export function getsLines(assessed: RiskLevel): boolean {
  return isAtLeast(assessed, LINE_LEVEL);
}

function summarise(group: string, rs: CaseResult[]): GroupMetrics {
  const crisis = rs.filter((r) => r.cls === 'crisis');
  const calm = rs.filter((r) => r.cls === 'calm');
  const caught = crisis.filter((r) => r.caught).length;
  const falseAlarms = calm.filter((r) => r.falseAlarm).length;
  const positives = rs.filter((r) => r.lineCls === 'positive');
  const negatives = rs.filter((r) => r.lineCls === 'negative');
  const lineHits = positives.filter((r) => r.getsLines).length;
  const lineFalseAlarms = negatives.filter((r) => r.getsLines).length;
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
    positives: positives.length,
    lineHits,
    lineRecall: positives.length ? lineHits / positives.length : 1,
    negatives: negatives.length,
    lineFalseAlarms,
    lineFalseAlarmRate: negatives.length ? lineFalseAlarms / negatives.length : 0,
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
      lineCls: lineClassOf(c),
      getsLines: getsLines(assessed),
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
  const categories = [...new Set(set.map((c) => c.category).filter((c): c is string => !!c))].sort();
  const byCategory = categories.map((cat) => summarise(cat, results.filter((r) => r.case.category === cat)));
  return { results, overall: summarise('overall', results), byGroup, byCategory, confusion };
}
