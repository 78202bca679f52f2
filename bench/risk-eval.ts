/**
 * Evaluate the offline risk rules on the labelled set.   npx tsx bench/risk-eval.ts
 * Prints recall on crisis messages and the false-alarm rate on calm ones (definitions in
 * test/safety/risk-metrics.ts), per language group and overall, a confusion table by level, and
 * every miss. The messages are synthetic test data, so they are printed in full.
 */
import { assessRiskByRules } from '../workflows/safety/risk-rules';
import { RISK_LEVELS } from '../workflows/safety/risk-levels';
import { EVAL_SET, HOLDOUT_SET, type EvalCase } from '../test/safety/risk-eval-set';
import { THRESHOLDS, evaluate, type EvalReport, type GroupMetrics } from '../test/safety/risk-metrics';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function row(g: GroupMetrics): string {
  return [
    g.group.padEnd(16),
    String(g.total).padStart(5),
    `${g.caught}/${g.crisis}`.padStart(9),
    pct(g.recall).padStart(8),
    `${g.falseAlarms}/${g.calm}`.padStart(9),
    pct(g.falseAlarmRate).padStart(8),
    pct(g.exact / g.total).padStart(8),
  ].join('  ');
}

function print(title: string, set: readonly EvalCase[], report: EvalReport): void {
  console.log(`\n=== ${title}: ${set.length} messages ===`);
  console.log(['group'.padEnd(16), 'n'.padStart(5), 'caught'.padStart(9), 'recall'.padStart(8), 'f.alarm'.padStart(9), 'rate'.padStart(8), 'exact'.padStart(8)].join('  '));
  for (const g of [report.overall, ...report.byGroup]) console.log(row(g));

  console.log('\nconfusion (rows = expected, columns = assessed)');
  console.log(['', ...RISK_LEVELS].map((s) => s.padStart(9)).join(''));
  for (const e of RISK_LEVELS) {
    console.log([e, ...RISK_LEVELS.map((a) => String(report.confusion[e][a]))].map((s) => s.padStart(9)).join(''));
  }

  const misses = report.results.filter((r) => r.caught === false);
  const alarms = report.results.filter((r) => r.falseAlarm === true);
  const under = report.results.filter((r) => r.cls === 'crisis' && r.caught && r.assessed !== r.case.expected && RISK_LEVELS.indexOf(r.assessed) < RISK_LEVELS.indexOf(r.case.expected));
  const show = (label: string, rs: typeof misses): void => {
    console.log(`\n${label}: ${rs.length}`);
    for (const r of rs) {
      const base = r.case.baseline ? ` (baseline ${r.case.baseline})` : '';
      console.log(`  #${r.index} [${r.case.lang}] expected ${r.case.expected}, got ${r.assessed}${base}: ${r.case.text}`);
    }
  };
  show('missed crisis messages', misses);
  show('false alarms on calm messages', alarms);
  show('caught but under-graded (e.g. imminent assessed high)', under);
}

const sizes = (set: readonly EvalCase[]): string => {
  const ja = set.filter((c) => c.lang === 'ja');
  const other = set.filter((c) => c.lang !== 'ja');
  const count = (xs: readonly EvalCase[], p: (c: EvalCase) => boolean): number => xs.filter(p).length;
  const calm = (c: EvalCase): boolean => !c.crisis && (c.expected === 'none' || c.expected === 'low');
  return `ja ${ja.length} (crisis ${count(ja, (c) => c.crisis)}, calm ${count(ja, calm)}, none ${count(ja, (c) => c.expected === 'none')}); other languages ${other.length} (crisis ${count(other, (c) => c.crisis)}, calm ${count(other, calm)})`;
};

/** First measurement of each holdout before the rules were changed to cover it (see risk-eval-set.ts). */
const HOLDOUT_HISTORY = [
  { version: 'v1', n: 95, recall: 0.521, falseAlarmRate: 0.023 },
  { version: 'v2', n: 96, recall: 0.808, falseAlarmRate: 0.053 },
  { version: 'v3', n: 63, recall: 0.703, falseAlarmRate: 0.16 },
  { version: 'v4', n: 64, recall: 0.889, falseAlarmRate: 0.04 },
  { version: 'v5 (current HOLDOUT_SET)', n: 49, recall: 0.786, falseAlarmRate: 0.053 },
];

const main = evaluate(EVAL_SET, assessRiskByRules);
console.log(`thresholds: recall >= ${THRESHOLDS.minRecall}, false-alarm rate <= ${THRESHOLDS.maxFalseAlarmRate}`);
console.log(`evaluation set: ${sizes(EVAL_SET)}`);
print('EVAL_SET (in-sample: rules were tuned on it)', EVAL_SET, main);
if (HOLDOUT_SET.length > 0) {
  console.log(`\nholdout set: ${sizes(HOLDOUT_SET)}`);
  print('HOLDOUT_SET (labelled before the rules were run on it)', HOLDOUT_SET, evaluate(HOLDOUT_SET, assessRiskByRules));
}
console.log('\nholdout history (first measurement, before the rules were changed to cover each):');
for (const h of HOLDOUT_HISTORY) console.log(`  ${h.version.padEnd(26)} n=${String(h.n).padStart(3)}  recall ${pct(h.recall)}  false alarms ${pct(h.falseAlarmRate)}`);
console.log('EVAL_SET figures are in-sample (the rules were tuned on it); the holdout figures are the out-of-sample estimate.');
