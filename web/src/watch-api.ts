/** Influence watch API (issue 9): types mirror src/watch; every call goes through the shared client. */
import { qs, request } from './api.ts';

export const NETWORK_TYPES = ['corepost', 'colink', 'cohashtag', 'cotext', 'cosimilar', 'coreply'] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

export interface NetworkQuery {
  type: NetworkType;
  window: string;
  minWeight: number;
}

export interface Burst {
  kind: 'hashtag' | 'url' | 'domain' | 'term';
  term: string;
  at: string;
  count: number;
  baselineMedian: number;
  z: number;
  growth: number;
  coordinatedShare: number;
  youngShare: number;
  topAccounts: Array<{ account: string; posts: number }>;
}

export interface Timeline {
  bucketSeconds: number;
  start: string | null;
  posts: number[];
  coordinated: number[];
  bursts: Burst[];
}

export interface GraphNode {
  id: string;
  x: number;
  y: number;
  cluster: number;
  score: number;
  degree: number;
}

export interface GraphView {
  type: NetworkType;
  window: number;
  minWeight: number;
  totalNodes: number;
  totalEdges: number;
  nodes: GraphNode[];
  /** [source index, target index, weight, significant 0/1]. */
  edges: Array<[number, number, number, 0 | 1]>;
  clusters: Array<{ cluster: number; size: number; score: number; x: number; y: number; r: number }>;
}

export interface PairEvidence {
  user_1: string;
  user_2: string;
  type: NetworkType;
  window: number;
  weight: number;
  lift: number | null;
  log10p: number | null;
  significant: boolean;
  shared: Array<{ key: string; pairs: Array<{ m1: string; m2: string; gap: number }> }>;
}

export interface Narrative {
  id: string;
  label: string;
  posts: number;
  accounts: number;
  firstSeen: string;
  lastSeen: string;
  patientZero: Array<{ account: string; post: string; at: string }>;
  amplifiers: Array<{ account: string; posts: number; coordinated: boolean }>;
  reach: number;
  inflation: number;
  urls: string[];
  hashtags: string[];
}

export interface EvidencePost {
  id: string;
  platform: string;
  account: string;
  handle: string | null;
  followers: number | null;
  at: string;
  text: string;
  urls: string[];
  repostOf: string | null;
  coordinated: boolean;
}

export interface NarrativeDetail {
  narrative: Narrative;
  evidence: EvidencePost[];
  series: { bucketSeconds: number; start: string | null; posts: number[]; coordinated: number[] };
  coordinatedAccounts: number;
}

export interface SourceReport {
  id: string;
  name: string;
  kind: 'outlet' | 'account';
  labels: string[];
  domains: string[];
  summary: string;
  slant: Array<{ entity: string; mentions: number; mean: number; positive: number; negative: number; examples: Array<{ sentence: string; score: number; post: string; at: string }> }>;
}

export const watchApi = {
  timeline: (bucket: number) => request<Timeline>('GET', `/watch/timeline${qs({ bucket })}`),
  graph: (q: NetworkQuery & { maxNodes?: number; maxEdges?: number }) => request<GraphView>('GET', `/watch/graph${qs({ ...q })}`),
  evidence: (q: NetworkQuery & { user_1: string; user_2: string }) =>
    request<PairEvidence>('GET', `/watch/evidence${qs({ type: q.type, window: q.window, user_1: q.user_1, user_2: q.user_2 })}`),
  narratives: (limit = 100) => request<{ items: Narrative[] }>('GET', `/watch/narratives${qs({ limit })}`),
  narrative: (id: string) => request<NarrativeDetail>('GET', `/watch/narrative${qs({ id })}`),
  sources: (lang: 'fr' | 'en') => request<{ items: SourceReport[] }>('GET', `/watch/sources${qs({ lang })}`),
  /** A download link (the session cookie authenticates it). */
  exportUrl: (format: 'gexf' | 'graphml' | 'csv', q: NetworkQuery) => `/api/v1/watch/export${qs({ format, ...q })}`,
};

/** A live connector's status (src/watch/connectors/repo.ts ConnectorStatus). */
export interface ConnectorStatus {
  id: string;
  name: string;
  platform: ConnectorPlatform;
  enabled: boolean;
  state: 'idle' | 'running' | 'backoff' | 'error' | 'stopped';
  detail: string | null;
  watching: { fr: string; en: string };
  options: Record<string, unknown>;
  credentials: string[];
  postsTotal: number;
  eventsTotal: number;
  skipped: Record<string, number>;
  reconnects: number;
  rate: number;
  lagSeconds: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastEventAt: string | null;
  connectedAt: string | null;
  runningOn: string | null;
  updatedAt: string;
}
export const CONNECTOR_PLATFORMS = ['bluesky', 'mastodon', 'x', 'telegram', 'youtube'] as const;
export type ConnectorPlatform = (typeof CONNECTOR_PLATFORMS)[number];
export interface PlatformInfo {
  platform: ConnectorPlatform;
  title: { fr: string; en: string };
  limits: { fr: string; en: string };
  credentials: Array<{ key: string; label: { fr: string; en: string }; required: boolean }>;
}

export const connectorsApi = {
  list: () => request<{ items: ConnectorStatus[]; platforms: PlatformInfo[] }>('GET', '/watch/connectors'),
  save: (body: { name: string; platform: string; options: Record<string, unknown>; secrets?: Record<string, string>; enabled?: boolean }) => request<{ connector: ConnectorStatus }>('POST', '/watch/connectors', body),
  setEnabled: (id: string, enabled: boolean) => request<{ connector: ConnectorStatus }>('POST', `/watch/connectors/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`),
  remove: (id: string) => request<{ ok: true }>('DELETE', `/watch/connectors/${encodeURIComponent(id)}`),
};
