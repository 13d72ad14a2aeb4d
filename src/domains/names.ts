/**
 * Finds every brand name inside a hostname label in one pass: an Aho–Corasick automaton over a
 * folded alphabet, built once. Folding makes the lookalike digits and letters one symbol
 * (0 and o; 1 and l; 3 and e; 4 and a; 5 and s; 7 and t), so "paypa1", "micr0soft" and
 * "app1e" are read as the names they imitate; hyphens and underscores are skipped, so
 * "credit-agricole" and "creditagricole" are one name. A label costs one table step per character
 * whatever the number of names.
 */

/** Symbols: 26 letters, then one for every digit that looks like no letter. */
const SYMBOLS = 27;
const OTHER_DIGIT = 26;
const SKIP = -1;
const BREAK = -2;

/** Folded symbol of each char code below 128 (SKIP for - and _, BREAK for anything else). */
const FOLD = new Int8Array(128).fill(BREAK);
for (let c = 0x61; c <= 0x7a; c++) FOLD[c] = c - 0x61;
for (let c = 0x41; c <= 0x5a; c++) FOLD[c] = c - 0x41;
for (let c = 0x30; c <= 0x39; c++) FOLD[c] = OTHER_DIGIT;
FOLD[0x30] = 0x6f - 0x61; // 0 → o
FOLD[0x31] = 0x6c - 0x61; // 1 → l
FOLD[0x33] = 0x65 - 0x61; // 3 → e
FOLD[0x34] = 0x61 - 0x61; // 4 → a
FOLD[0x35] = 0x73 - 0x61; // 5 → s
FOLD[0x37] = 0x74 - 0x61; // 7 → t
FOLD[0x2d] = SKIP;
FOLD[0x5f] = SKIP;

/** A name found in a label: positions are in the label's own characters, end exclusive. */
export interface NameHit {
  name: number;
  start: number;
  end: number;
}

export interface NameIndex {
  /** Names found in `s[from, to)`, appended to `out`; returns the number appended. */
  scan(s: string, from: number, to: number, out: NameHit[]): number;
  readonly names: readonly string[];
}

/** The folded form of a name, for comparing two spellings: "Crédit-Agricole" and "creditagric0le" alike. */
export function foldName(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const f = c < 128 ? FOLD[c] : BREAK;
    if (f >= 0) out += f === OTHER_DIGIT ? s[i] : String.fromCharCode(0x61 + f);
  }
  return out;
}

export function buildNameIndex(names: readonly string[]): NameIndex {
  // Trie of the folded names, then failure links turned into a full transition table (BFS).
  const next: number[][] = [new Array<number>(SYMBOLS).fill(-1)];
  const ends: number[][] = [[]];
  /** Folded length of each name, to find where a hit starts. */
  const lengths: number[] = [];
  names.forEach((name, id) => {
    let s = 0;
    let len = 0;
    for (let i = 0; i < name.length; i++) {
      const c = name.charCodeAt(i);
      const f = c < 128 ? FOLD[c] : BREAK;
      if (f < 0) continue;
      len++;
      if (next[s][f] < 0) {
        next[s][f] = next.length;
        next.push(new Array<number>(SYMBOLS).fill(-1));
        ends.push([]);
      }
      s = next[s][f];
    }
    lengths[id] = len;
    if (len > 0) ends[s].push(id);
  });
  const n = next.length;
  const delta = new Int32Array(n * SYMBOLS);
  const fail = new Int32Array(n);
  const out: number[][] = ends.map((e) => [...e]);
  const queue: number[] = [];
  for (let f = 0; f < SYMBOLS; f++) {
    const t = next[0][f];
    delta[f] = t < 0 ? 0 : t;
    if (t > 0) queue.push(t);
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    for (const id of out[fail[s]]) if (!out[s].includes(id)) out[s].push(id);
    for (let f = 0; f < SYMBOLS; f++) {
      const t = next[s][f];
      if (t < 0) delta[s * SYMBOLS + f] = delta[fail[s] * SYMBOLS + f];
      else {
        fail[t] = delta[fail[s] * SYMBOLS + f];
        delta[s * SYMBOLS + f] = t;
        queue.push(t);
      }
    }
  }
  const hasOut = new Uint8Array(n);
  for (let s = 0; s < n; s++) if (out[s].length) hasOut[s] = 1;
  /** Label positions of the folded symbols read so far, to map a hit back to the label. */
  const pos = new Int32Array(512);

  return {
    names,
    scan(s, from, to, hits) {
      let state = 0;
      let k = 0;
      let found = 0;
      for (let i = from; i < to; i++) {
        const c = s.charCodeAt(i);
        const f = c < 128 ? FOLD[c] : BREAK;
        if (f === SKIP) continue;
        if (f === BREAK) {
          state = 0;
          continue;
        }
        state = delta[state * SYMBOLS + f];
        if (k < 512) pos[k] = i;
        k++;
        if (hasOut[state] === 1 && k <= 512) {
          for (const id of out[state]) {
            hits.push({ name: id, start: pos[k - lengths[id]], end: i + 1 });
            found++;
          }
        }
      }
      return found;
    },
  };
}
