import type { SortedOccurrences } from './engine.ts';
import type { PostTable } from './table.ts';

/** What the automatic window was computed from, so a user can check it. */
export interface WindowEstimate {
  window: number;
  /** Keys shared at least twice. */
  keys: number;
  /** Keys whose second share came within the q-quantile. */
  fastKeys: number;
  /** q-quantile of the time to the second share, seconds. */
  secondShareCutoff: number;
  /** The estimate before it was halved to keep the message pairs within PAIR_LIMITS (absent when not). */
  reducedFrom?: number;
}

function quantile(sortedValues: Float64Array, q: number): number {
  // R's default (type 7) quantile, as CooRnet uses.
  if (sortedValues.length === 0) return NaN;
  const h = (sortedValues.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sortedValues.length - 1, lo + 1);
  return sortedValues[lo] + (h - lo) * (sortedValues[hi] - sortedValues[lo]);
}

/**
 * CooRnet's estimate_coord_interval: among keys shared at least twice, keep those whose second
 * share came within the q-quantile (q = 0.1) of the time to the second share; for each, the time
 * from the first share to the share that takes it past p (0.5) of its shares; the window is the
 * median of those times (1 s when it is 0).
 */
export function estimateWindow(table: PostTable, sorted: SortedOccurrences, q = 0.1, p = 0.5): WindowEstimate {
  const { order, groupStart } = sorted;
  const time = (pos: number) => table.time[order[pos]];
  const second: number[] = [];
  const keysIdx: number[] = [];
  for (let k = 0; k + 1 < groupStart.length; k++) {
    const a = groupStart[k];
    const b = groupStart[k + 1];
    if (b - a < 2) continue;
    second.push(time(a + 1) - time(a));
    keysIdx.push(k);
  }
  if (second.length === 0) return { window: 1, keys: 0, fastKeys: 0, secondShareCutoff: 0 };
  const sortedSecond = Float64Array.from(second).sort();
  const cutoff = quantile(sortedSecond, q);
  const halfTimes: number[] = [];
  for (let i = 0; i < keysIdx.length; i++) {
    if (second[i] > cutoff) continue;
    const k = keysIdx[i];
    const a = groupStart[k];
    const n = groupStart[k + 1] - a;
    // First share whose cumulative fraction exceeds p (CooRnet: perc_of_shares > p).
    const idx = Math.floor(p * n); // 0-based: cumulative count idx+1 > p*n
    halfTimes.push(time(a + idx) - time(a));
  }
  const w = quantile(Float64Array.from(halfTimes).sort(), 0.5);
  return { window: w > 0 ? Math.round(w * 1000) / 1000 : 1, keys: second.length, fastKeys: halfTimes.length, secondShareCutoff: cutoff };
}
