import { describe, expect, it } from 'vitest';
import { isRempartError } from '../../core/errors.ts';
import type { Post } from '../post.ts';
import { simulateStream } from '../simulate.ts';
import { buildTable, coordinationNetwork, edgesAtLeast } from './index.ts';
import { sortOccurrences, windowPairs } from './engine.ts';
import { networkKinds } from './registry.ts';

const t0 = Date.parse('2017-05-05T18:00:00Z');
/** One item reposted by `n` accounts within a minute. */
function viral(n: number): Post[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `v${i}`, platform: 'twitter', author: { id: `a${i}` }, text: 'RT', created_at: new Date(t0 + Math.floor((i * 60_000) / n)).toISOString(), urls: [], hashtags: [], mentions: [], repost_of: 'viral',
  }));
}

describe('co-repost on hostile streams', () => {
  it('one item reposted by 100,000 accounts in a minute: a clear watch.too_many_pairs, quickly, no heap exhaustion', () => {
    const table = buildTable(viral(100_000));
    const t = performance.now();
    let err: unknown;
    try {
      coordinationNetwork(table, 'corepost', 60);
    } catch (e) {
      err = e;
    }
    expect(isRempartError(err) && err.id).toBe('watch.too_many_pairs');
    expect((err as Error).message).toMatch(/--window/);
    expect(performance.now() - t).toBeLessThan(30_000);
  }, 120_000);

  it('the auto window is halved until the pairs fit, and says so', () => {
    const posts = viral(10_000);
    const table = buildTable(posts);
    const sorted = sortOccurrences(table, networkKinds.corepost.occurrences(table, {}));
    // 10,000 shares in 60 s: a 30 s window holds about 10,000 × 7,500 pairs, past the 10M edge budget.
    expect(windowPairs(table, sorted, 30)).toBeGreaterThan(50_000_000);
    const net = coordinationNetwork(table, 'corepost', 'auto');
    expect(net.windowEstimate?.reducedFrom).toBeGreaterThan(net.window);
    expect(windowPairs(table, net.sorted, net.window)).toBeLessThanOrEqual(10_000_000);
    expect(net.edges.from.length).toBeGreaterThan(0);
  }, 120_000);

  it('the bounds change nothing on an ordinary stream (same edges as before at a fixed window)', () => {
    const sim = simulateStream({ seed: 5, accounts: 500, ordinaryPosts: 5000 });
    const net = coordinationNetwork(sim.posts, 'corepost', 30);
    const table = buildTable(sim.posts);
    const sorted = sortOccurrences(table, networkKinds.corepost.occurrences(table, {}));
    // Brute force over message pairs: the QUT definition.
    const w = new Map<string, Set<number>>();
    const { order, groupStart } = sorted;
    for (let k = 0; k + 1 < groupStart.length; k++)
      for (let p = groupStart[k]; p < groupStart[k + 1]; p++)
        for (let q = groupStart[k]; q < groupStart[k + 1]; q++) {
          const mi = order[p];
          const mj = order[q];
          if (mi === mj || Math.abs(table.time[mi] - table.time[mj]) > 30) continue;
          const key = `${table.userIds[table.user[mi]]} ${table.userIds[table.user[mj]]}`;
          if (!w.has(key)) w.set(key, new Set());
          w.get(key)?.add(mi);
        }
    const got = edgesAtLeast(net, 1, true).map((e) => `${e.user_1} ${e.user_2} ${e.weight}`).sort();
    const want = [...w].map(([k, s]) => `${k} ${s.size}`).sort();
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(want);
  }, 120_000);
});
