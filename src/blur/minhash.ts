import { fnv1a } from './random.ts';

/**
 * Word-shingle MinHash with LSH banding: the content fingerprint of decoys (it still matches after
 * edits) and the variety measure of the eval. 64 hash functions in 16 bands of 4 rows: two texts
 * with Jaccard 0.5 share a band with probability 1-(1-0.5^4)^16 ≈ 0.64, at 0.7 ≈ 0.98.
 */
export const NUM_HASHES = 64;
export const BANDS = 16;
const ROWS = NUM_HASHES / BANDS;
const P = 4294967311; // prime just above 2^32
const A: number[] = [];
const B: number[] = [];
{
  let s = 0x12345678;
  const next = () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s;
  };
  for (let i = 0; i < NUM_HASHES; i++) {
    A.push((next() % 0xffff) + 1);
    B.push(next() % 0xffff);
  }
}

/** Lower-cased words, accents kept, punctuation and invisible characters dropped. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Hashes of the k-word shingles of a text (a set). */
export function shingles(text: string, k = 3): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length < k) {
    if (w.length) out.add(fnv1a(w.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= w.length; i++) out.add(fnv1a(w.slice(i, i + k).join(' ')));
  return out;
}

/** (a·x + b) mod P without leaving exact double arithmetic: a, b < 2^16 and x < 2^32 keep a·x < 2^48. */
export function signature(sh: Set<number>): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (const x of sh) {
    for (let i = 0; i < NUM_HASHES; i++) {
      const h = (A[i] * x + B[i]) % P;
      if (h < sig[i]) sig[i] = h >>> 0;
    }
  }
  return sig;
}

export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

/** One key per band: equal keys mean the two signatures agree on all rows of that band. */
export function bandKeys(sig: Uint32Array): string[] {
  const out: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) {
      h = Math.imul(h ^ sig[b * ROWS + r], 0x01000193) >>> 0;
      h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
    }
    out.push(`${b.toString(16)}:${h.toString(16).padStart(8, '0')}`);
  }
  return out;
}

export function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64');
}

export function decodeSignature(s: string): Uint32Array {
  const b = Buffer.from(s, 'base64');
  const out = new Uint32Array(NUM_HASHES);
  for (let i = 0; i < NUM_HASHES && i * 4 + 3 < b.length; i++) out[i] = b.readUInt32LE(i * 4);
  return out;
}

/**
 * The largest estimated Jaccard similarity between two items of different groups, found with LSH
 * (only pairs sharing a band are compared), and the pair that reaches it.
 */
export function maxCrossGroupSimilarity(items: Array<{ sig: Uint32Array; group: string }>): { max: number; pair?: [number, number]; compared: number } {
  let max = 0;
  let pair: [number, number] | undefined;
  let compared = 0;
  const seen = new Set<number>();
  for (let b = 0; b < BANDS; b++) {
    const buckets = new Map<string, number[]>();
    items.forEach((it, idx) => {
      const key = bandKeys(it.sig)[b];
      const l = buckets.get(key);
      if (l) l.push(idx);
      else buckets.set(key, [idx]);
    });
    for (const l of buckets.values()) {
      if (l.length < 2) continue;
      for (let i = 0; i < l.length; i++)
        for (let j = i + 1; j < l.length; j++) {
          const [x, y] = [l[i], l[j]];
          if (items[x].group === items[y].group) continue;
          const k = x * items.length + y;
          if (seen.has(k)) continue;
          seen.add(k);
          compared++;
          const s = similarity(items[x].sig, items[y].sig);
          if (s > max) [max, pair] = [s, [x, y]];
        }
    }
  }
  return { max, pair, compared };
}
