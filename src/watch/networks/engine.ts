import type { PostTable } from './table.ts';

/**
 * The shared keys of one network type: occurrence i says message `msg[i]` carries key `key[i]`
 * (the reposted id, a link, a text…). `keyLabel[k]` is the key as people read it.
 */
export interface Occurrences {
  msg: Int32Array;
  key: Int32Array;
  keyLabel: string[];
  /** True when a message may carry several keys (links, LSH bands): weights then dedupe across keys. */
  multiKey: boolean;
  /** Extra test on a candidate pair of messages (near-duplicate verification). */
  accept?: (m1: number, m2: number) => boolean;
}

/** Builds occurrences incrementally with interned keys. */
export class OccurrenceBuilder {
  private msgs: number[] = [];
  private keys: number[] = [];
  private readonly index = new Map<string, number>();
  readonly labels: string[] = [];

  add(msg: number, key: string): void {
    let k = this.index.get(key);
    if (k === undefined) {
      k = this.labels.length;
      this.index.set(key, k);
      this.labels.push(key);
    }
    this.msgs.push(msg);
    this.keys.push(k);
  }

  build(multiKey: boolean, accept?: (m1: number, m2: number) => boolean): Occurrences {
    return { msg: Int32Array.from(this.msgs), key: Int32Array.from(this.keys), keyLabel: this.labels, multiKey, accept };
  }
}

/** Directed, weighted edges with QUT semantics; self-loops included (from === to). */
export interface EdgeList {
  from: Int32Array;
  to: Int32Array;
  weight: Int32Array;
}

/** Occurrences sorted by (key, time), kept for evidence look-ups. */
export interface SortedOccurrences {
  occ: Occurrences;
  /** Occurrence indices in (key, time) order. */
  order: Int32Array;
  /** Start of each key group in `order`; groupStart[k+1] ends it. Keys without occurrences are empty. */
  groupStart: Int32Array;
}

class GrowableF64 {
  buf = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  view(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Sorts occurrences by (key, time) with one numeric sort of composite codes (no comparator). */
export function sortOccurrences(table: PostTable, occ: Occurrences): SortedOccurrences {
  const n = occ.msg.length;
  const nMsg = table.posts.length;
  const codes = new Float64Array(n);
  for (let i = 0; i < n; i++) codes[i] = occ.key[i] * nMsg + table.timeRank[occ.msg[i]];
  // Occurrence index per code: a message has at most one occurrence per key (callers dedupe).
  const occOfCode = new Map<number, number>();
  const needMap = occ.multiKey;
  if (needMap) for (let i = 0; i < n; i++) occOfCode.set(codes[i], i);
  const firstOcc = needMap ? undefined : buildFirstOcc(occ, nMsg);
  codes.sort();
  const order = new Int32Array(n);
  const nKeys = occ.keyLabel.length;
  const groupStart = new Int32Array(nKeys + 1);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const key = Math.floor(c / nMsg);
    const msg = table.byTime[c - key * nMsg];
    order[i] = needMap ? (occOfCode.get(c) as number) : (firstOcc as Int32Array)[msg];
    groupStart[key + 1]++;
  }
  for (let k = 0; k < nKeys; k++) groupStart[k + 1] += groupStart[k];
  return { occ, order, groupStart };
}

function buildFirstOcc(occ: Occurrences, nMsg: number): Int32Array {
  const first = new Int32Array(nMsg).fill(-1);
  for (let i = 0; i < occ.msg.length; i++) if (first[occ.msg[i]] < 0) first[occ.msg[i]] = i;
  return first;
}

/**
 * The coordination edges of a network type, exactly as the QUT toolkit counts them: the directed
 * weight u1→u2 is the number of distinct messages of u1 for which u2 posted a different message
 * with the same key within ±window seconds (inclusive). Self-loops (u1 = u2) are kept.
 *
 * Sorted by (key, time), each message scans only its own window (two pointers), so the work is
 * proportional to the co-occurrences that exist, not to the square of a popular key's shares.
 */
export function computeEdges(table: PostTable, sorted: SortedOccurrences, window: number): EdgeList {
  const { occ, order, groupStart } = sorted;
  const nUsers = table.userIds.length;
  const { user, time } = table;
  const stamp = new Int32Array(nUsers).fill(-1);
  // Single-key: code u1*U+u2 per (message, partner). Multi-key: code msg*U+u2, deduped across keys first.
  const out = new GrowableF64();
  const accept = occ.accept;
  for (let k = 0; k + 1 < groupStart.length; k++) {
    const a = groupStart[k];
    const b = groupStart[k + 1];
    if (b - a < 2) continue;
    let lo = a;
    let hi = a;
    for (let p = a; p < b; p++) {
      const mi = occ.msg[order[p]];
      const ti = time[mi];
      while (time[occ.msg[order[lo]]] < ti - window) lo++;
      while (hi < b && time[occ.msg[order[hi]]] <= ti + window) hi++;
      const u1 = user[mi];
      const mark = p;
      for (let q = lo; q < hi; q++) {
        if (q === p) continue;
        const mj = occ.msg[order[q]];
        if (mj === mi) continue;
        const u2 = user[mj];
        if (stamp[u2] === mark) continue;
        if (accept && !accept(mi, mj)) continue;
        stamp[u2] = mark;
        out.push(occ.multiKey ? mi * nUsers + u2 : u1 * nUsers + u2);
      }
    }
  }
  let codes = out.view();
  if (occ.multiKey) {
    codes.sort();
    let w = 0;
    let prev = -1;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === prev) continue;
      prev = c;
      const m = Math.floor(c / nUsers);
      codes[w++] = user[m] * nUsers + (c - m * nUsers);
    }
    codes = codes.subarray(0, w);
  }
  codes.sort();
  return runLength(codes, nUsers);
}

function runLength(codes: Float64Array, nUsers: number): EdgeList {
  let edges = 0;
  for (let i = 0; i < codes.length; i++) if (i === 0 || codes[i] !== codes[i - 1]) edges++;
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const weight = new Int32Array(edges);
  let e = -1;
  for (let i = 0; i < codes.length; i++) {
    if (i === 0 || codes[i] !== codes[i - 1]) {
      e++;
      const u1 = Math.floor(codes[i] / nUsers);
      from[e] = u1;
      to[e] = codes[i] - u1 * nUsers;
    }
    weight[e]++;
  }
  return { from, to, weight };
}

/** One shared key between two accounts with the time gaps of their messages. */
export interface EdgeEvidence {
  key: string;
  /** Message ids of u1 and u2 and the gap in seconds (u2 minus u1). */
  pairs: Array<{ m1: string; m2: string; gap: number }>;
}

/** The shared items and time gaps behind the edge u1→u2 (at most `limit` keys). */
export function edgeEvidence(table: PostTable, sorted: SortedOccurrences, window: number, u1: number, u2: number, limit = 20): EdgeEvidence[] {
  const { occ, order, groupStart } = sorted;
  const out: EdgeEvidence[] = [];
  for (let k = 0; k + 1 < groupStart.length && out.length < limit; k++) {
    const a = groupStart[k];
    const b = groupStart[k + 1];
    if (b - a < 2) continue;
    let has1 = false;
    let has2 = false;
    for (let p = a; p < b && !(has1 && has2); p++) {
      const u = table.user[occ.msg[order[p]]];
      if (u === u1) has1 = true;
      if (u === u2) has2 = true;
    }
    if (!has1 || !has2) continue;
    const pairs: EdgeEvidence['pairs'] = [];
    for (let p = a; p < b; p++) {
      const mi = occ.msg[order[p]];
      if (table.user[mi] !== u1) continue;
      for (let q = a; q < b; q++) {
        const mj = occ.msg[order[q]];
        if (mj === mi || table.user[mj] !== u2) continue;
        const gap = table.time[mj] - table.time[mi];
        if (Math.abs(gap) <= window && (!occ.accept || occ.accept(mi, mj))) pairs.push({ m1: table.posts[mi].id, m2: table.posts[mj].id, gap });
      }
    }
    if (pairs.length) out.push({ key: occ.keyLabel[k], pairs: pairs.slice(0, 10) });
  }
  return out;
}
