import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { countReports, exportIndicators, exportIndicatorsStix, getReport, listReports, triageAndStore } from '../../mail/reports.ts';
import { MAIL_LIMITS } from '../../mail/index.ts';
import { loadOrgContext } from '../../org/index.ts';
import type { AppContext } from '../context.ts';
import { idParams, q, route } from '../http.ts';

/** The largest base64 text a message within MAIL_LIMITS.maxBytes encodes to. */
const MAX_BASE64 = Math.ceil(MAIL_LIMITS.maxBytes / 3) * 4;

const triageBody = z
  .object({
    raw: z.string().min(1).max(MAIL_LIMITS.maxBytes).optional(),
    /** A file as uploaded, byte for byte: keeps 8-bit charsets that a text field would mangle. */
    base64: z.string().min(4).max(MAX_BASE64).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64').optional(),
    reporter: z.string().max(200).optional(),
  })
  .refine((b) => (b.raw === undefined) !== (b.base64 === undefined), { message: 'give exactly one of raw or base64' });

export default function mailRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'POST',
    url: '/mail/triage',
    summary: 'Triage a raw e-mail, pasted as text (raw) or uploaded as a file (base64); the verdict is stored, the message is not',
    tag: 'mail',
    access: 'analyst',
    bodyLimit: MAX_BASE64 + 1024 * 1024,
    body: triageBody,
    async handler({ body, user }) {
      // An upload is RFC 5322 or an Outlook .msg: the parser tells them apart.
      const raw = body.raw ?? Buffer.from(body.base64 ?? '', 'base64');
      return { report: await triageAndStore(ctx.store, raw, { source: 'upload', reporter: body.reporter ?? user?.username ?? null }) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/mail/reports',
    summary: 'Triaged messages, newest first',
    tag: 'mail',
    access: 'viewer',
    query: z.object({ verdict: z.enum(['malicious', 'suspicious', 'clean']).optional(), q: z.string().max(200).optional(), limit: q.limit() }),
    async handler({ query }) {
      const [items, counts] = await Promise.all([listReports(ctx.store.db, query), countReports(ctx.store.db)]);
      return { items, counts };
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
    summary: 'Indicators from malicious and suspicious messages (JSON, CSV with ?format=csv, a STIX 2.1 bundle with ?format=stix)',
    tag: 'mail',
    access: 'viewer',
    query: z.object({ format: z.enum(['json', 'csv', 'stix']).default('json') }),
    async handler({ query, reply }) {
      if (query.format === 'stix') {
        const bundle = await exportIndicatorsStix(ctx.store.db, (await loadOrgContext(ctx.store.db)).name);
        return reply.type('application/stix+json; charset=utf-8').header('content-disposition', 'attachment; filename="rempart-mail-indicators.stix.json"').send(JSON.stringify(bundle));
      }
      const items = await exportIndicators(ctx.store.db);
      if (query.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="rempart-mail-indicators.csv"').send(`type,value,report,verdict\n${items.map((i) => [i.type, i.value, i.report, i.verdict].map((v) => `"${v.replace(/"/g, '""')}"`).join(',')).join('\n')}\n`);
      return { items };
    },
  });
}
