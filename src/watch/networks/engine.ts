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

  private readonly numIndex = new Map<number, number>();

  /** Same as add with a numeric key (cheaper than building a string per key); label made once per key. */
  addNumeric(msg: number, key: number, label: (key: number) => string): void {
    let k = this.numIndex.get(key);
    if (k === undefined) {
      k = this.labels.length;
      this.numIndex.set(key, k);
      this.labels.push(label(key));
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
  /** Distinct keys on which u1 met u2, by key-size stratum: strata[e·STRATA + s]. */
  strata: Int32Array;
  /** What the chance model needs. */
  uses: KeyUse;
}

/** Occurrences sorted by (key, time), kept for evidence look-ups. */
export interface SortedOccurrences {
  occ: Occurrences;
  /** Message indices in (key, time) order. */
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
  // Unique per occurrence: a message carries a key at most once (callers dedupe).
  for (let i = 0; i < n; i++) codes[i] = occ.key[i] * nMsg + table.timeRank[occ.msg[i]];
  codes.sort();
  const order = new Int32Array(n);
  const nKeys = occ.keyLabel.length;
  const groupStart = new Int32Array(nKeys + 1);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const key = Math.floor(c / nMsg);
    order[i] = table.byTime[c - key * nMsg];
    groupStart[key + 1]++;
  }
  for (let k = 0; k < nKeys; k++) groupStart[k + 1] += groupStart[k];
  return { occ, order, groupStart };
}

/**
 * Strata by key size (accounts that used the key): meeting on an item almost nobody shares says
 * more than meeting on a viral one; the chance model tests each stratum apart (significance.ts).
 */
export const STRATA = 6;
export function stratumOf(others: number): number {
  return others <= 2 ? 0 : others <= 5 ? 1 : others <= 12 ? 2 : others <= 30 ? 3 : others <= 80 ? 4 : 5;
}

/**
 * For the chance model, per (account, key): the key's size, the account's messages on it, and the
 * share of the others' messages on the key that fell inside the account's windows. Stored by
 * account (CSR: keys of account u are entries ukStart[u]..ukStart[u+1]).
 */
export interface KeyUse {
  ukStart: Int32Array;
  /** Messages on the key (all accounts). */
  keyMessages: Int32Array;
  /** Accounts on the key. */
  keyAccounts: Int32Array;
  /** Fraction of the other accounts' messages on the key inside this account's windows. */
  inWindow: Float32Array;
  /** Messages per account carrying a key, and all of them. */
  messagesOf: Int32Array;
  totalMessages: number;
}

/**
 * The coordination edges of a network type, exactly as the QUT toolkit counts them: the directed
 * weight u1→u2 is the number of distinct messages of u1 for which u2 posted a different message
 * with the same key within ±window seconds (inclusive). Self-loops (u1 = u2) are kept.
 *
 * Sorted by (key, time), each message scans only its own window (two pointers), so the work is
 * proportional to the co-occurrences that exist, not to the square of a popular key's shares.
 *
 * For the chance model it also counts, per edge, the distinct keys on which the two met (split by
 * key size): an account reposting the same item every minute meets a partner once per item, not
 * once per repost, so self-repetition cannot pass for coordination.
 */
export function computeEdges(table: PostTable, sorted: SortedOccurrences, window: number): EdgeList {
  const { occ, order, groupStart } = sorted;
  const nUsers = table.userIds.length;
  const { user, time } = table;
  const stamp = new Int32Array(nUsers).fill(-1);
  const out = new GrowableF64();
  const raw = occ.multiKey ? new GrowableF64() : undefined;
  const keyCodes = new GrowableF64();
  const accept = occ.accept;
  // Per-group scratch: window bounds per position, and per-account chains of positions.
  const maxGroup = maxGroupSize(groupStart);
  const los = new Int32Array(maxGroup);
  const his = new Int32Array(maxGroup);
  const nextPos = new Int32Array(maxGroup);
  const head = new Int32Array(nUsers).fill(-1);
  const tail = new Int32Array(nUsers).fill(-1);
  const runStamp = new Int32Array(nUsers).fill(-1);
  let run = 0;
  const groupUsers: number[] = [];
  // (account, key) uses, appended per group, grouped by account at the end.
  const useUser = new GrowableF64();
  const useKeyMsgs = new GrowableF64();
  const useKeyAccts = new GrowableF64();
  const useFrac = new GrowableF64();
  const messagesOf = new Int32Array(nUsers);
  const msgSeen = occ.multiKey ? new Uint8Array(table.posts.length) : undefined;
  let totalMessages = 0;
  for (let k = 0; k + 1 < groupStart.length; k++) {
    const a = groupStart[k];
    const b = groupStart[k + 1];
    if (b === a) continue;
    if (b - a === 1) {
      // A key used once (most LSH bands, most links): no partner, only the chance model's bookkeeping.
      const m = order[a];
      if (!msgSeen || !msgSeen[m]) {
        if (msgSeen) msgSeen[m] = 1;
        messagesOf[user[m]]++;
        totalMessages++;
      }
      useUser.push(user[m]);
      useKeyMsgs.push(1);
      useKeyAccts.push(1);
      useFrac.push(0);
      continue;
    }
    // Accounts on the key, with their positions chained in time order.
    for (let p = a; p < b; p++) {
      const m = order[p];
      if (!msgSeen || !msgSeen[m]) {
        if (msgSeen) msgSeen[m] = 1;
        messagesOf[user[m]]++;
        totalMessages++;
      }
      const u = user[m];
      nextPos[p - a] = -1;
      if (head[u] < 0) {
        head[u] = p;
        groupUsers.push(u);
      } else nextPos[tail[u] - a] = p;
      tail[u] = p;
    }
    const nAcc = groupUsers.length;
    const s = stratumOf(nAcc - 1);
    if (b - a >= 2) {
      let lo = a;
      let hi = a;
      for (let p = a; p < b; p++) {
        const mi = order[p];
        const ti = time[mi];
        while (time[order[lo]] < ti - window) lo++;
        while (hi < b && time[order[hi]] <= ti + window) hi++;
        los[p - a] = lo;
        his[p - a] = hi;
        const u1 = user[mi];
        const single = head[u1] === tail[u1];
        for (let q = lo; q < hi; q++) {
          if (q === p) continue;
          const mj = order[q];
          if (mj === mi) continue;
          const u2 = user[mj];
          if (stamp[u2] === p) continue;
          if (accept && !accept(mi, mj)) continue;
          stamp[u2] = p;
          if (raw) raw.push(mi * nUsers + u2);
          else out.push(u1 * nUsers + u2);
          // One message on the key: its partners are the key-level partners (no union needed).
          if (single && u2 !== u1) keyCodes.push((u1 * nUsers + u2) * STRATA + s);
        }
      }
    }
    // Per account on the key: union of its windows → partners met once per key, and its coverage.
    for (const u1 of groupUsers) {
      let own = 0;
      let covered = 0;
      let lastHi = -1;
      const single = head[u1] === tail[u1];
      run++;
      for (let p = head[u1]; p >= 0; p = nextPos[p - a]) {
        own++;
        if (b - a < 2) continue;
        const lo = Math.max(los[p - a], lastHi);
        const hi = his[p - a];
        if (hi > lo) covered += hi - lo;
        lastHi = Math.max(lastHi, hi);
        if (single) continue;
        for (let q = lo; q < hi; q++) {
          const mj = order[q];
          const u2 = user[mj];
          if (u2 === u1 || runStamp[u2] === run) continue;
          if (accept && !accept(order[p], mj)) continue;
          runStamp[u2] = run;
          keyCodes.push((u1 * nUsers + u2) * STRATA + s);
        }
      }
      const othersMsgs = b - a - own;
      useUser.push(u1);
      useKeyMsgs.push(b - a);
      useKeyAccts.push(nAcc);
      useFrac.push(othersMsgs > 0 ? Math.min(1, Math.max(0, covered - own) / othersMsgs) : 0);
    }
    for (const u of groupUsers) head[u] = tail[u] = -1;
    groupUsers.length = 0;
  }
  let codes = out.view();
  if (raw) {
    const rc = raw.view().sort();
    let prev = -1;
    for (let i = 0; i < rc.length; i++) {
      const c = rc[i];
      if (c === prev) continue;
      prev = c;
      const m = Math.floor(c / nUsers);
      out.push(user[m] * nUsers + (c - m * nUsers));
    }
    codes = out.view();
  }
  codes.sort();
  const edges = runLength(codes, nUsers);
  const kc = keyCodes.view().sort();
  const strata = new Int32Array(edges.from.length * STRATA);
  let e = 0;
  for (let i = 0; i < kc.length; i++) {
    const pair = Math.floor(kc[i] / STRATA);
    while (e < edges.from.length && edges.from[e] * nUsers + edges.to[e] < pair) e++;
    if (e < edges.from.length && edges.from[e] * nUsers + edges.to[e] === pair) strata[e * STRATA + (kc[i] - pair * STRATA)]++;
  }
  // Group (account, key) uses by account.
  const nUses = useUser.length;
  const ukStart = new Int32Array(nUsers + 1);
  for (let i = 0; i < nUses; i++) ukStart[useUser.buf[i] + 1]++;
  for (let u = 0; u < nUsers; u++) ukStart[u + 1] += ukStart[u];
  const fill = ukStart.slice(0, nUsers);
  const keyMessages = new Int32Array(nUses);
  const keyAccounts = new Int32Array(nUses);
  const inWindow = new Float32Array(nUses);
  for (let i = 0; i < nUses; i++) {
    const at = fill[useUser.buf[i]]++;
    keyMessages[at] = useKeyMsgs.buf[i];
    keyAccounts[at] = useKeyAccts.buf[i];
    inWindow[at] = useFrac.buf[i];
  }
  return { ...edges, strata, uses: { ukStart, keyMessages, keyAccounts, inWindow, messagesOf, totalMessages } };
}

function maxGroupSize(groupStart: Int32Array): number {
  let max = 0;
  for (let k = 0; k + 1 < groupStart.length; k++) max = Math.max(max, groupStart[k + 1] - groupStart[k]);
  return max;
}

function runLength(codes: Float64Array, nUsers: number): Pick<EdgeList, 'from' | 'to' | 'weight'> {
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

/** Keys used by each account (CSR, sorted), for evidence look-ups without scanning every key. */
export interface UserKeys {
  start: Int32Array;
  keys: Int32Array;
}

export function userKeys(table: PostTable, sorted: SortedOccurrences): UserKeys {
  const nUsers = table.userIds.length;
  const { order, groupStart } = sorted;
  const last = new Int32Array(nUsers).fill(-1);
  const count = new Int32Array(nUsers + 1);
  const nKeys = groupStart.length - 1;
  for (let k = 0; k < nKeys; k++)
    for (let p = groupStart[k]; p < groupStart[k + 1]; p++) {
      const u = table.user[order[p]];
      if (last[u] !== k) {
        last[u] = k;
        count[u + 1]++;
      }
    }
  for (let u = 0; u < nUsers; u++) count[u + 1] += count[u];
  const fill = count.slice(0, nUsers);
  const keys = new Int32Array(count[nUsers]);
  last.fill(-1);
  for (let k = 0; k < nKeys; k++)
    for (let p = groupStart[k]; p < groupStart[k + 1]; p++) {
      const u = table.user[order[p]];
      if (last[u] !== k) {
        last[u] = k;
        keys[fill[u]++] = k;
      }
    }
  return { start: count, keys };
}

/** The shared items and time gaps behind the edge u1→u2 (at most `limit` keys). */
export function edgeEvidence(table: PostTable, sorted: SortedOccurrences, window: number, u1: number, u2: number, limit = 20, index?: UserKeys): EdgeEvidence[] {
  const { occ, order, groupStart } = sorted;
  const idx = index ?? userKeys(table, sorted);
  const out: EdgeEvidence[] = [];
  let i = idx.start[u1];
  let j = idx.start[u2];
  while (i < idx.start[u1 + 1] && j < idx.start[u2 + 1] && out.length < limit) {
    const k1 = idx.keys[i];
    const k2 = idx.keys[j];
    if (k1 < k2) i++;
    else if (k2 < k1) j++;
    else {
      i++;
      j++;
      const a = groupStart[k1];
      const b = groupStart[k1 + 1];
      const pairs: EdgeEvidence['pairs'] = [];
      for (let p = a; p < b && pairs.length < 10; p++) {
        const mi = order[p];
        if (table.user[mi] !== u1) continue;
        for (let q = a; q < b; q++) {
          const mj = order[q];
          if (mj === mi || table.user[mj] !== u2) continue;
          const gap = table.time[mj] - table.time[mi];
          if (Math.abs(gap) <= window && (!occ.accept || occ.accept(mi, mj))) pairs.push({ m1: table.posts[mi].id, m2: table.posts[mj].id, gap });
        }
      }
      if (pairs.length) out.push({ key: occ.keyLabel[k1], pairs: pairs.slice(0, 10) });
    }
  }
  return out;
}
