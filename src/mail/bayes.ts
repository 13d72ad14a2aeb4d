import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small statistical content model, as SpamAssassin's and Rspamd's Bayes: per-word phishing
 * probabilities combined with Robinson's chi-square method. It is learned from labelled mail
 * (scripts/train-mail-model.ts); the shipped model was trained on 70 % of the development corpus
 * (phishing_pot and SpamAssassin ham), and `npm run eval:mail` reports the other 30 % separately.
 */
export interface BayesModel {
  /** Word → probability that a message containing it is phishing, already smoothed. */
  p: Record<string, number>;
  trainedOn: { phish: number; ham: number; note: string };
}

export const MODEL_FILE = join(import.meta.dirname, 'model', 'bayes.json');

let cached: BayesModel | null | undefined;
export function loadModel(file = MODEL_FILE): BayesModel | null {
  if (cached !== undefined && file === MODEL_FILE) return cached;
  const m = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BayesModel) : null;
  if (file === MODEL_FILE) cached = m;
  return m;
}

/** Chi-square probability (Robinson/Fisher), as in SpamAssassin's Bayes. */
function chi2Q(x2: number, v: number): number {
  let m = x2 / 2;
  let sum = Math.exp(-m);
  let term = sum;
  for (let i = 1; i < v / 2; i++) {
    term *= m / i;
    sum += term;
  }
  m = 0;
  return Math.min(sum, 1);
}

/** Phishing probability of a set of words, using the 150 most telling words. 0.5 when nothing is known. */
export function classify(model: BayesModel, tokens: Iterable<string>): { probability: number; telling: Array<[string, number]> } {
  const known: Array<[string, number]> = [];
  for (const t of tokens) {
    const p = model.p[t];
    if (p !== undefined && Math.abs(p - 0.5) > 0.1) known.push([t, p]);
  }
  known.sort((a, b) => Math.abs(b[1] - 0.5) - Math.abs(a[1] - 0.5));
  const use = known.slice(0, 150);
  if (use.length < 3) return { probability: 0.5, telling: use };
  let lnH = 0;
  let lnS = 0;
  for (const [, p] of use) {
    lnS += Math.log(1 - p);
    lnH += Math.log(p);
  }
  const n = use.length;
  const S = 1 - chi2Q(-2 * lnS, 2 * n); // evidence of phishing
  const H = 1 - chi2Q(-2 * lnH, 2 * n); // evidence of ham
  return { probability: (1 + S - H) / 2, telling: use.slice(0, 8) };
}

/** Trains word probabilities (Robinson's smoothing, s = 1, x = 0.5) from tokenised messages. */
export function train(phish: Array<Set<string>>, ham: Array<Set<string>>, opts: { minCount?: number; maxTokens?: number; note?: string } = {}): BayesModel {
  const cp = new Map<string, number>();
  const ch = new Map<string, number>();
  for (const t of phish) for (const w of t) cp.set(w, (cp.get(w) ?? 0) + 1);
  for (const t of ham) for (const w of t) ch.set(w, (ch.get(w) ?? 0) + 1);
  const words = new Set([...cp.keys(), ...ch.keys()]);
  const scored: Array<[string, number, number]> = [];
  for (const w of words) {
    const a = cp.get(w) ?? 0;
    const b = ch.get(w) ?? 0;
    const n = a + b;
    if (n < (opts.minCount ?? 4)) continue;
    const pp = a / Math.max(1, phish.length);
    const ph = b / Math.max(1, ham.length);
    const raw = pp / (pp + ph);
    const f = (1 * 0.5 + n * raw) / (1 + n);
    scored.push([w, Math.round(f * 1000) / 1000, n]);
  }
  scored.sort((x, y) => Math.abs(y[1] - 0.5) * Math.log(1 + y[2]) - Math.abs(x[1] - 0.5) * Math.log(1 + x[2]));
  const p: Record<string, number> = {};
  for (const [w, f] of scored.slice(0, opts.maxTokens ?? 12_000)) p[w] = f;
  return { p, trainedOn: { phish: phish.length, ham: ham.length, note: opts.note ?? '' } };
}
