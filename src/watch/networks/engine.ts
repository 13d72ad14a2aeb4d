import { TooLargeError } from '../../core/errors.ts';
import { acquire, Carver, enlarge, release, SLOT, type Slot } from './scratch.ts';
import type { PostTable } from './table.ts';

/**
 * The shared keys of one network type: occurrence i says message `msg[i]` carries key `key[i]`
 * (the reposted id, a link, a text…). Keys are numbered 0..keyCount-1 in order of first
 * appearance; `label(k)` is key k as people read it (made on demand: a million LSH bands need no
 * million strings).
 */
export interface Occurrences {
  msg: Int32Array;
  key: Int32Array;
  keyCount: number;
  label: (key: number) => string;
  /** True when a message may carry several keys (links, LSH bands): weights then dedupe across keys. */
  multiKey: boolean;
  /** Extra test on a candidate pair of messages (near-duplicate verification). */
  accept?: (m1: number, m2: number) => boolean;
}

/**
 * A growable Int32Array (no boxed numbers, no per-element garbage). With a scratch slot it grows in
 * reused memory and `toArray` makes the one exact-size copy the caller keeps.
 */
export class Int32Buffer {
  buf: Int32Array;
  length = 0;
  constructor(
    capacity = 1024,
    private readonly slot?: Slot,
    hint?: number,
  ) {
    this.buf = slot === undefined ? new Int32Array(Math.max(16, capacity)) : acquire(slot, Math.max(16, capacity), hint);
  }
  push(v: number): void {
    if (this.length === this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = v;
  }
  grow(size: number): void {
    if (size <= this.buf.length) return;
    if (this.slot !== undefined) this.buf = enlarge(this.slot, this.buf, this.length, size);
    else {
      const next = new Int32Array(Math.max(size, this.buf.length * 2));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
  }
  /** A trimmed copy; a scratch buffer is given back (the Int32Buffer must not be used after). */
  toArray(): Int32Array {
    const out = this.buf.slice(0, this.length);
    if (this.slot !== undefined) release(this.slot, this.buf);
    return out;
  }
}

/** Builds occurrences incrementally with interned string keys. */
export class OccurrenceBuilder {
  private readonly msgs = new Int32Buffer(1024, SLOT.occMsg);
  private readonly keys = new Int32Buffer(1024, SLOT.occKey);
  private readonly index = new Map<string, number>();
  private readonly labels: string[] = [];

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
    const labels = this.labels;
    return { msg: this.msgs.toArray(), key: this.keys.toArray(), keyCount: labels.length, label: (k) => labels[k], multiKey, accept };
  }
}

/**
 * Builds occurrences with integer keys (0 ≤ key < 2^31) interned in an open-addressing table of
 * typed arrays: no Map entry, no string, no garbage per key. Keys are numbered in order of first
 * appearance, like OccurrenceBuilder.
 */
export class NumericOccurrenceBuilder {
  private readonly msgs: Int32Buffer;
  private readonly keys: Int32Buffer;
  /** Raw key of each interned key, in first-appearance order. */
  private readonly raw: Int32Buffer;
  /** Slots hold interned key + 1 (0 = empty). */
  private slots: Int32Array;
  private slotsBuf: Int32Array;
  private mask: number;

  constructor(
    private readonly labelOf: (raw: number) => string,
    expected = 1024,
  ) {
    this.msgs = new Int32Buffer(expected, SLOT.occMsg);
    this.keys = new Int32Buffer(expected, SLOT.occKey);
    this.raw = new Int32Buffer(expected, SLOT.occRaw);
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.slotsBuf = acquire(SLOT.occTable, size);
    this.slots = this.slotsBuf.subarray(0, size).fill(0);
    this.mask = size - 1;
  }

  private static slot(key: number, mask: number): number {
    // Fibonacci hashing spreads keys whose low bits are alike (LSH band numbers).
    return (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
  }

  add(msg: number, key: number): void {
    const slots = this.slots;
    const raw = this.raw.buf;
    let i = NumericOccurrenceBuilder.slot(key, this.mask);
    let k = -1;
    for (;;) {
      const v = slots[i];
      if (v === 0) break;
      if (raw[v - 1] === key) {
        k = v - 1;
        break;
      }
      i = (i + 1) & this.mask;
    }
    if (k < 0) {
      k = this.raw.length;
      this.raw.push(key);
      slots[i] = k + 1;
      if (this.raw.length * 2 > slots.length) this.grow();
    }
    this.msgs.push(msg);
    this.keys.push(k);
  }

  private grow(): void {
    const size = this.slots.length * 2;
    const mask = size - 1;
    if (this.slotsBuf.length < size) this.slotsBuf = enlarge(SLOT.occTable, this.slotsBuf, 0, size);
    const slots = this.slotsBuf.subarray(0, size).fill(0);
    const raw = this.raw.buf;
    for (let k = 0; k < this.raw.length; k++) {
      let i = NumericOccurrenceBuilder.slot(raw[k], mask);
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = k + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  build(multiKey: boolean, accept?: (m1: number, m2: number) => boolean): Occurrences {
    const raw = this.raw.toArray();
    release(SLOT.occTable, this.slotsBuf);
    const labelOf = this.labelOf;
    return { msg: this.msgs.toArray(), key: this.keys.toArray(), keyCount: raw.length, label: (k) => labelOf(raw[k]), multiKey, accept };
  }
}

/**
 * Bounds on one network (REMPART_WATCH_MAX_PAIRS, REMPART_WATCH_MAX_EDGES override them): pairs of
 * messages inside each other's window (the scan's work, which grows with the square of a viral
 * item's shares within the window) and distinct account pairs kept (36 bytes each). Past either,
 * the command stops with `watch.too_many_pairs` naming the remedy instead of exhausting the heap.
 */
export const PAIR_LIMITS = {
  maxPairs: Number(process.env.REMPART_WATCH_MAX_PAIRS) || 400_000_000,
  maxEdges: Number(process.env.REMPART_WATCH_MAX_EDGES) || 10_000_000,
};

export function tooManyPairs(what: string, window: number) {
  return TooLargeError(
    'watch.too_many_pairs',
    `${what} with a ${window} s window: use a smaller --window, a shorter period (--since/--until), or raise REMPART_WATCH_MAX_PAIRS / REMPART_WATCH_MAX_EDGES if the machine has the memory`,
  );
}

/**
 * Message pairs inside each other's window (both directions), by two pointers over the sorted
 * occurrences: linear, no pair enumerated. Stops counting past `stop`.
 */
export function windowPairs(table: PostTable, sorted: SortedOccurrences, window: number, stop = Infinity): number {
  const { order, groupStart } = sorted;
  const { time } = table;
  let total = 0;
  for (let k = 0; k + 1 < groupStart.length && total <= stop; k++) {
    const a = groupStart[k];
    const b = groupStart[k + 1];
    if (b - a < 2) continue;
    let h = a;
    for (let p = a; p < b; p++) {
      const ti = time[order[p]];
      if (h <= p) h = p + 1;
      while (h < b && time[order[h]] <= ti + window) h++;
      total += 2 * (h - p - 1);
    }
  }
  return total;
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

/**
 * Sorts occurrences by (key, time) with two stable counting sorts (by time rank, then by key):
 * linear in occurrences + messages + keys, no comparison sort. A message carries a key at most
 * once (callers dedupe), so the order is the same as sorting by the (key, time rank) pair.
 */
export function sortOccurrences(table: PostTable, occ: Occurrences): SortedOccurrences {
  const n = occ.msg.length;
  const nMsg = table.posts.length;
  const { msg, key } = occ;
  const { timeRank } = table;
  const nKeys = occ.keyCount;
  // Occurrences usually arrive by message, and messages in time order: then the pass by time is the identity.
  let timeOrdered = true;
  for (let i = 1; i < n && timeOrdered; i++) if (timeRank[msg[i]] < timeRank[msg[i - 1]]) timeOrdered = false;
  const temp = acquire(SLOT.temp, nKeys + (timeOrdered ? 0 : nMsg + 1 + n));
  const carve = new Carver(temp);
  let inTime: Int32Array | undefined;
  if (!timeOrdered) {
    const byRank = carve.take(nMsg + 1, 0);
    for (let i = 0; i < n; i++) byRank[timeRank[msg[i]] + 1]++;
    for (let r = 0; r < nMsg; r++) byRank[r + 1] += byRank[r];
    inTime = carve.take(n);
    for (let i = 0; i < n; i++) inTime[byRank[timeRank[msg[i]]]++] = i;
  }
  const groupStart = new Int32Array(nKeys + 1);
  for (let i = 0; i < n; i++) groupStart[key[i] + 1]++;
  for (let k = 0; k < nKeys; k++) groupStart[k + 1] += groupStart[k];
  const fill = carve.take(nKeys);
  fill.set(groupStart.subarray(0, nKeys));
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = inTime ? inTime[j] : j;
    order[fill[key[i]]++] = msg[i];
  }
  release(SLOT.temp, temp);
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
  const n = sorted.order.length;
  const nUsers = table.userIds.length;
  const nMsg = table.posts.length;
  const nKeys = sorted.groupStart.length - 1;
  const multi = sorted.occ.multiKey;
  const temp = acquire(SLOT.temp, 4 * n + nKeys + (STRATA + 7) * nUsers + 3 + (multi ? 3 * nMsg + n + 2 * nUsers + 2 : 0));
  // Edges are often about as many as occurrences (1.4 per occurrence in the benchmark's co-repost):
  // growing from nothing would allocate twice the final size on the way. Not so for candidate keys
  // checked by `accept` (LSH bands: millions of occurrences, thousands of edges).
  const hint = sorted.occ.accept ? 1024 : Math.ceil(n * 1.5);
  const from = new Int32Buffer(1024, SLOT.edgeFrom, hint);
  const to = new Int32Buffer(1024, SLOT.edgeTo, hint);
  const weight = new Int32Buffer(1024, SLOT.edgeWeight, hint);
  const strata = new Int32Buffer(1024 * STRATA, SLOT.edgeStrata, hint * STRATA);
  try {
    return edgesInto(table, sorted, window, new Carver(temp), { from, to, weight, strata });
  } finally {
    release(SLOT.temp, temp);
    for (const [slot, b] of [[SLOT.edgeFrom, from], [SLOT.edgeTo, to], [SLOT.edgeWeight, weight], [SLOT.edgeStrata, strata]] as const) release(slot, b.buf);
  }
}

function edgesInto(table: PostTable, sorted: SortedOccurrences, window: number, carve: Carver, out: Record<'from' | 'to' | 'weight' | 'strata', Int32Buffer>): EdgeList {
  const { occ, order, groupStart } = sorted;
  const nUsers = table.userIds.length;
  const nMsg = table.posts.length;
  const { user, time } = table;
  const accept = occ.accept;
  const n = order.length;
  const nKeys = groupStart.length - 1;
  const { from, to, weight, strata } = out;

  // Per position in (key, time) order: its key and its window [lo, hi) in the key's group (two
  // pointers); per key, the accounts that used it.
  const keyOf = carve.take(n);
  const lo = carve.take(n);
  const hi = carve.take(n);
  const keyAccounts = carve.take(nKeys);
  const lastKey = carve.take(nUsers, -1);
  let nUses = 0;
  for (let k = 0; k < nKeys; k++) {
    const a = groupStart[k];
    const b = groupStart[k + 1];
    let accounts = 0;
    let l = a;
    let h = a;
    for (let p = a; p < b; p++) {
      keyOf[p] = k;
      const u = user[order[p]];
      if (lastKey[u] !== k) {
        lastKey[u] = k;
        accounts++;
      }
      const ti = time[order[p]];
      while (time[order[l]] < ti - window) l++;
      while (h < b && time[order[h]] <= ti + window) h++;
      lo[p] = l;
      hi[p] = h;
    }
    keyAccounts[k] = accounts;
    nUses += accounts;
  }
  {
    let pairs = 0;
    for (let p = 0; p < n; p++) pairs += hi[p] - lo[p] - 1;
    if (pairs > PAIR_LIMITS.maxPairs) throw tooManyPairs(`${pairs.toLocaleString('en')} message pairs share an item (limit ${PAIR_LIMITS.maxPairs.toLocaleString('en')})`, window);
  }

  // Messages by account; for multi-key networks also positions by message (a message's keys are
  // spread over the groups); positions by account, in (key, time) order. All CSR.
  const messagesOf = new Int32Array(nUsers);
  let totalMessages = 0;
  const multi = occ.multiKey;
  const msgStart = multi ? carve.take(nMsg + 1, 0) : undefined;
  const posOfMsg = multi ? carve.take(n) : undefined;
  if (msgStart && posOfMsg) {
    for (let p = 0; p < n; p++) msgStart[order[p] + 1]++;
    for (let m = 0; m < nMsg; m++) msgStart[m + 1] += msgStart[m];
    const fill = carve.take(nMsg);
    fill.set(msgStart.subarray(0, nMsg));
    for (let p = 0; p < n; p++) posOfMsg[fill[order[p]]++] = p;
    for (let m = 0; m < nMsg; m++) {
      if (msgStart[m + 1] === msgStart[m]) continue;
      messagesOf[user[m]]++;
      totalMessages++;
    }
  } else {
    // One key per message: positions are messages.
    for (let p = 0; p < n; p++) messagesOf[user[order[p]]]++;
    totalMessages = n;
  }
  const userPosStart = carve.take(nUsers + 1, 0);
  for (let p = 0; p < n; p++) userPosStart[user[order[p]] + 1]++;
  for (let u = 0; u < nUsers; u++) userPosStart[u + 1] += userPosStart[u];
  const posOfUser = carve.take(n);
  {
    const fill = carve.take(nUsers);
    fill.set(userPosStart.subarray(0, nUsers));
    for (let p = 0; p < n; p++) posOfUser[fill[user[order[p]]]++] = p;
  }
  // Messages of an account (multi-key): its distinct messages, from its positions.
  const userMsgStart = multi ? carve.take(nUsers + 1, 0) : undefined;
  const msgsOfUser = multi ? carve.take(totalMessages) : undefined;
  if (userMsgStart && msgsOfUser && msgStart) {
    for (let u = 0; u < nUsers; u++) userMsgStart[u + 1] = userMsgStart[u] + messagesOf[u];
    const fill = carve.take(nUsers);
    fill.set(userMsgStart.subarray(0, nUsers));
    for (let m = 0; m < nMsg; m++) if (msgStart[m + 1] > msgStart[m]) msgsOfUser[fill[user[m]]++] = m;
  }

  // Output, account by account: edges in (from, to) order, and the (account, key) uses.
  const ukStart = new Int32Array(nUsers + 1);
  const keyMessages = new Int32Array(nUses);
  const useAccounts = new Int32Array(nUses);
  const inWindow = new Float32Array(nUses);
  let use = 0;
  // Scratch per partner: weight, strata, the message (or key run) that last counted it.
  const acc = carve.take(nUsers, 0);
  const strataAcc = carve.take(nUsers * STRATA, 0);
  const msgStamp = carve.take(nUsers, -1);
  const runStamp = carve.take(nUsers, -1);
  const touched = carve.take(nUsers);
  let run = 0;
  for (let u1 = 0; u1 < nUsers; u1++) {
    let nTouched = 0;
    // Weight: distinct messages of u1 for which u2 posted another message with a shared key in the window.
    const msgs = userMsgStart ? userMsgStart[u1 + 1] - userMsgStart[u1] : userPosStart[u1 + 1] - userPosStart[u1];
    for (let x = 0; x < msgs; x++) {
      const mi = msgsOfUser && userMsgStart ? msgsOfUser[userMsgStart[u1] + x] : order[posOfUser[userPosStart[u1] + x]];
      const y0 = msgStart ? msgStart[mi] : 0;
      const y1 = msgStart ? msgStart[mi + 1] : 1;
      for (let y = y0; y < y1; y++) {
        const p = posOfMsg ? posOfMsg[y] : posOfUser[userPosStart[u1] + x];
        const h = hi[p];
        for (let q = lo[p]; q < h; q++) {
          if (q === p) continue;
          const mj = order[q];
          if (mj === mi) continue;
          const u2 = user[mj];
          if (msgStamp[u2] === mi) continue;
          if (accept && !accept(mi, mj)) continue;
          msgStamp[u2] = mi;
          if (acc[u2] === 0) touched[nTouched++] = u2;
          acc[u2]++;
        }
      }
    }
    // Per key of u1 (its positions come grouped by key, in time order): the union of its windows
    // gives the partners met on the key (once per key, by key-size stratum) and its coverage.
    const end = userPosStart[u1 + 1];
    for (let x = userPosStart[u1]; x < end; ) {
      const k = keyOf[posOfUser[x]];
      const a = groupStart[k];
      const b = groupStart[k + 1];
      const s = stratumOf(keyAccounts[k] - 1);
      let own = 0;
      let covered = 0;
      let lastHi = -1;
      run++;
      for (; x < end && keyOf[posOfUser[x]] === k; x++) {
        own++;
        if (b - a < 2) continue;
        const p = posOfUser[x];
        const l = Math.max(lo[p], lastHi);
        const h = hi[p];
        if (h > l) covered += h - l;
        lastHi = Math.max(lastHi, h);
        for (let q = l; q < h; q++) {
          const mj = order[q];
          const u2 = user[mj];
          if (u2 === u1 || runStamp[u2] === run) continue;
          if (accept && !accept(order[p], mj)) continue;
          runStamp[u2] = run;
          strataAcc[u2 * STRATA + s]++;
        }
      }
      const othersMsgs = b - a - own;
      keyMessages[use] = b - a;
      useAccounts[use] = keyAccounts[k];
      inWindow[use] = othersMsgs > 0 ? Math.min(1, Math.max(0, covered - own) / othersMsgs) : 0;
      use++;
    }
    ukStart[u1 + 1] = use;
    if (nTouched === 0) continue;
    if (from.length + nTouched > PAIR_LIMITS.maxEdges) throw tooManyPairs(`more than ${PAIR_LIMITS.maxEdges.toLocaleString('en')} account pairs`, window);
    const partners = touched.subarray(0, nTouched).sort();
    for (let i = 0; i < nTouched; i++) {
      const u2 = partners[i];
      from.push(u1);
      to.push(u2);
      weight.push(acc[u2]);
      acc[u2] = 0;
      for (let t = 0; t < STRATA; t++) {
        strata.push(strataAcc[u2 * STRATA + t]);
        strataAcc[u2 * STRATA + t] = 0;
      }
    }
  }
  return {
    from: from.toArray(),
    to: to.toArray(),
    weight: weight.toArray(),
    strata: strata.toArray(),
    uses: { ukStart, keyMessages, keyAccounts: useAccounts, inWindow, messagesOf, totalMessages },
  };
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
      if (pairs.length) out.push({ key: occ.label(k1), pairs: pairs.slice(0, 10) });
    }
  }
  return out;
}
