/**
 * The engine's previous computeEdges (sort of pair codes), kept in the tests as the reference the
 * faster per-account version must match exactly: edges, weights, strata and chance-model inputs.
 */
import { STRATA, stratumOf, type EdgeList, type SortedOccurrences } from './engine.ts';
import type { PostTable } from './table.ts';

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

export function computeEdgesReference(table: PostTable, sorted: SortedOccurrences, window: number): EdgeList {
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

