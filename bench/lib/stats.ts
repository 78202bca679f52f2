/** Nearest-rank percentile of an unsorted sample; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: number[]): Summary {
  const n = values.length;
  return {
    n,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: n ? Math.max(...values) : NaN,
    mean: n ? values.reduce((a, b) => a + b, 0) / n : NaN,
  };
}

const f = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '–');

/** `p50 4.1 · p90 6.0 · p99 12 · max 30 ms (n=4000)` */
export function formatSummary(s: Summary, unit = 'ms'): string {
  return `p50 ${f(s.p50)} · p90 ${f(s.p90)} · p99 ${f(s.p99)} · max ${f(s.max)} ${unit} (n=${s.n})`;
}
