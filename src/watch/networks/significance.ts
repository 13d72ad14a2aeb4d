import type { EdgeList } from './engine.ts';

const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  x -= 1;
  let a = 0.9999999999998099;
  const t = x + 7.5;
  for (let i = 0; i < 8; i++) a += LANCZOS[i] / (x + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** log10 P(X ≥ k) for X ~ Poisson(λ); stays finite for tails far below 1e-300. */
export function poissonUpperLog10(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  if (lambda >= k) {
    // Lower tail is the small side: P(X ≥ k) = 1 − P(X ≤ k−1).
    let term = Math.exp(-lambda);
    let sum = 0;
    for (let i = 0; i < k; i++) {
      if (i > 0) term *= lambda / i;
      sum += term;
    }
    return Math.log10(Math.max(1e-300, 1 - Math.min(1, sum)));
  }
  const lnTermK = -lambda + k * Math.log(lambda) - lnGamma(k + 1);
  let ratio = 1;
  let series = 1;
  for (let m = 1; m < 1000; m++) {
    ratio *= lambda / (k + m);
    series += ratio;
    if (ratio < 1e-12 * series) break;
  }
  return (lnTermK + Math.log(series)) / Math.LN10;
}

/** Test of one directed edge against chance. */
export interface ScoredEdge {
  from: number;
  to: number;
  weight: number;
  /** Co-occurrences expected by chance from both accounts' co-activity with everyone. */
  expected: number;
  /** weight / expected. */
  lift: number;
  /** log10 of the Poisson probability of a weight at least this high by chance. */
  log10p: number;
  significant: boolean;
}

/** Settings of the chance model; the defaults are the ones the evaluation reports. */
export interface SignificanceOptions {
  /** Below this weight an edge is never called coordinated (a pair needs repeated co-action). */
  minWeight?: number;
  /** Family-wise error level, Bonferroni-corrected over the edges tested. */
  alpha?: number;
  /** Observed must also be at least this many times the expectation. */
  minLift?: number;
}

/**
 * Scores every edge between different accounts against a configuration null model: if each
 * account's co-occurrences (its out- and in-strength, which already reflect how active it is and
 * how crowded the items it shares are) were spread at random over partners in proportion to their
 * strength, u1→u2 would get out(u1)·in(u2)/total. Very active accounts that repost popular items all
 * day meet each other often by chance; their expectation is large, so only a surplus counts. Small
 * groups that share the same rare items within seconds, again and again, are far above it.
 */
export function scoreEdges(edges: EdgeList, nUsers: number, opts: SignificanceOptions = {}): ScoredEdge[] {
  const minWeight = opts.minWeight ?? 3;
  const alpha = opts.alpha ?? 0.01;
  const minLift = opts.minLift ?? 5;
  const out = new Float64Array(nUsers);
  const inn = new Float64Array(nUsers);
  let total = 0;
  let tested = 0;
  for (let e = 0; e < edges.from.length; e++) {
    if (edges.from[e] === edges.to[e]) continue;
    out[edges.from[e]] += edges.weight[e];
    inn[edges.to[e]] += edges.weight[e];
    total += edges.weight[e];
    if (edges.weight[e] >= minWeight) tested++;
  }
  const threshold = Math.log10(alpha / Math.max(1, tested));
  const scored: ScoredEdge[] = [];
  for (let e = 0; e < edges.from.length; e++) {
    const from = edges.from[e];
    const to = edges.to[e];
    const weight = edges.weight[e];
    if (from === to || weight < minWeight) continue;
    const expected = (out[from] * inn[to]) / total;
    const lift = weight / expected;
    const log10p = poissonUpperLog10(weight, expected);
    scored.push({ from, to, weight, expected, lift, log10p, significant: log10p <= threshold && lift >= minLift });
  }
  return scored;
}
