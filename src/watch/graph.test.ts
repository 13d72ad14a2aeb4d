import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discRadius, graphView, packDiscs } from './graph.ts';
import { coordinationOf } from './service.ts';
import { simulateStream } from './simulate.ts';

describe('network view', () => {
  const sim = simulateStream({ seed: 11, accounts: 400, ordinaryPosts: 4000, groups: 4, groupSize: [6, 12], campaigns: [10, 12], participation: 1, hyperactive: 3, hyperactivePosts: 300 });
  const r = coordinationOf(sim.posts, { type: 'corepost', window: 60, minWeight: 1 });

  it('gives each planted group one cluster, drawn as one disc that no other disc overlaps', () => {
    const g = graphView(r, { minWeight: 1, maxNodes: 10_000, maxEdges: 100_000 });
    expect(g.nodes).toHaveLength(g.totalNodes);
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    for (const group of sim.groups) {
      const clusters = new Set(group.map((a) => byId.get(a)?.cluster));
      expect(clusters.size).toBe(1);
      expect([...clusters][0]).toBeGreaterThan(0);
    }
    for (const c of g.clusters) {
      for (const n of g.nodes.filter((x) => x.cluster === c.cluster)) expect(Math.hypot(n.x - c.x, n.y - c.y)).toBeLessThanOrEqual(c.r + 0.01);
      for (const d of g.clusters) if (d !== c) expect(Math.hypot(c.x - d.x, c.y - d.y)).toBeGreaterThan(c.r + d.r);
    }
    // Accounts in no cluster sit outside every disc.
    for (const n of g.nodes.filter((x) => x.cluster === 0)) for (const c of g.clusters) expect(Math.hypot(n.x - c.x, n.y - c.y)).toBeGreaterThan(c.r);
    for (const [a, b, w] of g.edges) {
      expect(a).toBeLessThan(g.nodes.length);
      expect(b).toBeLessThan(g.nodes.length);
      expect(a).not.toBe(b);
      expect(w).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps clustered accounts and significant pairs first when the limits cut', () => {
    const g = graphView(r, { minWeight: 1, maxNodes: 60, maxEdges: 40 });
    expect(g.nodes).toHaveLength(60);
    expect(g.totalNodes).toBeGreaterThan(60);
    const planted = sim.groups.flat().length;
    expect(g.nodes.filter((n) => n.cluster > 0).length).toBe(Math.min(60, planted));
    expect(g.edges).toHaveLength(40);
    expect(g.edges.every((e) => e[3] === 1)).toBe(true);
  });

  it('is the same from one run to the next', () => {
    expect(graphView(r, { minWeight: 2, maxNodes: 500, maxEdges: 500 })).toEqual(graphView(coordinationOf(sim.posts, { type: 'corepost', window: 60, minWeight: 1 }), { minWeight: 2, maxNodes: 500, maxEdges: 500 }));
  });

  it('packs discs of any sizes without overlap', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2, max: 400 }), { minLength: 1, maxLength: 60 }), (sizes) => {
        const radii = sizes.sort((a, b) => b - a).map(discRadius);
        const at = packDiscs(radii);
        for (let i = 0; i < at.length; i++) for (let j = i + 1; j < at.length; j++) expect(Math.hypot(at[i].x - at[j].x, at[i].y - at[j].y)).toBeGreaterThanOrEqual(radii[i] + radii[j]);
      }),
      { numRuns: 60 },
    );
  });
});
