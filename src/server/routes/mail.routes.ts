import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { exportIndicators, getReport, listReports, triageAndStore } from '../../mail/reports.ts';
import { MAIL_LIMITS } from '../../mail/index.ts';
import type { AppContext } from '../context.ts';
import { idParams, q, route } from '../http.ts';

export default function mailRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'POST',
    url: '/mail/triage',
    summary: 'Triage a raw e-mail (pasted or uploaded as text); the verdict is stored, the message is not',
    tag: 'mail',
    access: 'analyst',
    bodyLimit: MAIL_LIMITS.maxBytes + 1024 * 1024,
    body: z.object({ raw: z.string().min(1).max(MAIL_LIMITS.maxBytes), reporter: z.string().max(200).optional() }),
    async handler({ body, user }) {
      return { report: await triageAndStore(ctx.store, body.raw, { source: 'upload', reporter: body.reporter ?? user?.username ?? null }) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/mail/reports',
    summary: 'Triaged messages, newest first',
    tag: 'mail',
    access: 'viewer',
    query: z.object({ verdict: z.enum(['malicious', 'suspicious', 'clean']).optional(), limit: q.limit() }),
    async handler({ query }) {
      return { items: await listReports(ctx.store.db, query) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/mail/reports/:id',
    summary: 'One triaged message with its signals and evidence',
    tag: 'mail',
    access: 'viewer',
    params: idParams,
    async handler({ params }) {
      return { report: await getReport(ctx.store.db, params.id) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/mail/indicators',
    summary: 'Indicators from malicious and suspicious messages (JSON, or CSV with ?format=csv)',
    tag: 'mail',
    access: 'viewer',
    query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
    async handler({ query, reply }) {
      const items = await exportIndicators(ctx.store.db);
      if (query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(`type,value,report,verdict\n${items.map((i) => [i.type, i.value, i.report, i.verdict].map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\n')}\n`);
      return { items };
    },
  });
}
