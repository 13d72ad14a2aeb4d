import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getArtifacts, listDeployments } from '../../blur/index.ts';
import { NotFoundError } from '../../core/errors.ts';
import { getLeakReport, listLeakReports, renderReport, type ItemResult, type ScanSummary } from '../../leaks/index.ts';
import { deploymentTouches, listSensorEvents, sensorTimeline } from '../../sensors/index.ts';
import { fromJson } from '../../store/index.ts';
import type { AppContext } from '../context.ts';
import { idParams, q, route } from '../http.ts';

/** Sensor feed, deployments with their last touch, leak reports. */
export default function sensorsRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'GET',
    url: '/sensors/events',
    summary: 'Latest sensor events (beacons, portal logins, log lines, DNS lookups), newest first',
    tag: 'sensors',
    access: 'viewer',
    query: z.object({ limit: q.limit(1000, 100), kind: z.enum(['beacon', 'portal', 'log', 'dns']).optional(), deployment: z.string().max(100).optional(), before: z.string().max(40).optional() }),
    async handler({ query }) {
      const rows = await listSensorEvents(ctx.store.db, { limit: query.limit, kind: query.kind, deploymentId: query.deployment, before: query.before });
      // The decoy's title and kind, so the feed says "the budget document" rather than an id.
      const arts = new Map((await getArtifacts(ctx.store.db, [...new Set(rows.flatMap((r) => (r.artifact_id ? [r.artifact_id] : [])))])).map((a) => [a.id, a]));
      return {
        events: rows.map((r) => {
          const a = r.artifact_id ? arts.get(r.artifact_id) : undefined;
          return { ...r, headers: fromJson<Record<string, string>>(r.headers, {}), scanner: r.scanner === 1, honey_password: r.honey_password === 1, decoy: a ? { title: a.title, kind: a.kind } : null };
        }),
      };
    },
  });

  route(api, {
    method: 'GET',
    url: '/sensors/timeline',
    summary: 'Decoy touches per day and sensor kind (scanners excluded), ending on the latest touch unless `until` is given',
    tag: 'sensors',
    access: 'viewer',
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30), until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => !Number.isNaN(Date.parse(v)), 'not a date').optional() }),
    async handler({ query }) {
      return sensorTimeline(ctx.store.db, { days: query.days, until: query.until });
    },
  });

  route(api, {
    method: 'GET',
    url: '/sensors/deployments',
    summary: 'Decoy deployments with the last time one of their decoys was touched',
    tag: 'sensors',
    access: 'viewer',
    async handler() {
      const [deps, touches] = await Promise.all([listDeployments(ctx.store.db), deploymentTouches(ctx.store.db)]);
      const by = new Map(touches.map((t) => [t.deploymentId, t]));
      return { deployments: deps.map((d) => ({ id: d.id, label: d.label, status: d.status, personas: d.personas, createdAt: d.created_at, deployedAt: d.deployed_at, lastTouch: by.get(d.id)?.lastTouch ?? null, touches: by.get(d.id)?.touches ?? 0 })) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/leaks/reports',
    summary: 'Stored leak scan reports (summaries)',
    tag: 'leaks',
    access: 'viewer',
    query: z.object({ limit: q.limit(200, 50) }),
    async handler({ query }) {
      const rows = await listLeakReports(ctx.store.db, query.limit);
      return { reports: rows.map((r) => ({ id: r.id, createdAt: r.created_at, paths: fromJson<string[]>(r.paths, []), summary: fromJson<ScanSummary | null>(r.summary, null) })) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/leaks/reports/:id',
    summary: 'One leak report: items (JSON) or the self-contained HTML page (?format=html)',
    tag: 'leaks',
    access: 'viewer',
    params: idParams,
    query: z.object({ format: z.enum(['json', 'html']).default('json') }),
    async handler({ params, query, reply }) {
      const r = await getLeakReport(ctx.store.db, params.id);
      if (!r) throw NotFoundError('leaks.report_not_found', 'No such leak report');
      const items = fromJson<ItemResult[]>(r.items, []);
      const summary = fromJson<ScanSummary>(r.summary, { items: 0, bytes: 0, seconds: 0, counts: { decoy: 0, 'tampered-decoy': 0, genuine: 0, unverified: 0, unrelated: 0, error: 0 } });
      if (query.format === 'html') {
        // The report is static HTML with no script or outside resource; it still gets a strict CSP.
        return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(renderReport(items, summary, { paths: fromJson<string[]>(r.paths, []) }));
      }
      return { id: r.id, createdAt: r.created_at, paths: fromJson<string[]>(r.paths, []), summary, items };
    },
  });
}
