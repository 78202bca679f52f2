/**
 * The v6 holdout (issue 13): 822 messages written by a helper who had NOT read the rules, from the
 * issue's categories and levels, before any rule was changed for it. Split by the writer into an
 * open part (eval-v6-open.json: measured, then the rules were tuned on it by class of phrasing) and
 * a sealed part (eval-v6-sealed.json: never tuned on, never printed; measured by code only).
 *
 * Rows as written: { text, expected, lang, category, sealed }. `crisis` (used by the level-exact
 * metrics only) is derived: high/imminent, or medium for the writer's own risk (abuse, DV, bullying
 * and third-party reports at medium are not crisis, as in risk-eval-set.ts).
 * First and final figures: docs/benchmarks.md (risk section) and the top of risk-eval-set.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type RiskLevel, isAtLeast, isRiskLevel } from '../../workflows/safety/risk-levels';
import type { EvalCase, EvalLang } from './risk-eval-set';

interface V6Row {
  text: string;
  expected: string;
  lang: string;
  category: string;
  sealed: boolean;
}

const NOT_OWN_CRISIS = new Set(['abuse', 'dv', 'bullying', 'third-party']);

function load(file: string, sealed: boolean): EvalCase[] {
  const rows = JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as V6Row[];
  return rows.map((r) => {
    if (!isRiskLevel(r.expected) || r.sealed !== sealed) throw new Error(`${file}: malformed row`);
    const expected: RiskLevel = r.expected;
    const crisis = isAtLeast(expected, 'high') || (expected === 'medium' && !NOT_OWN_CRISIS.has(r.category));
    return { text: r.text, expected, crisis, lang: r.lang as EvalLang, category: r.category };
  });
}

export const V6_OPEN: EvalCase[] = load('eval-v6-open.json', false);
/** Never tune on these, never print their texts (bench/risk-eval.ts prints figures only). */
export const V6_SEALED: EvalCase[] = load('eval-v6-sealed.json', true);
