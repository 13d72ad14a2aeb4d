import { fnv1a, tokenize } from '../text.ts';
import { Int32Buffer, NumericOccurrenceBuilder } from './engine.ts';
import { SLOT } from './scratch.ts';
import type { NetworkKind } from './types.ts';

const BANDS = 16;
const ROWS = 4;
const HASHES = BANDS * ROWS;

// Fixed odd multipliers and offsets: signatures are reproducible from run to run.
const A = new Uint32Array(HASHES);
const B = new Uint32Array(HASHES);
{
  let s = 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  for (let i = 0; i < HASHES; i++) {
    A[i] = next() | 1;
    B[i] = next();
  }
}
const A32 = new Int32Array(A.buffer);
const B32 = new Int32Array(B.buffer);

const bandLabel = (code: number) => `lsh band ${code & 15}:${(code >>> 4).toString(36)}`;

/** Distinct token hashes of a text, sorted (the set QUT's Jaccard similarity compares). */
export function tokenSet(text: string): Uint32Array {
  const tokens = tokenize(text);
  const h = new Uint32Array(tokens.length);
  let n = 0;
  for (let i = 0; i < tokens.length; i++) {
    // Insertion sort as the hashes come (texts have tens of tokens), dropping repeats.
    const v = fnv1a(tokens[i]);
    let j = n;
    while (j > 0 && h[j - 1] > v) j--;
    if (j > 0 && h[j - 1] === v) continue;
    h.copyWithin(j + 1, j, n);
    h[j] = v;
    n++;
  }
  return n === h.length ? h : h.slice(0, n);
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/** Jaccard similarity of two sorted sets stored in one array. */
function jaccardAt(pool: Uint32Array, a: number, na: number, b: number, nb: number): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < na && j < nb) {
    const x = pool[a + i];
    const y = pool[b + j];
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = na + nb - inter;
  return union === 0 ? 0 : inter / union;
}

/** MinHash signature: per hash function, the minimum of (a·h + b) mod 2^32 over the tokens. */
export function minhash(tokens: Uint32Array): Uint32Array {
  return minhashInto(tokens, new Uint32Array(HASHES));
}

/** The same, into a caller's array (no allocation per text). */
function minhashInto(tokens: Uint32Array, sig: Uint32Array): Uint32Array {
  // Same bits read as signed: Math.imul takes them as they are, and (… + b) >>> 0 is the same mod 2^32.
  const t32 = new Int32Array(tokens.buffer, tokens.byteOffset, tokens.length);
  const n = t32.length;
  for (let i = 0; i < HASHES; i++) {
    const a = A32[i];
    const b = B32[i];
    // Unsigned order through signed integers: x ^ 2^31 flips the top bit, so the loop stays in int32.
    let min = 0x7fffffff;
    for (let t = 0; t < n; t++) {
      const v = ((Math.imul(a, t32[t]) + b) | 0) ^ -0x80000000;
      if (v < min) min = v;
    }
    sig[i] = (min ^ -0x80000000) >>> 0;
  }
  return sig;
}

/**
 * Co-similar (QUT co-similar-tweet): texts whose token sets have Jaccard similarity ≥ threshold
 * within the window. Candidates come from MinHash LSH (16 bands of 4 rows: a pair at similarity
 * 0.8 is a candidate with probability 0.9996, at 0.5 with 0.64); every candidate is verified with
 * the exact Jaccard, so no edge is approximate, only a very rare near-threshold pair can be missed.
 * Short texts (fewer than minTokens distinct tokens) are ignored, as QUT's min-size similarity does.
 */
export const cosimilar: NetworkKind = {
  type: 'cosimilar',
  describe: 'near-duplicate text',
  occurrences(table, opts) {
    const threshold = opts.similarity ?? 0.9;
    const minTokens = opts.minTokens ?? 5;
    const n = table.posts.length;
    const b = new NumericOccurrenceBuilder(bandLabel, n * 4);
    // Token sets of all texts in one pool: set of message m is pool[setStart[m] .. +setSize[m]].
    const setStart = new Int32Array(n);
    const setSize = new Int32Array(n);
    const pool = new Int32Buffer(n * 4, SLOT.tokens);
    const sig = new Uint32Array(HASHES);
    for (let i = 0; i < n; i++) {
      const p = table.posts[i];
      if (p.repost_of) continue;
      const set = tokenSet(p.text);
      if (set.length < minTokens) continue;
      setStart[i] = pool.length;
      setSize[i] = set.length;
      for (let t = 0; t < set.length; t++) pool.push(set[t]);
      minhashInto(set, sig);
      for (let band = 0; band < BANDS; band++) {
        let bh = band + 1;
        for (let r = 0; r < ROWS; r++) bh = (Math.imul(bh ^ sig[band * ROWS + r], 0x01000193) + r) >>> 0;
        // 26 hash bits + 4 band bits: a small integer key; a rare collision is only a candidate, verified below.
        b.add(i, ((bh << 4) & 0x3ffffff0) | band);
      }
    }
    // Token hashes are compared as unsigned 32-bit numbers, as tokenSet sorts them.
    const tokens = new Uint32Array(pool.toArray().buffer);
    const accept = (m1: number, m2: number) => {
      const n1 = setSize[m1];
      const n2 = setSize[m2];
      // Size filter: |A∩B|/|A∪B| ≤ min/max, so very different sizes cannot reach the threshold.
      if (Math.min(n1, n2) / Math.max(n1, n2) < threshold) return false;
      return jaccardAt(tokens, setStart[m1], n1, setStart[m2], n2) >= threshold;
    };
    return b.build(true, accept);
  },
};
