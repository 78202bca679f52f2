import { Box } from '@mui/material';

export interface BarSeries {
  name: string;
  color: string;
  /** Null where the report hides the value; `marks` says what is shown instead (「<5」「X」). */
  values: (number | null)[];
  marks?: string[];
}

export interface BarChartProps {
  /** Read by screen readers in place of the picture; the tables below hold the same numbers. */
  label: string;
  categories: string[];
  series: BarSeries[];
  /** Categories to shade (e.g. business hours), by index. */
  shaded?: { from: number; to: number; label: string };
  /** Show every n-th category label (24 hours do not fit otherwise). */
  labelEvery?: number;
  /** The drawing's size in CSS pixels at its usual width; it scales with its card. */
  width?: number;
  height?: number;
}

const PAD = { top: 14, right: 8, bottom: 28, left: 48 };

/** A rounded-up axis maximum: 1, 2 or 5 times a power of ten. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/** A plain SVG bar chart: grouped bars, a light grid, no library (the admin bundle stays small). */
export const BarChart = ({ label, categories, series, shaded, labelEvery = 1, width: WIDTH = 640, height = 220 }: BarChartProps) => {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, categories.length);
  const barW = Math.max(2, (slot * 0.75) / series.length);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);

  return (
    <Box component="figure" sx={{ m: 0 }}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={label} style={{ display: 'block', fontFamily: 'inherit' }}>
        {shaded && (
          <g>
            <rect x={PAD.left + shaded.from * slot} y={PAD.top} width={(shaded.to - shaded.from) * slot} height={innerH} fill="#eef3f0" />
            <text x={PAD.left + ((shaded.from + shaded.to) / 2) * slot} y={PAD.top + 11} fontSize={11} textAnchor="middle" fill="#4f6f52">
              {shaded.label}
            </text>
          </g>
        )}
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} stroke="#dde2e4" />
            <text x={PAD.left - 6} y={y(t) + 4} fontSize={11} textAnchor="end" fill="#5f6b70">
              {t.toLocaleString('ja-JP')}
            </text>
          </g>
        ))}
        {categories.map((c, i) => (
          <g key={c}>
            {series.map((s, j) => {
              const v = s.values[i];
              const x = PAD.left + i * slot + (slot - barW * series.length) / 2 + j * barW;
              if (v === null) {
                return (
                  <text key={s.name} x={x + barW / 2} y={y(0) - 3} fontSize={10} textAnchor="middle" fill="#8a9499">
                    {s.marks?.[i] ?? ''}
                  </text>
                );
              }
              return (
                <rect key={s.name} x={x} y={y(v)} width={barW} height={Math.max(0, y(0) - y(v))} fill={s.color}>
                  <title>{`${c} ${s.name}: ${v.toLocaleString('ja-JP')}`}</title>
                </rect>
              );
            })}
            {i % labelEvery === 0 && (
              <text x={PAD.left + i * slot + slot / 2} y={height - 10} fontSize={11} textAnchor="middle" fill="#5f6b70">
                {c}
              </text>
            )}
          </g>
        ))}
      </svg>
      {series.length > 1 && (
        <Box component="figcaption" sx={{ display: 'flex', gap: 2, justifyContent: 'center', fontSize: 12, color: 'text.secondary' }}>
          {series.map((s) => (
            <Box key={s.name} component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
              <Box component="span" sx={{ width: 10, height: 10, bgcolor: s.color, display: 'inline-block' }} />
              {s.name}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
};
