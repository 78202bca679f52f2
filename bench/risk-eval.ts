/**
 * Evaluate the offline risk rules on the labelled sets.   npx tsx bench/risk-eval.ts [--quiet]
 *
 * Headline, at the crisis-line level (issue 13: a message gets the 24-hour lines when the rules rate
 * it `low` or above): recall on messages labelled low+ and false alarms on messages labelled none,
 * for the main set, each earlier holdout, and the v6 holdout's open and sealed parts. Then, per set,
 * the level-exact figures (recall at min(expected, high), false alarms at medium+), per language and
 * per writer's category, the confusion table by level, and the misses of the open sets.
 * Definitions: test/safety/risk-metrics.ts. The messages are synthetic test data, so open misses are
 * printed in full; the SEALED part's texts are never printed (figures only), so nobody tunes on it.
 */
import { assessRiskByRules } from '../workflows/safety/risk-rules';
import { RISK_LEVELS } from '../workflows/safety/risk-levels';
import { EARLIER_HOLDOUTS, EVAL_SET, type EvalCase } from '../test/safety/risk-eval-set';
import { V6_OPEN, V6_SEALED } from '../test/safety/eval-v6';
import { THRESHOLDS, evaluate, type EvalReport, type GroupMetrics } from '../test/safety/risk-metrics';
import { machineLine } from './lib/machine';

const quiet = process.argv.includes('--quiet');
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

interface NamedSet {
  name: string;
  cases: readonly EvalCase[];
  sealed: boolean;
  /** print its misses and per-group tables (the earlier holdouts are inside EVAL_SET already) */
  detail: boolean;
}

const SETS: NamedSet[] = [
  { name: 'main (EVAL_SET, tuned on)', cases: EVAL_SET, sealed: false, detail: true },
  ...EARLIER_HOLDOUTS.map((h) => ({ name: `holdout ${h.name}`, cases: h.cases, sealed: false, detail: false })),
  { name: 'v6 open (tuned on)', cases: V6_OPEN, sealed: false, detail: true },
  { name: 'v6 SEALED (never tuned on)', cases: V6_SEALED, sealed: true, detail: true },
];

/** First measurement of each holdout before the rules were changed to cover it (risk-eval-set.ts). */
const FIRST_SEEN = [
  { set: 'v1', n: 95, level: 'recall 52.1 %, false alarms 2.3 % (level-exact)' },
  { set: 'v2', n: 96, level: 'recall 80.8 %, false alarms 5.3 % (level-exact)' },
  { set: 'v3', n: 63, level: 'recall 70.3 %, false alarms 16.0 % (level-exact)' },
  { set: 'v4', n: 64, level: 'recall 88.9 %, false alarms 4.0 % (level-exact)' },
  { set: 'v5', n: 49, level: 'recall 78.6 %, false alarms 5.3 % (level-exact)' },
  { set: 'v6 open', n: 492, level: 'line recall 40.6 %, line false alarms 7.7 %; level-exact recall 40.0 %, false alarms 4.9 %' },
  { set: 'v6 sealed', n: 330, level: 'line recall 41.9 %, line false alarms 7.2 %; level-exact recall 38.3 %, false alarms 5.6 %' },
];

const lineCells = (g: GroupMetrics): string =>
  [
    `${g.lineHits}/${g.positives}`.padStart(9),
    pct(g.lineRecall).padStart(7),
    `${g.lineFalseAlarms}/${g.negatives}`.padStart(9),
    pct(g.lineFalseAlarmRate).padStart(7),
  ].join('  ');

const levelCells = (g: GroupMetrics): string =>
  [
    `${g.caught}/${g.crisis}`.padStart(9),
    pct(g.recall).padStart(7),
    `${g.falseAlarms}/${g.calm}`.padStart(9),
    pct(g.falseAlarmRate).padStart(7),
    pct(g.total ? g.exact / g.total : 1).padStart(7),
  ].join('  ');

const HEADER = [
  'lines≥low'.padStart(9), 'recall'.padStart(7), 'f.alarm'.padStart(9), 'rate'.padStart(7),
  '│', 'crisis'.padStart(9), 'recall'.padStart(7), 'calm≥med'.padStart(9), 'rate'.padStart(7), 'exact'.padStart(7),
].join('  ');

function table(title: string, width: number, groups: GroupMetrics[]): void {
  console.log(`\n${title}`);
  console.log(`${''.padEnd(width)}  ${'n'.padStart(4)}  ${HEADER}`);
  for (const g of groups) console.log(`${g.group.padEnd(width)}  ${String(g.total).padStart(4)}  ${lineCells(g)}  │  ${levelCells(g)}`);
}

function detail(set: NamedSet, report: EvalReport): void {
  console.log(`\n=== ${set.name}: ${set.cases.length} messages ===`);
  table('by language', 16, [report.overall, ...report.byGroup]);
  if (report.byCategory.length) table("by the writer's category", 16, report.byCategory);
  console.log('\nconfusion (rows = expected, columns = assessed)');
  console.log(['', ...RISK_LEVELS].map((s) => s.padStart(9)).join(''));
  for (const e of RISK_LEVELS) console.log([e, ...RISK_LEVELS.map((a) => String(report.confusion[e][a]))].map((s) => s.padStart(9)).join(''));
  if (set.sealed || quiet) return;

  const show = (label: string, rs: typeof report.results): void => {
    console.log(`\n${label}: ${rs.length}`);
    for (const r of rs) {
      const base = r.case.baseline ? ` (baseline ${r.case.baseline})` : '';
      const cat = r.case.category ? ` ${r.case.category}` : '';
      console.log(`  #${r.index} [${r.case.lang}${cat}] expected ${r.case.expected}, got ${r.assessed}${base}: ${r.case.text}`);
    }
  };
  show('no crisis line (expected low+, assessed none)', report.results.filter((r) => r.lineCls === 'positive' && !r.getsLines));
  show('crisis line on a message labelled none', report.results.filter((r) => r.lineCls === 'negative' && r.getsLines));
  show('crisis message below min(expected, high)', report.results.filter((r) => r.caught === false && r.assessed !== 'none'));
  show('calm message assessed medium+', report.results.filter((r) => r.falseAlarm === true && r.case.expected !== 'none'));
}

console.log(`machine: ${machineLine()}`);
console.log(`level-exact thresholds on the main set: recall >= ${THRESHOLDS.minRecall}, false-alarm rate <= ${THRESHOLDS.maxFalseAlarmRate}`);
const reports = SETS.map((s) => ({ set: s, report: evaluate(s.cases, assessRiskByRules) }));
for (const { set, report } of reports) if (set.detail) detail(set, report);

table('=== summary: rules alone (crisis line = assessed low or above) ===', 28, reports.map(({ set, report }) => ({ ...report.overall, group: set.name })));
console.log('\nfirst measurement of each holdout, before the rules were changed to cover it:');
for (const h of FIRST_SEEN) console.log(`  ${h.set.padEnd(10)} n=${String(h.n).padStart(3)}  ${h.level}`);
console.log('The main set and the earlier holdouts are in-sample (the rules were tuned on them); v6 open was tuned on after its first');
console.log('measurement; v6 sealed never was. Only the sealed figures estimate how the rules do on messages nobody tuned for.');
