import { useI18n } from '../i18n.ts';

/**
 * Daily bars for the last N days (oldest first), plain SVG so it needs no script or style from
 * elsewhere. Day labels are computed from today, matching the server's 24-hour buckets.
 */
export function DailyBars({ series, height = 140 }: { series: number[]; height?: number }) {
  const { t, locale, num } = useI18n();
  const n = series.length;
  const max = Math.max(1, ...series);
  const total = series.reduce((a, b) => a + b, 0);
  const W = 560;
  const padL = 26;
  const padB = 22;
  const padT = 8;
  const plotH = height - padB - padT;
  const bw = (W - padL) / Math.max(1, n);
  const dayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const today = Date.now();
  const label = (i: number) => dayFmt.format(new Date(today - (n - 1 - i) * 86400_000));
  const ticks = max <= 4 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`${t('home.chartTitle')} — ${t('home.chartDesc', { total: num(total), max: num(Math.max(...series, 0)) })}`}>
        {ticks.map((v) => {
          const y = padT + plotH - (v / max) * plotH;
          return (
            <g key={v}>
              <line x1={padL} x2={W} y1={y} y2={y} className="chart-grid" />
              <text x={padL - 6} y={y + 3.5} textAnchor="end" className="chart-axis">
                {v}
              </text>
            </g>
          );
        })}
        {series.map((v, i) => {
          const h = (v / max) * plotH;
          const x = padL + i * bw + bw * 0.18;
          return (
            <g key={i}>
              <rect x={x} y={padT + plotH - h} width={bw * 0.64} height={Math.max(h, v > 0 ? 2 : 0)} rx={2} className={i === n - 1 ? 'chart-bar today' : 'chart-bar'}>
                <title>{`${label(i)} : ${v}`}</title>
              </rect>
              {(i % 2 === (n - 1) % 2 || n <= 7) && (
                <text x={x + bw * 0.32} y={height - 6} textAnchor="middle" className="chart-axis">
                  {label(i)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** A small line for a tile's recent trend. */
export function Sparkline({ series, width = 96, height = 28 }: { series: number[]; width?: number; height?: number }) {
  if (series.length < 2) return null;
  const max = Math.max(1, ...series);
  const step = width / (series.length - 1);
  const pts = series.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <polyline points={pts} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
