import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { connectedComponents } from 'graphology-components';
import type { ScoredEdge } from './significance.ts';

/** A group of accounts that act together more than chance explains. */
export interface Cluster {
  cluster: number;
  /** Account indices (see PostTable.userIds). */
  members: number[];
  /** Mean strength of the cluster's internal edges, 0..1 (see edgeStrength). */
  score: number;
  edges: number;
}

/** Per-account coordination score and what it rests on. */
export interface AccountCoordination {
  account: number;
  score: number;
  partners: number;
  cluster: number | undefined;
  strongestLift: number;
}

/**
 * How strongly one edge departs from chance, 0..1: log10 of the lift over 2, capped. A pair acting
 * together 10× more than chance gets 0.5, 100× or more gets 1. Readable and monotone.
 */
export function edgeStrength(e: Pick<ScoredEdge, 'lift'>): number {
  return Math.max(0, Math.min(1, Math.log10(Math.max(1, e.lift)) / 2));
}

/**
 * Clusters from the significant edges: connected components, split with Louvain (seeded, so the
 * same data gives the same clusters) when a component is large enough to hold several groups.
 */
export function detectClusters(scored: readonly ScoredEdge[], opts: { splitAbove?: number; seed?: number } = {}): { clusters: Cluster[]; accounts: AccountCoordination[] } {
  const g = new Graph({ type: 'undirected', multi: false });
  for (const e of scored) {
    if (!e.significant) continue;
    const a = String(e.from);
    const b = String(e.to);
    g.mergeNode(a);
    g.mergeNode(b);
    const s = edgeStrength(e);
    if (g.hasEdge(a, b)) {
      if (s > (g.getEdgeAttribute(a, b, 'weight') as number)) g.setEdgeAttribute(a, b, 'weight', s);
      if (e.lift > (g.getEdgeAttribute(a, b, 'lift') as number)) g.setEdgeAttribute(a, b, 'lift', e.lift);
    } else g.addEdge(a, b, { weight: s, lift: e.lift });
  }
  const splitAbove = opts.splitAbove ?? 12;
  let seed = opts.seed ?? 42;
  const rng = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const groups: string[][] = [];
  for (const comp of connectedComponents(g)) {
    if (comp.length < 2) continue;
    if (comp.length <= splitAbove) {
      groups.push(comp);
      continue;
    }
    const sub = new Graph({ type: 'undirected' });
    for (const n of comp) sub.addNode(n);
    for (const n of comp) g.forEachEdge(n, (_e, attr, s, t) => {
      if (s === n && !sub.hasEdge(s, t)) sub.addEdge(s, t, attr);
    });
    const communities = louvain(sub, { getEdgeWeight: 'weight', rng });
    const byCommunity = new Map<number, string[]>();
    for (const [node, c] of Object.entries(communities)) byCommunity.set(c, [...(byCommunity.get(c) ?? []), node]);
    for (const members of byCommunity.values()) if (members.length >= 2) groups.push(members);
  }
  const clusterOf = new Map<string, number>();
  const clusters: Cluster[] = groups
    .map((members) => {
      const set = new Set(members);
      let sum = 0;
      let edges = 0;
      for (const m of members) g.forEachEdge(m, (_e, attr, s, t) => {
        if (s === m && set.has(t)) {
          sum += attr.weight as number;
          edges++;
        }
      });
      return { members: members.map(Number).sort((x, y) => x - y), score: edges ? Math.round((sum / edges) * 1000) / 1000 : 0, edges };
    })
    .sort((a, b) => b.members.length - a.members.length || b.score - a.score)
    .map((c, i) => ({ cluster: i + 1, ...c }));
  for (const c of clusters) for (const m of c.members) clusterOf.set(String(m), c.cluster);
  const accounts: AccountCoordination[] = g.mapNodes((n) => {
    let score = 0;
    let lift = 0;
    g.forEachEdge(n, (_e, attr) => {
      score = Math.max(score, attr.weight as number);
      lift = Math.max(lift, attr.lift as number);
    });
    return { account: Number(n), score: Math.round(score * 1000) / 1000, partners: g.degree(n), cluster: clusterOf.get(n), strongestLift: lift };
  });
  accounts.sort((a, b) => b.score - a.score || b.partners - a.partners);
  return { clusters, accounts };
}
