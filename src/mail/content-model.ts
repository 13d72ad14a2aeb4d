import { existsSync, readFileSync } from 'node:fs';
import { packagePath } from '../core/paths.ts';

/**
 * The learned content model: a logistic regression over the words of a message and the rules it
 * fired (src/mail/verdict.ts `modelTokens`). Each word carries one weight; a message's score is the
 * sum of its words' weights divided by √(number of known words), plus a bias. The weights are
 * readable: `telling` returns the words that pushed a message most, which is the evidence shown to
 * the analyst. Trained by `scripts/train-mail-model.ts`; `npm run eval:mail` measures it by 5-fold
 * cross-validation, never on the messages a model was trained on.
 */
export interface ContentModel {
  kind: 'logistic';
  bias: number;
  /** Word → weight (positive: phishing). */
  w: Record<string, number>;
  /** Languages of which the model saw enough legitimate mail to judge their wording. */
  hamLanguages: string[];
  trainedOn: { phish: number; ham: number; note: string };
}

export const CONTENT_MODEL_FILE = packagePath('src', 'mail', 'model', 'content.json');

let cached: ContentModel | null | undefined;
/** The shipped model (cached), or null when the file is absent: triage then runs on rules alone. */
export function loadContentModel(file = CONTENT_MODEL_FILE): ContentModel | null {
  if (file === CONTENT_MODEL_FILE && cached !== undefined) return cached;
  const m = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ContentModel) : null;
  if (file === CONTENT_MODEL_FILE) cached = m;
  return m;
}

export interface ContentScore {
  /** Probability that the message is phishing or a scam, 0–1. 0.5 when no word is known. */
  probability: number;
  /** Known words, strongest push first (weight as applied). */
  telling: Array<[string, number]>;
}

/** Fewer known words than this and the model stays silent. */
export const MIN_KNOWN = 5;

/** Weights as a Map, built once per model: a 25,000-key object is slow to look up. */
const weightMaps = new WeakMap<ContentModel, Map<string, number>>();
function weightsOf(model: ContentModel): Map<string, number> {
  let m = weightMaps.get(model);
  if (!m) weightMaps.set(model, (m = new Map(Object.entries(model.w))));
  return m;
}

export function scoreContent(model: ContentModel, tokens: Iterable<string>): ContentScore {
  const weights = weightsOf(model);
  const known: Array<[string, number]> = [];
  for (const t of tokens) {
    const w = weights.get(t);
    if (w !== undefined) known.push([t, w]);
  }
  // Too little known to say anything: a short note is not judged on two words.
  if (known.length < MIN_KNOWN) return { probability: 0.5, telling: [] };
  const norm = 1 / Math.sqrt(known.length);
  let z = model.bias;
  for (const [, w] of known) z += w * norm;
  const probability = 1 / (1 + Math.exp(-z));
  const sign = probability >= 0.5 ? 1 : -1;
  const telling = known
    .filter(([, w]) => w * sign > 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, 8)
    .map(([t, w]): [string, number] => [t, Math.round(w * norm * 1000) / 1000]);
  return { probability, telling };
}

export interface TrainOptions {
  /** A word must appear in at least this many training messages. */
  minCount?: number;
  epochs?: number;
  l2?: number;
  rate?: number;
  /** Weights smaller than this are dropped from the saved model. */
  prune?: number;
  note?: string;
}

/**
 * Trains by AdaGrad on the logistic loss, both classes weighted equally whatever their counts,
 * with L2 regularisation. Deterministic: the same examples in the same order give the same model.
 */
export function trainContentModel(examples: Array<{ tokens: Iterable<string>; phishing: boolean }>, hamLanguages: string[], opts: TrainOptions = {}): ContentModel {
  const minCount = opts.minCount ?? 3;
  const epochs = opts.epochs ?? 30;
  const l2 = opts.l2 ?? 1e-4;
  const rate = opts.rate ?? 0.2;
  const df = new Map<string, number>();
  const docs = examples.map((e) => ({ tokens: [...new Set(e.tokens)], y: e.phishing ? 1 : 0 }));
  for (const d of docs) for (const t of d.tokens) df.set(t, (df.get(t) ?? 0) + 1);
  // Words as integer ids, each message as its kept ids.
  const ids = new Map<string, number>();
  const rows = docs.map((d) => {
    const r: number[] = [];
    for (const t of d.tokens) {
      if ((df.get(t) ?? 0) < minCount) continue;
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      r.push(id);
    }
    return { r, y: d.y };
  });
  const w = new Float64Array(ids.size);
  const g2 = new Float64Array(ids.size);
  let bias = 0;
  let gBias = 0;
  const pos = rows.filter((r) => r.y === 1).length;
  const neg = rows.length - pos;
  const classWeight = [rows.length / (2 * Math.max(1, neg)), rows.length / (2 * Math.max(1, pos))];
  const n = rows.length;
  for (let e = 0; e < epochs; e++) {
    for (let i = 0; i < n; i++) {
      // A fixed stride through the examples (7919 is prime): shuffled, yet repeatable.
      const row = rows[(i * 7919 + e * 13) % n];
      const norm = 1 / Math.sqrt(Math.max(1, row.r.length));
      let z = bias;
      for (const id of row.r) z += w[id] * norm;
      const g = (1 / (1 + Math.exp(-z)) - row.y) * classWeight[row.y];
      gBias += g * g;
      bias -= (rate * g) / Math.sqrt(gBias + 1e-8);
      for (const id of row.r) {
        const gg = g * norm + l2 * w[id];
        g2[id] += gg * gg;
        w[id] -= (rate * gg) / Math.sqrt(g2[id] + 1e-8);
      }
    }
  }
  const prune = opts.prune ?? 0.02;
  const out: Record<string, number> = {};
  for (const [t, id] of ids) if (Math.abs(w[id]) >= prune) out[t] = Math.round(w[id] * 1000) / 1000;
  return { kind: 'logistic', bias: Math.round(bias * 1000) / 1000, w: out, hamLanguages, trainedOn: { phish: pos, ham: neg, note: opts.note ?? '' } };
}
