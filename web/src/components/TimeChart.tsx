import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useI18n } from '../i18n.ts';

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
  /** Bars for a volume, a line for a part of it. */
  bars?: boolean;
}

export interface ChartMarker {
  /** Seconds since the epoch. */
  at: number;
  label: string;
}

/**
 * Volume over time with uPlot (fast with thousands of buckets), and vertical markers (bursts)
 * drawn on the same canvas. The summary in aria-label says what a screen reader cannot see.
 */
export function TimeChart({ start, bucketSeconds, series, markers = [], height = 220, summary, onMarker, timeLabel = '' }: {
  start: string;
  bucketSeconds: number;
  series: ChartSeries[];
  markers?: ChartMarker[];
  height?: number;
  summary: string;
  /** Legend name of the time axis. */
  timeLabel?: string;
  onMarker?: (index: number) => void;
}) {
  const { locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const onMarkerRef = useRef(onMarker);
  onMarkerRef.current = onMarker;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const t0 = Date.parse(start) / 1000;
    const n = series[0]?.values.length ?? 0;
    const xs = Array.from({ length: n }, (_, i) => t0 + i * bucketSeconds);
    const fmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    const dayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
    const hourFmt = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    // Ticks show the hour, and the day under it where the day changes (and on the first tick).
    const tick = (splits: number[]) =>
      splits.map((v, i) => {
        const d = new Date(v * 1000);
        const newDay = i === 0 || new Date(splits[i - 1] * 1000).getDate() !== d.getDate();
        const midnight = d.getHours() === 0 && d.getMinutes() === 0;
        return midnight ? dayFmt.format(d) : newDay ? `${hourFmt.format(d)}\n${dayFmt.format(d)}` : hourFmt.format(d);
      });
    const bars = uPlot.paths.bars?.({ size: [0.8, 24], align: 1 });
    const markerPlugin: uPlot.Plugin = {
      hooks: {
        draw: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = '#b93815';
            ctx.fillStyle = '#b93815';
            ctx.lineWidth = 1.5 * devicePixelRatio;
            ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
            for (const m of markers) {
              const x = u.valToPos(m.at, 'x', true);
              if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              const s = 5 * devicePixelRatio;
              ctx.beginPath();
              ctx.moveTo(x - s, u.bbox.top);
              ctx.lineTo(x + s, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + s * 1.4);
              ctx.fill();
            }
            ctx.restore();
          },
        ],
      },
    };
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height,
      plugins: [markerPlugin],
      cursor: { drag: { x: true, y: false } },
      legend: { show: true },
      scales: { x: { time: true } },
      axes: [
        { stroke: '#566176', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e4e7ec' }, space: 64, size: 46, values: (_u, splits) => tick(splits) },
        { stroke: '#566176', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#e4e7ec' }, size: 48 },
      ],
      series: [
        { label: timeLabel, value: (_u, v) => (v == null ? '—' : fmt.format(new Date(v * 1000))) },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.bars ? 0 : 2,
          fill: s.bars ? `${s.color}cc` : undefined,
          paths: s.bars ? bars : undefined,
          points: { show: false },
        })),
      ],
    };
    const plot = new uPlot(opts, [xs, ...series.map((s) => s.values)], el);
    // A click near a marker selects its burst.
    const over = plot.over;
    const click = (e: MouseEvent) => {
      const x = e.clientX - over.getBoundingClientRect().left;
      let best = -1;
      let dist = 8;
      markers.forEach((m, i) => {
        const d = Math.abs(plot.valToPos(m.at, 'x') - x);
        if (d < dist) {
          dist = d;
          best = i;
        }
      });
      if (best >= 0) onMarkerRef.current?.(best);
    };
    over.addEventListener('click', click);
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(320, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      over.removeEventListener('click', click);
      plot.destroy();
    };
  }, [start, bucketSeconds, series, markers, height, locale, timeLabel]);

  return <figure className="chart time-chart" ref={box} role="img" aria-label={summary} />;
}
