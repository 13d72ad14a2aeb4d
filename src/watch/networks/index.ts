import type { Post } from '../post.ts';
import { estimateWindow, type WindowEstimate } from './auto-window.ts';
import { detectClusters, type AccountCoordination, type Cluster } from './clusters.ts';
import { computeEdges, edgeEvidence, PAIR_LIMITS, sortOccurrences, userKeys, windowPairs, type EdgeEvidence, type EdgeList, type SortedOccurrences, type UserKeys } from './engine.ts';
import { networkKinds } from './registry.ts';
import { scoreEdges, type ScoredEdge, type SignificanceOptions } from './significance.ts';
import { buildTable, type PostTable } from './table.ts';
import type { NetworkOptions, NetworkType } from './types.ts';

export { buildTable, type PostTable } from './table.ts';
export { NETWORK_TYPES, type NetworkType, type NetworkOptions } from './types.ts';
export type { EdgeList, EdgeEvidence } from './engine.ts';
export type { ScoredEdge, SignificanceOptions } from './significance.ts';
export type { Cluster, AccountCoordination } from './clusters.ts';
export type { WindowEstimate } from './auto-window.ts';
export { estimateWindow } from './auto-window.ts';
export { scoreEdges, poissonUpperLog10 } from './significance.ts';
export { detectClusters, edgeStrength } from './clusters.ts';

/** QUT's default window is 60 s (its CLI examples); CooRTweet uses 10 s. */
export const DEFAULT_WINDOW = 60;

/** A computed coordination network: every edge with weight ≥ 1 (self-loops included). */
export interface CoordinationNetwork {
  type: NetworkType;
  window: number;
  windowEstimate?: WindowEstimate;
  table: PostTable;
  sorted: SortedOccurrences;
  edges: EdgeList;
  /** Built on first evidence request. */
  userKeys?: UserKeys;
  /** Account id → index. */
  userIndex?: Map<string, number>;
}

/** Builds the network of one type over a window in seconds, or 'auto' (CooRnet's estimate). */
export function coordinationNetwork(input: PostTable | readonly Post[], type: NetworkType, window: number | 'auto' = DEFAULT_WINDOW, opts: NetworkOptions = {}): CoordinationNetwork {
  const table = 'userIds' in input ? input : buildTable(input);
  const occ = networkKinds[type].occurrences(table, opts);
  const sorted = sortOccurrences(table, occ);
  const windowEstimate = window === 'auto' ? estimateWindow(table, sorted) : undefined;
  // The auto window never picks a window whose pairs exceed the budget: halved until they fit.
  if (windowEstimate) {
    const first = windowEstimate.window;
    const budget = Math.min(PAIR_LIMITS.maxPairs / 2, PAIR_LIMITS.maxEdges);
    while (windowEstimate.window > 1 && windowPairs(table, sorted, windowEstimate.window, budget) > budget) windowEstimate.window = Math.max(1, Math.floor(windowEstimate.window / 2));
    if (windowEstimate.window !== first) windowEstimate.reducedFrom = first;
  }
  const w = windowEstimate ? windowEstimate.window : (window as number);
  return { type, window: w, windowEstimate, table, sorted, edges: computeEdges(table, sorted, w) };
}

/** The edges at or above `minWeight`, with or without self-loops, as account ids. */
export function edgesAtLeast(net: CoordinationNetwork, minWeight = 1, loops = true): Array<{ user_1: string; user_2: string; weight: number }> {
  const out: Array<{ user_1: string; user_2: string; weight: number }> = [];
  const { from, to, weight } = net.edges;
  for (let e = 0; e < from.length; e++) {
    if (weight[e] < minWeight || (!loops && from[e] === to[e])) continue;
    out.push({ user_1: net.table.userIds[from[e]], user_2: net.table.userIds[to[e]], weight: weight[e] });
  }
  return out;
}

/** Accounts with at least one edge ≥ minWeight (QUT's node count of the loaded graph). */
export function nodesAtLeast(net: CoordinationNetwork, minWeight = 1, loops = true): string[] {
  const s = new Set<string>();
  for (const e of edgesAtLeast(net, minWeight, loops)) {
    s.add(e.user_1);
    s.add(e.user_2);
  }
  return [...s].sort();
}

/** Self-loops reported apart: an account repeating the same key within the window. */
export function selfLoops(net: CoordinationNetwork, minWeight = 1): Array<{ user: string; weight: number }> {
  return edgesAtLeast(net, minWeight, true)
    .filter((e) => e.user_1 === e.user_2)
    .map((e) => ({ user: e.user_1, weight: e.weight }));
}

/** What Rempart calls coordinated in one network: significant edges, clusters, account scores. */
export interface CoordinationResult {
  network: CoordinationNetwork;
  scored: ScoredEdge[];
  clusters: Cluster[];
  accounts: AccountCoordination[];
}

export function detectCoordination(net: CoordinationNetwork, opts: SignificanceOptions = {}): CoordinationResult {
  const scored = scoreEdges(net.edges, opts);
  const { clusters, accounts } = detectClusters(scored);
  return { network: net, scored, clusters, accounts };
}

/** The shared items and time gaps behind one edge, by account ids. */
export function evidenceFor(net: CoordinationNetwork, user1: string, user2: string, limit = 20): EdgeEvidence[] {
  net.userIndex ??= new Map(net.table.userIds.map((id, i) => [id, i]));
  const u1 = net.userIndex.get(user1);
  const u2 = net.userIndex.get(user2);
  if (u1 === undefined || u2 === undefined) return [];
  net.userKeys ??= userKeys(net.table, net.sorted);
  return edgeEvidence(net.table, net.sorted, net.window, u1, u2, limit, net.userKeys);
}
