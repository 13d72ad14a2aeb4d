import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../core/errors.ts';
import {
  burstsFromStore, coordinationFromStore, coordinationView, graphFromStore, ingestText, INGEST_FORMATS, narrativeFromStore, narrativesFromStore, NETWORK_TYPES, pairEvidenceFromStore, parseColumnMap,
  PostCollector, sourcesReport, storePosts, timelineFromStore, toCsv, toGexf, toGraphml,
} from '../../watch/index.ts';
import type { AppContext } from '../context.ts';
import { route } from '../http.ts';

const period = { since: z.string().max(40).optional(), until: z.string().max(40).optional() };
const MAX_BODY = 50 * 1024 * 1024;
const network = { type: z.enum(NETWORK_TYPES).default('corepost'), window: z.string().max(12).default('60') };

/** Seconds (0 to 30 days) or "auto" (CooRnet's estimate). */
function parseWindow(w: string): number | 'auto' {
  if (w === 'auto') return 'auto';
  const n = Number(w);
  if (!(Number.isFinite(n) && n >= 0 && n <= 30 * 86400)) throw ValidationError('watch.bad_window', 'window is seconds (0 to 30 days) or "auto"');
  return n;
}

/** What each export format is sent as. */
const EXPORTS = {
  gexf: { type: 'application/gexf+xml; charset=utf-8', ext: 'gexf', write: toGexf },
  graphml: { type: 'application/graphml+xml; charset=utf-8', ext: 'graphml', write: toGraphml },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv', write: toCsv },
} as const;

export default function watchRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'POST',
    url: '/watch/posts',
    summary: 'Ingest posts: canonical JSON objects, or a text body in jsonl, qut-csv or csv (with a column map); bad rows are reported per line',
    tag: 'watch',
    access: 'analyst',
    bodyLimit: MAX_BODY,
    body: z.union([
      z.object({ posts: z.array(z.record(z.string(), z.unknown())).max(100_000) }),
      z.object({ format: z.enum(INGEST_FORMATS as unknown as ['jsonl', 'qut-csv', 'csv']), data: z.string().max(MAX_BODY), map: z.string().max(2000).optional() }),
    ]),
    async handler({ body, actor }) {
      const collector = new PostCollector();
      if ('posts' in body) body.posts.forEach((p, i) => collector.add(i + 1, p));
      else ingestText(body.data, body.format, { map: body.map ? parseColumnMap(body.map) : undefined, collector });
      return storePosts(ctx.store, actor, 'api', collector);
    },
  });

  route(api, {
    method: 'GET',
    url: '/watch/coordination',
    summary: 'Coordination network (QUT edge semantics) with clusters, account scores and evidence',
    tag: 'watch',
    access: 'viewer',
    query: z.object({
      type: z.enum(NETWORK_TYPES).default('corepost'),
      window: z.string().max(12).default('60'),
      minWeight: z.coerce.number().int().min(1).max(1_000_000).default(1),
      edges: z.enum(['all', 'clusters']).default('clusters'),
      ...period,
    }),
    async handler({ query }) {
      const r = await coordinationFromStore(ctx.store.db, { type: query.type, window: parseWindow(query.window), minWeight: query.minWeight, since: query.since, until: query.until });
      const view = coordinationView(r, query.minWeight);
      if (query.edges === 'clusters') {
        const inClusters = new Set(view.clusters.flatMap((c) => c.accounts));
        return { ...view, edgeCount: view.edges.length, edges: view.edges.filter((e) => inClusters.has(e.user_1) && inClusters.has(e.user_2)).slice(0, 50_000) };
      }
      return { ...view, edgeCount: view.edges.length, edges: view.edges.slice(0, 200_000) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/watch/clusters',
    summary: 'Coordinated clusters only, each with its strongest edges and the shared items and time gaps behind them',
    tag: 'watch',
    access: 'viewer',
    query: z.object({ type: z.enum(NETWORK_TYPES).default('corepost'), window: z.string().max(12).default('60'), ...period }),
    async handler({ query }) {
      // Bounded like every other window: a window of years would link every pair of accounts.
      const view = coordinationView(await coordinationFromStore(ctx.store.db, { type: query.type, window: parseWindow(query.window), minWeight: 2, since: query.since, until: query.until }), 2, 10);
      return { type: view.type, window: view.window, clusters: view.clusters };
    },
  });

  route(api, {
    method: 'GET',
    url: '/watch/bursts',
    summary: 'Bursts of hashtags, links, domains and terms, with who drives them',
    tag: 'watch',
    access: 'viewer',
    query: z.object({ bucket: z.coerce.number().int().min(60).max(86400).default(3600), ...period }),
    async handler({ query }) {
      return { items: await burstsFromStore(ctx.store, { bucketSeconds: query.bucket, since: query.since, until: query.until }) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/watch/narratives',
    summary: 'Narratives with first seen, patient zero candidates, amplifiers, reach and inflation ratio',
    tag: 'watch',
    access: 'viewer',
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), ...period }),
    async handler({ query }) {
      return { items: await narrativesFromStore(ctx.store.db, query) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/watch/sources',
    summary: 'Registered sources with labels and slant per tracked entity, with the sentences that carry it',
    tag: 'watch',
    access: 'viewer',
    query: z.object({ lang: z.enum(['fr', 'en']).default('fr'), ...period }),
    async handler({ query }) {
      return { items: await sourcesReport(ctx.store.db, query) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/watch/timeline',
    summary: 'Posts per time bucket (all and by coordinated accounts) with the bursts of the period; at most 2,000 buckets (the bucket widens)',
    tag: 'watch',
    access: 'viewer',
    query: z.object({ bucket: z.coerce.number().int().min(60).max(86400).default(3600), ...period }),
    async handler({ query }) {
      return timelineFromStore(ctx.store.db, { bucketSeconds: query.bucket, since: query.since, until: query.until });
    },
  });

  route(api, {
    method: 'GET',
    url: '/watch/graph',
    summary: 'Network view: accounts and pairs at or above minWeight with positions and cluster numbers, at most maxNodes accounts and maxEdges pairs',
    tag: 'watch',
    access: 'viewer',
    query: z.object({
      ...network,
      minWeight: z.coerce.number().int().min(1).max(1_000_000).default(1),
      maxNodes: z.coerce.number().int().min(1).max(20_000).default(10_000),
      maxEdges: z.coerce.number().int().min(0).max(100_000).default(50_000),
      ...period,
    }),
    async handler({ query }) {
      return graphFromStore(ctx.store.db, { ...query, window: parseWindow(query.window) });
    },
  });

  route(api, {
    method: 'GET',
    url: '/watch/evidence',
    summary: 'Why two accounts are linked: weights, chance test, and the shared items with the time gap of each pair of posts',
    tag: 'watch',
    access: 'viewer',
    query: z.object({ ...network, user_1: z.string().min(1).max(256), user_2: z.string().min(1).max(256), limit: z.coerce.number().int().min(1).max(100).default(20), ...period }),
    async handler({ query }) {
      return pairEvidenceFromStore(ctx.store.db, { type: query.type, window: parseWindow(query.window), minWeight: 1, since: query.since, until: query.until, user1: query.user_1, user2: query.user_2, limit: query.limit });
    },
  });

  route(api, {
    method: 'GET',
    // The id is in the query: it carries a post id (up to 256 characters, a feed item's URL), longer than a path segment may be.
    url: '/watch/narrative',
    summary: 'One narrative with its evidence: its posts, earliest first (200 at most), who posted them and whether they are coordinated',
    tag: 'watch',
    access: 'viewer',
    query: z.object({ id: z.string().min(1).max(300), ...period }),
    async handler({ query }) {
      return narrativeFromStore(ctx.store.db, query.id, { since: query.since, until: query.until });
    },
  });

  route(api, {
    method: 'GET',
    url: '/watch/export',
    summary: 'Download the coordination network as GEXF (Gephi), GraphML or CSV edges',
    tag: 'watch',
    access: 'viewer',
    query: z.object({ format: z.enum(['gexf', 'graphml', 'csv']), ...network, minWeight: z.coerce.number().int().min(1).max(1_000_000).default(2), ...period }),
    async handler({ query, reply }) {
      const r = await coordinationFromStore(ctx.store.db, { type: query.type, window: parseWindow(query.window), minWeight: query.minWeight, since: query.since, until: query.until });
      const f = EXPORTS[query.format];
      const name = `rempart-${query.type}-${new Date().toISOString().slice(0, 10)}.${f.ext}`;
      return reply.type(f.type).header('content-disposition', `attachment; filename="${name}"`).send(f.write(r, query.minWeight));
    },
  });
}
