import type { CoordinationResult } from './networks/index.ts';

/** One account of the network view, placed by `layoutGraph`. */
export interface GraphNode {
  id: string;
  x: number;
  y: number;
  /** Cluster number (see CoordinationResult.clusters), 0 when the account is in none. */
  cluster: number;
  /** Coordination score, 0..1 (strongest significant edge). */
  score: number;
  /** Partners in the view. */
  degree: number;
}

/** The network as the dashboard draws it: undirected, bounded, with positions. */
export interface GraphView {
  type: string;
  window: number;
  minWeight: number;
  /** Accounts and pairs at or above minWeight before the limits were applied. */
  totalNodes: number;
  totalEdges: number;
  nodes: GraphNode[];
  /** [source index, target index, weight (max of both directions), significant 0/1]. */
  edges: Array<[number, number, number, 0 | 1]>;
  clusters: Array<{ cluster: number; size: number; score: number; x: number; y: number; r: number }>;
}

const GOLDEN = Math.PI * (3 - Math.sqrt(5));
/** Distance between neighbouring nodes in a disc, in layout units. */
const SPACING = 1;
const GAP = 3;

/** Positions of n points filling a disc evenly (Vogel's sunflower), the first ones at the centre. */
function phyllotaxis(n: number, cx: number, cy: number, inner = 0): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const k0 = inner > 0 ? Math.ceil((inner / SPACING) ** 2) : 0;
  for (let k = 0; k < n; k++) {
    const r = SPACING * Math.sqrt(k0 + k + 0.5);
    const a = (k0 + k) * GOLDEN;
    out.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return out;
}

export const discRadius = (size: number) => SPACING * Math.sqrt(size + 0.5) + 0.5;

/**
 * Packs discs (largest first) without overlap: each one goes to the next free spot along an
 * Archimedean spiral around the centre. A spot is checked only against discs in nearby cells of a
 * grid whose cell is the largest radius, so thousands of small clusters pack in milliseconds.
 */
export function packDiscs(radii: readonly number[]): Array<{ x: number; y: number }> {
  const cell = Math.max(4, ...radii.slice(0, 1));
  const grid = new Map<string, number[]>();
  const placed: Array<{ x: number; y: number; r: number }> = [];
  const keyOf = (gx: number, gy: number) => `${gx},${gy}`;
  const fits = (x: number, y: number, r: number) => {
    // Every placed radius is at most `cell`, so an overlapping disc has its centre within this span.
    const span = Math.ceil((r + cell + GAP) / cell) + 1;
    const gx = Math.floor(x / cell);
    const gy = Math.floor(y / cell);
    for (let dx = -span; dx <= span; dx++)
      for (let dy = -span; dy <= span; dy++)
        for (const i of grid.get(keyOf(gx + dx, gy + dy)) ?? []) {
          const p = placed[i];
          if (Math.hypot(p.x - x, p.y - y) < p.r + r + GAP) return false;
        }
    return true;
  };
  const out: Array<{ x: number; y: number }> = [];
  const turn = 2 * SPACING;
  let t = 0;
  for (const r of radii) {
    let x = 0;
    let y = 0;
    for (;;) {
      const rad = (turn * t) / (2 * Math.PI);
      x = rad * Math.cos(t);
      y = rad * Math.sin(t);
      if (fits(x, y, r)) break;
      // About one unit of arc per step: no gap a disc would fit in is jumped over.
      t += 1 / Math.max(1, rad);
    }
    const i = placed.push({ x, y, r }) - 1;
    const k = keyOf(Math.floor(x / cell), Math.floor(y / cell));
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
    out.push({ x, y });
  }
  return out;
}

/**
 * The network view of a coordination result: pairs at or above `minWeight` (both directions
 * merged, self-loops left out), at most `maxNodes` accounts (clustered ones first, then by score
 * and partners) and `maxEdges` pairs (significant first, then by weight).
 *
 * Layout without iterations, so 10,000 accounts are placed in milliseconds and the browser only
 * draws: each cluster is a sunflower disc (strongest accounts at its centre), discs are packed on
 * a spiral, and accounts in no cluster (pairs that chance explains) fill a ring around them.
 */
export function graphView(r: CoordinationResult, opts: { minWeight: number; maxNodes: number; maxEdges: number }): GraphView {
  const ids = r.network.table.userIds;
  const scored = new Map<number, boolean>();
  const n = ids.length;
  for (const e of r.scored) if (e.significant) scored.set(Math.min(e.from, e.to) * n + Math.max(e.from, e.to), true);
  const pairs = new Map<number, number>();
  const { from, to, weight } = r.network.edges;
  for (let e = 0; e < from.length; e++) {
    if (from[e] === to[e] || weight[e] < opts.minWeight) continue;
    const k = Math.min(from[e], to[e]) * n + Math.max(from[e], to[e]);
    pairs.set(k, Math.max(pairs.get(k) ?? 0, weight[e]));
  }
  const degree = new Map<number, number>();
  for (const k of pairs.keys()) {
    const a = Math.floor(k / n);
    const b = k % n;
    degree.set(a, (degree.get(a) ?? 0) + 1);
    degree.set(b, (degree.get(b) ?? 0) + 1);
  }
  const acc = new Map(r.accounts.map((a) => [a.account, a]));
  const totalNodes = degree.size;
  const chosen = [...degree.keys()]
    .sort((a, b) => {
      const ca = acc.get(a)?.cluster ? 1 : 0;
      const cb = acc.get(b)?.cluster ? 1 : 0;
      return cb - ca || (acc.get(b)?.score ?? 0) - (acc.get(a)?.score ?? 0) || (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || a - b;
    })
    .slice(0, opts.maxNodes);
  const indexOf = new Map(chosen.map((u, i) => [u, i]));

  const edgeList: Array<[number, number, number, 0 | 1]> = [];
  for (const [k, w] of pairs) {
    const a = indexOf.get(Math.floor(k / n));
    const b = indexOf.get(k % n);
    if (a === undefined || b === undefined) continue;
    edgeList.push([a, b, w, scored.has(k) ? 1 : 0]);
  }
  edgeList.sort((x, y) => y[3] - x[3] || y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
  const edges = edgeList.slice(0, opts.maxEdges);
  const viewDegree = new Int32Array(chosen.length);
  for (const [a, b] of edges) {
    viewDegree[a]++;
    viewDegree[b]++;
  }

  // Group members by cluster; the unclustered go last.
  const byCluster = new Map<number, number[]>();
  const loose: number[] = [];
  chosen.forEach((u, i) => {
    const c = acc.get(u)?.cluster;
    if (!c) loose.push(i);
    else {
      const list = byCluster.get(c);
      if (list) list.push(i);
      else byCluster.set(c, [i]);
    }
  });
  const nodes: GraphNode[] = chosen.map((u, i) => ({ id: ids[u], x: 0, y: 0, cluster: acc.get(u)?.cluster ?? 0, score: acc.get(u)?.score ?? 0, degree: viewDegree[i] }));
  const groups = [...byCluster].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const centres = packDiscs(groups.map(([, m]) => discRadius(m.length)));
  const clusterInfo = new Map(r.clusters.map((c) => [c.cluster, c]));
  const clusters: GraphView['clusters'] = [];
  let extent = 0;
  groups.forEach(([c, members], gi) => {
    const { x, y } = centres[gi];
    members.sort((a, b) => nodes[b].score - nodes[a].score || nodes[b].degree - nodes[a].degree || a - b);
    phyllotaxis(members.length, x, y).forEach(([px, py], k) => {
      nodes[members[k]].x = px;
      nodes[members[k]].y = py;
    });
    const rad = discRadius(members.length);
    extent = Math.max(extent, Math.hypot(x, y) + rad);
    clusters.push({ cluster: c, size: members.length, score: clusterInfo.get(c)?.score ?? 0, x: round(x), y: round(y), r: round(rad) });
  });
  loose.sort((a, b) => nodes[b].degree - nodes[a].degree || a - b);
  phyllotaxis(loose.length, 0, 0, extent > 0 ? extent + GAP * 2 : 0).forEach(([px, py], k) => {
    nodes[loose[k]].x = px;
    nodes[loose[k]].y = py;
  });
  for (const node of nodes) {
    node.x = round(node.x);
    node.y = round(node.y);
  }
  return { type: r.network.type, window: r.network.window, minWeight: opts.minWeight, totalNodes, totalEdges: pairs.size, nodes, edges, clusters };
}

const round = (v: number) => Math.round(v * 100) / 100;
