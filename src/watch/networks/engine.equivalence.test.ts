import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Post } from '../post.ts';
import { computeEdges, OccurrenceBuilder, NumericOccurrenceBuilder, sortOccurrences, type Occurrences } from './engine.ts';
import { computeEdgesReference } from './engine.reference.ts';
import { coordinationNetwork } from './index.ts';
import { buildTable, type PostTable } from './table.ts';

function post(id: number, user: number, t: number): Post {
  return { id: String(id), platform: 't', author: { id: `u${user}` }, text: '', created_at: new Date(t * 1000).toISOString(), urls: [], hashtags: [], mentions: [] };
}

const row = fc.record({
  user: fc.integer({ min: 0, max: 7 }),
  t: fc.integer({ min: 0, max: 400 }),
  keys: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
  tag: fc.integer({ min: 0, max: 3 }),
});

/** Occurrences of random rows, with string or numeric interning, one or several keys per message, and an optional pair filter. */
function occurrencesOf(table: PostTable, rows: Array<{ keys: number[]; tag: number }>, numeric: boolean, multi: boolean, filter: boolean): Occurrences {
  const accept = filter ? (m1: number, m2: number) => (rows[m1].tag + rows[m2].tag) % 3 !== 0 : undefined;
  if (numeric) {
    const b = new NumericOccurrenceBuilder((k) => `k${k}`, 4);
    rows.forEach((r, i) => (multi ? r.keys : r.keys.slice(0, 1)).forEach((k) => b.add(i, k * 1_000_003 + 17)));
    return b.build(multi, accept);
  }
  const b = new OccurrenceBuilder();
  rows.forEach((r, i) => (multi ? r.keys : r.keys.slice(0, 1)).forEach((k) => b.add(i, `key${k}`)));
  return b.build(multi, accept);
}

describe('per-account edge computation', () => {
  it('gives exactly the previous engine’s edges, weights, strata and chance-model inputs', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.integer({ min: 0, max: 120 }), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (unordered, window, numeric, multi, filter, inTimeOrder) => {
        // Posts in time order take the sort's one-pass path; shuffled ones the two-pass path.
        const rows = inTimeOrder ? [...unordered].sort((a, b) => a.t - b.t) : unordered;
        const table = buildTable(rows.map((r, i) => post(i, r.user, r.t)));
        const sorted = sortOccurrences(table, occurrencesOf(table, rows, numeric, multi, filter));
        const got = computeEdges(table, sorted, window);
        const want = computeEdgesReference(table, sorted, window);
        expect(got.from).toEqual(want.from);
        expect(got.to).toEqual(want.to);
        expect(got.weight).toEqual(want.weight);
        expect(got.strata).toEqual(want.strata);
        expect(got.uses).toEqual(want.uses);
      }),
      { numRuns: 400 },
    );
  });

  it('sorts occurrences by key, then time, then input order for equal times', () => {
    const posts = [post(0, 1, 50), post(1, 2, 10), post(2, 3, 50), post(3, 1, 10), post(4, 2, 30)];
    const table = buildTable(posts);
    const b = new OccurrenceBuilder();
    ['b', 'a', 'b', 'a', 'b'].forEach((k, i) => b.add(i, k));
    const s = sortOccurrences(table, b.build(false));
    expect([...s.groupStart]).toEqual([0, 3, 5]);
    expect([...s.order]).toEqual([4, 0, 2, 1, 3]);
    expect(s.occ.label(0)).toBe('b');
  });

  it('interns numeric keys in order of first appearance through table growth', () => {
    const b = new NumericOccurrenceBuilder((k) => `n${k}`, 1);
    const keys = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 3001);
    keys.forEach((k, i) => b.add(i, k));
    const occ = b.build(false);
    expect(occ.keyCount).toBe(3001);
    const firstSeen = [...new Set(keys)];
    expect(Array.from(occ.key.slice(0, 10))).toEqual(keys.slice(0, 10).map((k) => firstSeen.indexOf(k)));
    for (let k = 0; k < occ.keyCount; k += 97) expect(occ.label(k)).toBe(`n${firstSeen[k]}`);
    expect(occ.msg.length).toBe(5000);
  });

  it('survives a popular key shared by thousands of messages in one window', () => {
    const posts = Array.from({ length: 3000 }, (_, i) => ({ ...post(i, i % 400, i % 50), repost_of: 'viral' }));
    const net = coordinationNetwork(posts, 'corepost', 60);
    const table = net.table;
    const want = computeEdgesReference(table, net.sorted, 60);
    expect(net.edges.weight).toEqual(want.weight);
    expect(net.edges.from.length).toBe(400 * 400);
  });
});
