import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TimeSeries {
  label: string;
  values: number[];
  /** A CSS colour; the chart follows the page palette. */
  color: string;
  /** Drawn as steps (cumulative counts) rather than a line. */
  stepped?: boolean;
}

/**
 * A time chart drawn by uPlot, sized to its container and redrawn when it resizes. `x` is in
 * Unix seconds. The legend doubles as the accessible summary: `label` describes the whole chart.
 */
export function SeriesChart({ x, series, label, timeLabel, height = 220, locale }: { x: number[]; series: TimeSeries[]; label: string; timeLabel: string; height?: number; locale: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || x.length === 0) return;
    const fmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    const dayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
    const hourFmt = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const monthFmt = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' });
    const span = x.length > 1 ? x[x.length - 1] - x[0] : 0;
    const tickFmt = span > 120 * 86400 ? monthFmt : span > 7 * 86400 ? dayFmt : span > 12 * 3600 ? fmt : hourFmt;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      // Right padding keeps the last time label from being cut at the edge.
      padding: [8, 32, 0, 0],
      cursor: { drag: { x: false, y: false } },
      legend: { live: true },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] } },
      axes: [
        {
          stroke: '#566176',
          // Room for a "13 avr., 17:00" label between ticks.
          space: tickFmt === fmt ? 110 : 60,
          grid: { stroke: '#e4e7ec', width: 1 },
          ticks: { stroke: '#e4e7ec', width: 1 },
          font: '11px Inter, system-ui, sans-serif',
          values: (_u, splits) => splits.map((s) => tickFmt.format(new Date(s * 1000))),
        },
        { stroke: '#566176', grid: { stroke: '#e4e7ec', width: 1 }, ticks: { show: false }, font: '11px Inter, system-ui, sans-serif', size: 44, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      ],
      series: [
        { label: timeLabel, value: (_u, v) => (v == null ? '—' : fmt.format(new Date(v * 1000))) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          points: { show: x.length < 30 },
          paths: s.stepped ? uPlot.paths.stepped?.({ align: 1 }) : undefined,
        })),
      ],
    };
    const plot = new uPlot(opts, [x, ...series.map((s) => s.values)], el);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [x, series, height, locale, timeLabel]);
  return <div ref={box} className="time-chart" role="img" aria-label={label} />;
}
