import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { audit, type Actor } from '../access/index.ts';
import { raiseAlert } from '../alerts/index.ts';
import { NotFoundError, TooLargeError } from '../core/errors.ts';
import { t, type Lang } from '../core/i18n.ts';
import type { Db, Store } from '../store/index.ts';
import { detectBursts, type Burst, type BurstOptions } from './bursts.ts';
import { ingestJsonLine, ingestText, PostCollector, type ColumnMap, type IngestFormat } from './ingest/formats.ts';
import './messages.ts';
import { buildNarratives, type Narrative } from './narratives.ts';
import { coordinationNetwork, DEFAULT_WINDOW, detectCoordination, edgesAtLeast, evidenceFor, type CoordinationResult, type NetworkType } from './networks/index.ts';
import type { Post } from './post.ts';
import { graphView, type GraphView } from './graph.ts';
import { listSources, loadPosts, savePosts, upsertSource } from './repo.ts';
import { DEFAULT_OUTLETS, describeSlant, sourceSlant, type SourceSlant } from './stance.ts';
import { volumeSeries, type VolumeSeries } from './timeline.ts';

/** Largest CSV file `watch ingest` reads at once (JSON lines are streamed, without limit). */
export const MAX_CSV_FILE_BYTES = 256 * 1024 * 1024;
const BATCH = 5000;

export interface IngestSummary {
  file: string;
  rows: number;
  inserted: number;
  duplicates: number;
  truncated: number;
  issueCount: number;
  issues: Array<{ line: number; message: string }>;
}

/** Ingests posts already parsed and stores them; audit entry included. */
export async function storePosts(store: Store, actor: Actor, label: string, collector: PostCollector): Promise<IngestSummary> {
  const r = collector.result();
  const { inserted } = await savePosts(store, r.posts);
  await audit(store.db, actor, 'watch.ingest', label, { rows: r.rows, inserted, issues: r.issueCount });
  return { file: label, rows: r.rows, inserted, duplicates: r.duplicates + (r.posts.length - inserted), truncated: r.truncated, issueCount: r.issueCount, issues: r.issues };
}

/**
 * Reads, canonicalises and stores one file. JSON lines are streamed and stored in batches, so a
 * file of any size runs in bounded memory; CSV files are read whole (at most MAX_CSV_FILE_BYTES).
 */
export async function ingestFile(store: Store, actor: Actor, file: string, format: IngestFormat, map?: ColumnMap, onProgress?: (bytes: number) => void): Promise<IngestSummary> {
  const size = statSync(file).size;
  if (format !== 'jsonl') {
    if (size > MAX_CSV_FILE_BYTES) throw TooLargeError('watch.file_too_large', `${file} is larger than ${MAX_CSV_FILE_BYTES} bytes: split it, or convert it to JSON lines`);
    const collector = new PostCollector();
    ingestText(readFileSync(file, 'utf8'), format, { map, collector });
    return storePosts(store, actor, file, collector);
  }
  const seen = new Set<string>();
  const total: IngestSummary = { file, rows: 0, inserted: 0, duplicates: 0, truncated: 0, issueCount: 0, issues: [] };
  let collector = new PostCollector(seen);
  const flush = async () => {
    const r = collector.result();
    const { inserted } = await savePosts(store, r.posts);
    total.rows += r.rows;
    total.inserted += inserted;
    total.duplicates += r.duplicates + (r.posts.length - inserted);
    total.truncated += r.truncated;
    total.issueCount += r.issueCount;
    total.issues.push(...r.issues.slice(0, Math.max(0, 1000 - total.issues.length)));
    collector = new PostCollector(seen);
  };
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    ingestJsonLine(line, ++lineNo, collector);
    if (collector.rows >= BATCH) {
      await flush();
      onProgress?.(stream.bytesRead);
    }
  }
  await flush();
  await audit(store.db, actor, 'watch.ingest', file, { rows: total.rows, inserted: total.inserted, issues: total.issueCount });
  return total;
}

export interface CoordinationQuery {
  type: NetworkType;
  window: number | 'auto';
  minWeight: number;
  since?: string;
  until?: string;
  similarity?: number;
}

/** Loads the posts of a period and computes one coordination network with clusters. */
export async function coordinationFromStore(db: Db, q: CoordinationQuery): Promise<CoordinationResult> {
  const posts = await loadPosts(db, { since: q.since, until: q.until });
  return coordinationOf(posts, q);
}

export function coordinationOf(posts: readonly Post[], q: CoordinationQuery): CoordinationResult {
  const net = coordinationNetwork(posts, q.type, q.window, { similarity: q.similarity });
  // Clusters never rest on fewer than 3 shared keys per pair (the evaluation's default), whatever --min-weight shows.
  return detectCoordination(net, { minWeight: Math.max(q.minWeight, 3) });
}

/** JSON view of a coordination result: QUT edges at or above min weight, then clusters with evidence. */
export function coordinationView(r: CoordinationResult, minWeight: number, evidencePerCluster = 3) {
  const ids = r.network.table.userIds;
  return {
    type: r.network.type,
    window: r.network.window,
    windowEstimate: r.network.windowEstimate,
    edges: edgesAtLeast(r.network, minWeight, true),
    clusters: r.clusters.map((c) => {
      const members = new Set(c.members);
      const strongest = r.scored.filter((e) => e.significant && members.has(e.from) && members.has(e.to)).sort((a, b) => a.log10p - b.log10p).slice(0, evidencePerCluster);
      return {
        cluster: c.cluster,
        accounts: c.members.map((m) => ids[m]),
        score: c.score,
        evidence: strongest.map((e) => ({
          user_1: ids[e.from], user_2: ids[e.to], weight: e.weight, expected: Math.round(e.expected * 1000) / 1000, lift: Math.round(e.lift * 10) / 10, log10p: Math.round(e.log10p * 10) / 10,
          shared: evidenceFor(r.network, ids[e.from], ids[e.to], 5),
        })),
      };
    }),
    accounts: r.accounts.slice(0, 500).map((a) => ({ account: ids[a.account], score: a.score, partners: a.partners, cluster: a.cluster })),
  };
}

/** Accounts in co-repost clusters of the period (the default coordination read for bursts and narratives). */
export function coordinatedAccounts(posts: readonly Post[]): Set<string> {
  const r = coordinationOf(posts, { type: 'corepost', window: DEFAULT_WINDOW, minWeight: 3 });
  return new Set(r.clusters.flatMap((c) => c.members.map((m) => r.network.table.userIds[m])));
}

/** Bursts of the period; with `alert`, one alert per burst (deduplicated per term and hour). */
export async function burstsFromStore(store: Store, opts: BurstOptions & { since?: string; until?: string; alert?: boolean; lang?: Lang } = {}): Promise<Burst[]> {
  const posts = await loadPosts(store.db, { since: opts.since, until: opts.until });
  const bursts = detectBursts(posts, { ...opts, coordinated: opts.coordinated ?? coordinatedAccounts(posts) });
  if (opts.alert) {
    for (const b of bursts.slice(0, 20)) {
      const severity = b.coordinatedShare >= 0.3 || b.youngShare >= 0.5 ? 'high' : 'medium';
      await raiseAlert(store, {
        source: 'watch',
        severity,
        title: t(opts.lang ?? 'fr', 'watch.burst.title', { term: b.term, growth: b.growth, minutes: Math.round((opts.bucketSeconds ?? 3600) / 60), coordinated: Math.round(b.coordinatedShare * 100), young: Math.round(b.youngShare * 100) }),
        details: { ...b },
        dedupKey: `watch:burst:${b.kind}:${b.term}:${b.at}`,
        dedupWindowMs: 7 * 86400_000,
      });
    }
  }
  return bursts;
}

export async function narrativesFromStore(db: Db, opts: { since?: string; until?: string; limit?: number } = {}): Promise<Narrative[]> {
  // The limit is on narratives, not on the posts they are built from.
  const posts = await loadPosts(db, { since: opts.since, until: opts.until });
  return buildNarratives(posts, { coordinated: coordinatedAccounts(posts), limit: opts.limit });
}

/** Volume per bucket (all posts and coordinated accounts' posts) with the bursts of the period, strongest first. */
export async function timelineFromStore(db: Db, opts: { bucketSeconds: number; since?: string; until?: string; maxBursts?: number }): Promise<VolumeSeries & { bursts: Burst[] }> {
  const posts = await loadPosts(db, opts);
  const coordinated = coordinatedAccounts(posts);
  const series = volumeSeries(posts, { bucketSeconds: opts.bucketSeconds, coordinated });
  const bursts = detectBursts(posts, { bucketSeconds: series.bucketSeconds, coordinated }).slice(0, opts.maxBursts ?? 100);
  return { ...series, bursts };
}

/** Longest text kept per post in a narrative's evidence: enough to read, not a megabyte "tweet". */
const EVIDENCE_TEXT = 500;

/** One narrative with its evidence: the posts behind it (earliest first) and who posted them. */
export async function narrativeFromStore(db: Db, id: string, opts: { since?: string; until?: string } = {}) {
  const posts = await loadPosts(db, opts);
  const coordinated = coordinatedAccounts(posts);
  const narrative = buildNarratives(posts, { coordinated, limit: Number.MAX_SAFE_INTEGER }).find((n) => n.id === id);
  if (!narrative) throw NotFoundError('watch.narrative_not_found', `No narrative ${id.slice(0, 100)} in this period`);
  const byId = new Map(posts.map((p) => [p.id, p]));
  const evidence = narrative.postIds.flatMap((pid) => {
    const p = byId.get(pid);
    if (!p) return [];
    return [{
      id: p.id, platform: p.platform, account: p.author.id, handle: p.author.handle ?? null, followers: p.author.followers ?? null, at: p.created_at,
      text: p.text.length > EVIDENCE_TEXT ? `${p.text.slice(0, EVIDENCE_TEXT)}…` : p.text, urls: p.urls.slice(0, 5), repostOf: p.repost_of ?? null, coordinated: coordinated.has(p.author.id),
    }];
  });
  const series = volumeSeries(evidence.map((e) => byId.get(e.id) as Post), { bucketSeconds: 600, coordinated, maxBuckets: 500 });
  return { narrative, evidence, series, coordinatedAccounts: new Set(evidence.filter((e) => e.coordinated).map((e) => e.account)).size };
}

/** The network view for the dashboard: a bounded graph with positions (see graphView). */
export async function graphFromStore(db: Db, q: CoordinationQuery & { maxNodes: number; maxEdges: number }): Promise<GraphView> {
  const r = await coordinationFromStore(db, q);
  return graphView(r, { minWeight: q.minWeight, maxNodes: q.maxNodes, maxEdges: q.maxEdges });
}

/** Why two accounts are linked: weights both ways, the chance test, and the shared items with time gaps. */
export async function pairEvidenceFromStore(db: Db, q: CoordinationQuery & { user1: string; user2: string; limit: number }) {
  const r = await coordinationFromStore(db, q);
  const ids = r.network.table.userIds;
  const scored = r.scored.filter((e) => (ids[e.from] === q.user1 && ids[e.to] === q.user2) || (ids[e.from] === q.user2 && ids[e.to] === q.user1));
  const weightOf = (a: string, b: string) => {
    const { from, to, weight } = r.network.edges;
    for (let e = 0; e < from.length; e++) if (ids[from[e]] === a && ids[to[e]] === b) return weight[e];
    return 0;
  };
  const best = scored.sort((a, b) => a.log10p - b.log10p)[0];
  return {
    user_1: q.user1, user_2: q.user2, type: r.network.type, window: r.network.window,
    weight: Math.max(weightOf(q.user1, q.user2), weightOf(q.user2, q.user1)),
    lift: best ? Math.round(best.lift * 10) / 10 : null, log10p: best ? Math.round(best.log10p * 10) / 10 : null, significant: best?.significant ?? false,
    shared: evidenceFor(r.network, q.user1, q.user2, q.limit),
  };
}

/** Registry outlets with their labels and slant per tracked entity. */
export async function sourcesReport(db: Db, opts: { since?: string; until?: string; lang?: Lang } = {}) {
  const [sources, posts] = await Promise.all([listSources(db), loadPosts(db, opts)]);
  const byDomain = new Map<string, string>();
  const byHandle = new Map<string, string>();
  for (const s of sources) {
    for (const d of s.domains) byDomain.set(d.toLowerCase(), s.id);
    for (const h of s.handles) byHandle.set(h.toLowerCase(), s.id);
  }
  const sourceOf = (p: Post) => {
    if (p.source && sources.some((s) => s.id === p.source)) return p.source;
    const h = p.author.handle?.toLowerCase();
    if (h && byHandle.has(h)) return byHandle.get(h);
    for (const u of p.urls) {
      try {
        const host = new URL(u).hostname.replace(/^www\./, '');
        if (byDomain.has(host)) return byDomain.get(host);
      } catch {
        /* not a URL */
      }
    }
    return undefined;
  };
  const slant = sourceSlant(posts, undefined, sourceOf);
  return sources.map((s) => {
    const rows: SourceSlant[] = slant.filter((r) => r.source === s.id);
    return { ...s, summary: describeSlant(rows, opts.lang ?? 'fr'), slant: rows };
  });
}

/** Loads the 2017 outlets (RT France, Sputnik France as state-affiliated, Le Monde, AFP) into the registry. */
export async function initDefaultSources(db: Db): Promise<number> {
  for (const o of DEFAULT_OUTLETS) await upsertSource(db, o);
  return DEFAULT_OUTLETS.length;
}
