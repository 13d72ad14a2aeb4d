import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../access/index.ts';
import { NotFoundError, ValidationError } from '../../core/errors.ts';
import {
  actorProfile,
  actorSummary,
  attribute,
  cachedIndicatorMatcher,
  currentKnowledge,
  decide,
  infrastructureEvidence,
  deleteIndicator,
  exportMispEvent,
  buildMispFeed,
  gatherMispExport,
  exportStixBundle,
  findActors,
  findingsFromAlerts,
  importIntelText,
  indicatorHits,
  INDICATOR_TYPES,
  listIndicators,
  OBSERVATION_TECHNIQUES,
  observedTechniques,
  retroMatch,
  techniqueId,
  techniquesForObservations,
  upsertIndicators,
} from '../../intel/index.ts';
import { loadOrgContext } from '../../org/index.ts';
import type { AppContext } from '../context.ts';
import { q, route } from '../http.ts';

const indicatorBody = z.object({
  type: z.string().max(20).default('auto'),
  value: z.string().min(1).max(2048),
  source: z.string().min(1).max(200),
  confidence: z.number().int().min(0).max(100).optional(),
  description: z.string().max(2000).nullish(),
  firstSeen: z.string().max(40).nullish(),
  lastSeen: z.string().max(40).nullish(),
  validUntil: z.string().max(40).nullish(),
});

const MAX_IMPORT = 64 * 1024 * 1024;

export default function intelRoutes(api: FastifyInstance, ctx: AppContext): void {
  const db = ctx.store.db;

  route(api, {
    method: 'GET',
    url: '/intel/actors',
    summary: 'Search intrusion sets by ATT&CK id, name or any alias (ATT&CK and MISP)',
    tag: 'intel',
    access: 'viewer',
    query: z.object({ q: z.string().max(100).optional(), limit: q.limit(500, 50) }),
    async handler({ query }) {
      const { knowledge } = await currentKnowledge(db);
      const groups = query.q ? findActors(knowledge, query.q) : knowledge.groups;
      return { total: groups.length, items: groups.slice(0, query.limit).map(actorSummary) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/intel/actors/:id',
    summary: 'An actor page: aliases, techniques with procedures, software, campaigns, victims',
    tag: 'intel',
    access: 'viewer',
    params: z.object({ id: z.string().min(1).max(100) }),
    async handler({ params }) {
      const { knowledge } = await currentKnowledge(db);
      const g = findActors(knowledge, params.id)[0];
      if (!g) throw NotFoundError('intel.actor_not_found', `No group called ${params.id}`);
      return actorProfile(knowledge, g);
    },
  });

  route(api, {
    method: 'GET',
    url: '/intel/observations',
    summary: 'How Rempart observations map to ATT&CK techniques',
    tag: 'intel',
    access: 'viewer',
    async handler() {
      return { items: Object.entries(OBSERVATION_TECHNIQUES).map(([kind, technique]) => ({ kind, technique })) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/intel/observed',
    summary: 'ATT&CK techniques seen in our own alerts (what attribution is run on), most seen first',
    tag: 'intel',
    access: 'viewer',
    query: z.object({
      since: z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)), 'not a timestamp').optional(),
      limit: q.limit(10_000, 5000),
    }),
    async handler({ query }) {
      const since = query.since ? new Date(query.since).toISOString() : undefined;
      const [findings, { knowledge }] = await Promise.all([findingsFromAlerts(db, { since, limit: query.limit }), currentKnowledge(db)]);
      return { scanned: findings.length, items: observedTechniques(findings, knowledge) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/intel/attribute',
    summary: 'Rank intrusion sets for observed techniques (or Rempart observations), with evidence',
    tag: 'intel',
    access: 'viewer',
    body: z.object({
      techniques: z.array(z.string().max(20)).max(100).default([]),
      observations: z.array(z.string().max(80)).max(100).default([]),
      victim: z.string().max(100).optional(),
      software: z.array(z.string().max(100)).max(50).default([]),
      indicators: z.array(z.string().max(2048)).max(1000).default([]),
      election: z.boolean().optional(),
      date: z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)), 'not a date').optional(),
      limit: z.number().int().min(1).max(200).default(10),
    }),
    async handler({ body }) {
      const bad = body.techniques.filter((t) => !techniqueId(t));
      if (bad.length) throw ValidationError('intel.bad_technique', `Not technique ids: ${bad.join(', ')}`);
      const obs = techniquesForObservations(body.observations);
      if (obs.unknown.length) throw ValidationError('intel.bad_observation', `Unknown observations: ${obs.unknown.join(', ')}`);
      const techniques = [...body.techniques, ...obs.techniques];
      if (!techniques.length && !body.software.length && !body.indicators.length) throw ValidationError('intel.no_technique', 'Give at least one technique, observation, software or indicator');
      const { model, knowledge } = await currentKnowledge(db);
      if (!model.groups.length) throw NotFoundError('intel.no_knowledge', 'No ATT&CK knowledge imported yet');
      const infra = infrastructureEvidence(knowledge, await cachedIndicatorMatcher(db), body.indicators);
      const all = attribute(model, techniques, { victim: body.victim, software: body.software, infrastructure: infra.evidence, election: body.election, date: body.date });
      const verdict = decide(model, all, { techniques: techniques.length, software: body.software.length, infrastructure: infra.evidence.length });
      return {
        techniques,
        verdict,
        infrastructure: { matched: infra.evidence.length, unmatched: infra.unmatched.length, untagged: infra.untagged.length, ambiguous: infra.ambiguous.length, skipped: infra.skipped },
        items: all.slice(0, body.limit),
      };
    },
  });

  route(api, {
    method: 'GET',
    url: '/intel/indicators',
    summary: 'Indicators of compromise',
    tag: 'intel',
    access: 'viewer',
    query: z.object({ type: z.enum(INDICATOR_TYPES).optional(), search: z.string().max(200).optional(), limit: q.limit(1000, 100), offset: z.coerce.number().int().min(0).max(10_000_000).default(0) }),
    async handler({ query }) {
      const [items, hits] = await Promise.all([listIndicators(db, query), indicatorHits(db)]);
      return { items: items.map((i) => ({ ...i, hits: hits(i.type, i.value) ?? null })) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/intel/indicators',
    summary: 'Add or merge indicators (same type, value and source are merged)',
    tag: 'intel',
    access: 'analyst',
    body: z.object({ indicators: z.array(indicatorBody).min(1).max(10_000) }),
    bodyLimit: 8 * 1024 * 1024,
    async handler({ body, actor }) {
      return ctx.store.transaction(async (trx) => {
        const rejected: string[] = [];
        const r = await upsertIndicators(trx, body.indicators, (i) => rejected.push(i.value.slice(0, 100)));
        await audit(trx, actor, 'intel.indicators_add', `${body.indicators.length} indicators`, { ...r });
        return { ...r, rejectedValues: rejected.slice(0, 100) };
      }).then(async (r) => ({ ...r, retroMatch: r.created + r.updated ? await retroMatch(ctx.store) : undefined }));
    },
  });

  route(api, {
    method: 'DELETE',
    url: '/intel/indicators/:id',
    summary: 'Delete an indicator',
    tag: 'intel',
    access: 'analyst',
    params: z.object({ id: z.string().min(1).max(100) }),
    async handler({ params, actor }) {
      await ctx.store.transaction(async (trx) => {
        if (!(await deleteIndicator(trx, params.id))) throw NotFoundError('intel.indicator_not_found', `No indicator ${params.id}`);
        await audit(trx, actor, 'intel.indicator_delete', params.id);
      });
      return { ok: true };
    },
  });

  route(api, {
    method: 'POST',
    url: '/intel/match',
    summary: 'Look observables up against the indicators',
    tag: 'intel',
    access: 'viewer',
    body: z.object({
      domains: z.array(z.string().max(300)).max(10_000).default([]),
      urls: z.array(z.string().max(4096)).max(10_000).default([]),
      ips: z.array(z.string().max(60)).max(10_000).default([]),
      emails: z.array(z.string().max(320)).max(10_000).default([]),
      hashes: z.array(z.string().max(128)).max(10_000).default([]),
    }),
    async handler({ body }) {
      const m = await cachedIndicatorMatcher(db);
      const hits = [
        ...body.domains.map((v) => ({ observed: v, match: m.matchDomain(v) })),
        ...body.urls.map((v) => ({ observed: v, match: m.matchUrl(v) })),
        ...body.ips.map((v) => ({ observed: v, match: m.matchIp(v) })),
        ...body.emails.map((v) => ({ observed: v, match: m.matchEmail(v) })),
        ...body.hashes.map((v) => ({ observed: v, match: m.matchHash(v) })),
      ].filter((h) => h.match);
      return { items: hits };
    },
  });

  route(api, {
    method: 'POST',
    url: '/intel/import',
    summary: 'Import a STIX bundle, MISP galaxy or event, or CSV indicator list (one transaction)',
    tag: 'intel',
    access: 'analyst',
    bodyLimit: MAX_IMPORT + 64 * 1024,
    body: z.object({
      name: z.string().min(1).max(200),
      format: z.enum(['auto', 'stix', 'misp-galaxy', 'misp-event', 'csv']).default('auto'),
      source: z.string().max(200).optional(),
      content: z.string().min(1).max(MAX_IMPORT),
    }),
    async handler({ body, actor }) {
      const r = await importIntelText(ctx.store, body.name, body.content, { format: body.format, source: body.source });
      await audit(db, actor, 'intel.import', body.name, { format: r.format, created: r.created, updated: r.updated, indicators: r.indicators.created });
      const retro = r.indicators.created + r.indicators.updated ? await retroMatch(ctx.store) : undefined;
      return { ...r, retroMatch: retro };
    },
  });

  route(api, {
    method: 'GET',
    url: '/intel/imports',
    summary: 'Recent imports and their reports',
    tag: 'intel',
    access: 'viewer',
    async handler() {
      const rows = await db.selectFrom('intel_imports').selectAll().orderBy('imported_at', 'desc').limit(50).execute();
      return { items: rows.map((r) => ({ id: r.id, name: r.name, format: r.format, importedAt: r.imported_at, report: JSON.parse(r.report) as unknown })) };
    },
  });

  const exportQuery = z.object({ since: z.string().max(40).optional(), indicators: z.enum(['all', 'none']).default('all') });
  const gather = async (query: z.infer<typeof exportQuery>) => {
    const org = await loadOrgContext(db);
    const indicators = query.indicators === 'all' ? await listIndicators(db, { limit: 100_000 }) : [];
    const findings = await findingsFromAlerts(db, { since: query.since, limit: 10_000 });
    return { orgName: org.name || 'Rempart', indicators, findings };
  };

  route(api, {
    method: 'GET',
    url: '/intel/export/stix',
    summary: 'Indicators and findings as a STIX 2.1 bundle',
    tag: 'intel',
    access: 'analyst',
    query: exportQuery,
    async handler({ query, actor, reply }) {
      const bundle = exportStixBundle(await gather(query));
      await audit(db, actor, 'intel.export', 'stix', { objects: bundle.objects.length });
      return reply.type('application/stix+json;version=2.1').header('content-disposition', 'attachment; filename="rempart-stix.json"').send(bundle);
    },
  });

  route(api, {
    method: 'GET',
    url: '/intel/export/misp',
    summary: 'Indicators and findings as one MISP event (stable uuid per organisation; imported MISP types, objects and tags kept)',
    tag: 'intel',
    access: 'analyst',
    query: exportQuery,
    async handler({ query, actor, reply }) {
      const event = exportMispEvent(await gatherMispExport(db, { since: query.since, indicators: query.indicators }));
      await audit(db, actor, 'intel.export', 'misp', { attributes: (event.Event.Attribute as unknown[]).length });
      return reply.header('content-disposition', 'attachment; filename="rempart-misp.json"').send(event);
    },
  });

  // MISP feed: a MISP instance subscribes to these three paths (feed type "MISP Feed", with the
  // API token in the feed's headers). The feed is built per request from the same store.
  route(api, {
    method: 'GET',
    url: '/intel/feed/misp/manifest.json',
    summary: 'MISP feed manifest: one entry per event with its timestamp',
    tag: 'intel',
    access: 'analyst',
    async handler() {
      return (await buildMispFeed(db)).manifest;
    },
  });

  route(api, {
    method: 'GET',
    url: '/intel/feed/misp/hashes.csv',
    summary: 'MISP feed hashes: md5 of each attribute value and its event uuid',
    tag: 'intel',
    access: 'analyst',
    async handler({ reply }) {
      return reply.type('text/csv; charset=utf-8').send((await buildMispFeed(db)).hashes);
    },
  });

  route(api, {
    method: 'GET',
    url: '/intel/feed/misp/:file',
    summary: 'One event of the MISP feed (`<uuid>.json`)',
    tag: 'intel',
    access: 'analyst',
    params: z.object({ file: z.string().regex(/^[0-9a-f-]{36}\.json$/) }),
    async handler({ params }) {
      const event = (await buildMispFeed(db)).events.get(params.file.slice(0, 36));
      if (!event) throw NotFoundError('intel.no_event', 'No such event in the feed');
      return event;
    },
  });
}
