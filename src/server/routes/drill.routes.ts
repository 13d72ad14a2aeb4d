import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import {
  campaignFunnels,
  campaignResults,
  campaignTimeline,
  cancelCampaign,
  importTemplate,
  launchCampaign,
  listCampaigns,
  listTemplates,
  LANDINGS,
  LURE_KINDS,
  personHistory,
  previewTemplate,
  repeatOffenders,
  resultsCsv,
  setConsent,
  setExemption,
  trend,
} from '../../drill/index.ts';
import type { AppContext } from '../context.ts';
import { idParams, route } from '../http.ts';

const templateSummary = (t: Awaited<ReturnType<typeof listTemplates>>[number]) => ({
  id: t.id,
  lang: t.lang,
  kind: t.kind,
  name: t.name,
  subject: t.subject,
  landing: t.landing,
  impersonates: t.impersonates,
  difficulty: t.difficulty,
  cueLevel: t.cueLevel,
  premiseAlignment: t.premiseAlignment,
  cues: t.cues,
  source: t.source,
});

export default function drillRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'GET',
    url: '/drill/templates',
    summary: 'Drill templates with their NIST Phish Scale difficulty',
    tag: 'drill',
    access: 'viewer',
    async handler() {
      return { items: (await listTemplates(ctx.store.db)).map(templateSummary) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/drill/templates/:id/preview',
    summary: 'A template rendered for a fictitious recipient, as a self-contained page for a sandboxed frame',
    tag: 'drill',
    access: 'viewer',
    params: z.object({ id: z.string().regex(/^[a-z0-9-]{2,60}$/) }),
    query: z.object({ lang: z.enum(['fr', 'en']).default('fr') }),
    async handler({ params, query }) {
      return previewTemplate(ctx.store.db, params.id, query.lang);
    },
  });

  route(api, {
    method: 'POST',
    url: '/drill/templates/import',
    summary: 'Turn a real e-mail into a drill template (analysts author templates)',
    tag: 'drill',
    access: 'analyst',
    bodyLimit: 3 * 1024 * 1024,
    body: z.object({
      id: z.string().regex(/^[a-z0-9-]{2,60}$/),
      lang: z.enum(['fr', 'en']),
      kind: z.enum(LURE_KINDS),
      raw: z.string().min(10),
      landing: z.enum(LANDINGS),
      premiseAlignment: z.enum(['high', 'medium', 'low']),
      cues: z.array(z.object({ category: z.enum(['errors', 'technical', 'visual', 'language']), text: z.string().min(3).max(500) })).min(1).max(40),
    }),
    async handler({ body, actor }) {
      return { template: templateSummary(await importTemplate(ctx.store, actor, body)) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/drill/campaigns',
    summary: 'Drill campaigns, newest first, with the trend across campaigns',
    tag: 'drill',
    access: 'viewer',
    async handler() {
      const funnels = await campaignFunnels(ctx.store.db);
      const items = (await listCampaigns(ctx.store.db)).map((c) => ({ ...c, funnel: funnels.get(c.id) ?? null }));
      return { items, trend: await trend(ctx.store.db), repeatOffenders: await repeatOffenders(ctx.store.db) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/drill/campaigns',
    summary: 'Launch a drill campaign (admins only: launching is separate from authoring)',
    tag: 'drill',
    access: 'admin',
    body: z.object({
      name: z.string().min(1).max(200),
      templateId: z.string().min(1).max(60),
      lang: z.enum(['fr', 'en']).optional(),
      group: z.string().max(100).optional(),
      windowStart: z.string().min(10).max(40),
      windowEnd: z.string().min(10).max(40),
      hours: z.string().regex(/^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/).optional(),
      tz: z.string().max(60).optional(),
      ratePerMinute: z.number().int().min(1).max(10_000).optional(),
      senderDomain: z.string().min(3).max(253),
      impersonate: z.string().email().optional(),
      anonymous: z.boolean().optional(),
    }),
    async handler({ body, actor }) {
      const r = await launchCampaign(ctx.store, ctx.box, actor, body);
      return { campaign: r.campaign, recipients: r.recipients, skipped: r.skipped };
    },
  });

  route(api, {
    method: 'GET',
    url: '/drill/campaigns/:id',
    summary: 'Results of a campaign: funnel, per group, time to report, per person',
    tag: 'drill',
    access: 'viewer',
    params: idParams,
    async handler({ params }) {
      return campaignResults(ctx.store.db, params.id);
    },
  });

  route(api, {
    method: 'GET',
    url: '/drill/campaigns/:id/timeline',
    summary: 'Cumulative sends, opens, clicks, submissions and reports over time (at most 400 points)',
    tag: 'drill',
    access: 'viewer',
    params: idParams,
    query: z.object({ bucket: z.coerce.number().int().min(60).max(7 * 86400).default(3600) }),
    async handler({ params, query }) {
      return campaignTimeline(ctx.store.db, params.id, query.bucket);
    },
  });

  route(api, {
    method: 'GET',
    url: '/drill/campaigns/:id/results.csv',
    summary: 'Results as CSV',
    tag: 'drill',
    access: 'viewer',
    params: idParams,
    async handler({ params, reply }) {
      const csv = resultsCsv(await campaignResults(ctx.store.db, params.id));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="drill-${params.id}.csv"`).send(csv);
    },
  });

  route(api, {
    method: 'POST',
    url: '/drill/campaigns/:id/cancel',
    summary: 'Stop a campaign: nothing more is sent',
    tag: 'drill',
    access: 'admin',
    params: idParams,
    async handler({ params, actor }) {
      await cancelCampaign(ctx.store, actor, params.id);
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: '/drill/people/:email',
    summary: 'One person’s drill history',
    tag: 'drill',
    access: 'analyst',
    params: z.object({ email: z.string().email() }),
    async handler({ params }) {
      return { items: await personHistory(ctx.store.db, params.email) };
    },
  });

  route(api, {
    method: 'PUT',
    url: '/drill/exemptions/:email',
    summary: 'Exempt a person from drills (or lift it with {exempt:false})',
    tag: 'drill',
    access: 'analyst',
    params: z.object({ email: z.string().email() }),
    body: z.object({ exempt: z.boolean(), reason: z.string().max(200).optional() }),
    async handler({ params, body, actor }) {
      await setExemption(ctx.store, actor, params.email, body.exempt, body.reason);
      return { ok: true };
    },
  });

  route(api, {
    method: 'PUT',
    url: '/drill/consents/:email',
    summary: 'Record a colleague’s consent to be impersonated in drills',
    tag: 'drill',
    access: 'admin',
    params: z.object({ email: z.string().email() }),
    body: z.object({ consent: z.boolean() }),
    async handler({ params, body, actor }) {
      await setConsent(ctx.store, actor, params.email, body.consent);
      return { ok: true };
    },
  });
}
