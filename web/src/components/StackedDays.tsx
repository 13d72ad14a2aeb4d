import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../i18n.ts';

export interface DaySeries {
  key: string;
  label: string;
  color: string;
  values: number[];
}

/**
 * Stacked daily bars with uPlot: one bar per day (UTC), one colour per series, a legend that
 * shows the hovered day's counts (or the totals). Drawn as cumulative bars, tallest first, so each
 * series sits on the ones before it.
 */
export function StackedDays({ days, series, height = 220, label }: { days: string[]; series: DaySeries[]; height?: number; label: string }) {
  const { locale, num, date } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const dayFmt = useMemo(() => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }), [locale]);
  const key = JSON.stringify([days, series.map((s) => [s.key, s.values, s.color])]);

  useEffect(() => {
    const el = host.current;
    if (!el || !days.length) return;
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    // cumulative[i] = series 0..i summed: drawn from the last (tallest) to the first.
    const cumulative: number[][] = [];
    series.forEach((s, i) => cumulative.push(s.values.map((v, j) => v + (i ? cumulative[i - 1][j] : 0))));
    const order = series.map((_, i) => series.length - 1 - i);
    const bars = uPlot.paths.bars?.({ size: [0.7, 28], align: 0 });
    const width = Math.max(280, el.clientWidth);
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: true, range: (_u, min, max) => [min - 43200, max + 43200] }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] } },
      axes: [
        { stroke: '#566176', grid: { show: false }, ticks: { stroke: '#e4e7ec' }, font: '11px Inter, system-ui, sans-serif', values: (_u, splits) => splits.map((v) => dayFmt.format(new Date(v * 1000))), space: 56 },
        { stroke: '#566176', grid: { stroke: '#eef0f3' }, ticks: { show: false }, font: '11px Inter, system-ui, sans-serif', size: 36, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000], values: (_u, splits) => splits.map((v) => num(v)) },
      ],
      series: [{}, ...order.map((i) => ({ label: series[i].label, fill: series[i].color, stroke: series[i].color, width: 0, paths: bars, points: { show: false } }))],
      hooks: { setCursor: [(u) => setHover(u.cursor.idx ?? null)] },
    };
    const plot = new uPlot(opts, [xs, ...order.map((i) => cumulative[i])], el);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [key, height, dayFmt]); // `key` stands for days and series

  const shown = hover !== null && hover >= 0 && hover < days.length ? hover : null;
  const totals = series.map((s) => (shown === null ? s.values.reduce((a, b) => a + b, 0) : s.values[shown]));
  const sum = totals.reduce((a, b) => a + b, 0);
  return (
    <figure className="chart stacked-days">
      <figcaption className="chart-legend" aria-live="polite">
        <span className="chart-legend-when">{shown === null ? label : date(`${days[shown]}T12:00:00Z`)}</span>
        {series.map((s, i) => (
          <span key={s.key} className="chart-legend-item">
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.label} <strong>{num(totals[i])}</strong>
          </span>
        ))}
        <span className="chart-legend-item chart-legend-total">
          Σ <strong>{num(sum)}</strong>
        </span>
      </figcaption>
      <div ref={host} className="uplot-host" role="img" aria-label={`${label}: ${series.map((s, i) => `${s.label} ${totals[i]}`).join(', ')}`} />
    </figure>
  );
}
