import { STRATA, stratumOf, type EdgeList } from './engine.ts';

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
  /** Shared keys expected by chance, in the most telling key-size class. */
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
 * Scores every edge between different accounts against chance. Unit: a shared key (an item, a
 * link), so an account repeating itself cannot inflate anything. For each key k that u1 used, the
 * chance that u2 met it there is P(u2 uses k) × P(u2's posts on k fall in u1's windows):
 *  - u2 picks keys in proportion to their volume: with λ = m(u2)·n(k)/M (u2's messages, the key's
 *    messages, all messages), P(uses) = 1 − e^(−λ). A very active account reposting popular items
 *    all day is expected on every popular item; nobody is expected on a campaign item only a small
 *    group shares.
 *  - given it uses k, each of its ~max(1, λ) posts lands in u1's windows with probability f, the
 *    share of the other accounts' messages on k that fell there: 1 − (1 − f)^max(1, λ).
 * Summed over u1's keys (for nested key-size classes: keys with at most 2, 5, 12, 30, 80 or any
 * number of other accounts) this is the expected count. The edge's p-value is the smallest class
 * Poisson tail times the number of classes, then Bonferroni-corrected over the
 * edges tested; lift is observed/expected in that class. The QUT weight gates which edges are
 * tested. So a group whose members also post ordinary, crowded material still stands out, even
 * with a wide window, and very active ordinary accounts do not.
 */
export function scoreEdges(edges: EdgeList, opts: SignificanceOptions = {}): ScoredEdge[] {
  const minWeight = opts.minWeight ?? 3;
  const alpha = opts.alpha ?? 0.01;
  const minLift = opts.minLift ?? 5;
  const S = STRATA;
  const { ukStart, keyMessages, keyAccounts, inWindow, messagesOf, totalMessages } = edges.uses;
  const M = Math.max(1, totalMessages);
  let tested = 0;
  for (let e = 0; e < edges.from.length; e++) if (edges.from[e] !== edges.to[e] && edges.weight[e] >= minWeight) tested++;
  const threshold = Math.log10(alpha / Math.max(1, tested));
  const logS = Math.log10(S);
  const scored: ScoredEdge[] = [];
  const expS = new Float64Array(S);
  for (let e = 0; e < edges.from.length; e++) {
    const from = edges.from[e];
    const to = edges.to[e];
    const weight = edges.weight[e];
    if (from === to || weight < minWeight) continue;
    expS.fill(0);
    const m2 = messagesOf[to];
    for (let i = ukStart[from]; i < ukStart[from + 1]; i++) {
      const lambda = (m2 * keyMessages[i]) / M;
      const f = inWindow[i];
      expS[stratumOf(keyAccounts[i] - 1)] += (1 - Math.exp(-lambda)) * (1 - Math.pow(1 - f, Math.max(1, lambda)));
    }
    // Nested sets (keys with at most 2, 5, 12… other accounts), so a group whose items straddle a
    // boundary is not split into two weaker tests.
    let best = 0;
    let bestObs = 0;
    let bestExp = 0;
    let obs = 0;
    let exp = 0;
    for (let s = 0; s < S; s++) {
      const o = edges.strata[e * S + s];
      obs += o;
      exp += expS[s];
      if (o === 0) continue;
      const lp = poissonUpperLog10(obs, exp);
      if (lp < best || bestObs === 0) {
        best = lp;
        bestObs = obs;
        bestExp = exp;
      }
    }
    const log10p = Math.min(0, best + logS);
    const lift = bestExp > 0 ? bestObs / bestExp : Infinity;
    scored.push({ from, to, weight, expected: bestExp, lift, log10p, significant: bestObs >= minWeight && log10p <= threshold && lift >= minLift });
  }
  return scored;
}
