import type { FastifyInstance, FastifyReply } from 'fastify';
import formbody from '@fastify/formbody';
import { parseLang } from '../../core/i18n.ts';
import { getSetting } from '../../org/repo.ts';
import { getCampaign, getTemplate } from '../../drill/campaigns.ts';
import { followUps } from '../../drill/followup.ts';
import { BEACON_JS, landingPage, learnPage, PIXEL_GIF, thanksPage } from '../../drill/pages.ts';
import type { RecipientRow } from '../../drill/repo.ts';
import { findRecipientByToken, looksLikeScanner, track, type TrackKind } from '../../drill/tracking.ts';
import type { AppContext } from '../context.ts';

const CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Public drill endpoints (no login): tracking pixel, link landing page, human beacon, form
 * submission (values dropped), report link, the "it was a drill" page, robots.txt.
 */
export default async function drillPublicRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/robots.txt', async (_req, reply) => reply.type('text/plain').send('User-agent: *\nDisallow: /d/\nDisallow: /c/\n'));

  await app.register(async (d) => {
    // Forms on landing pages are tiny; a megabyte post is refused before it is read.
    await d.register(formbody, { bodyLimit: 16 * 1024 });
    d.addHook('onSend', async (_req, reply, payload) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-frame-options', 'DENY');
      reply.header('cache-control', 'no-store');
      reply.header('x-robots-tag', 'noindex, nofollow');
      return payload;
    });
    const limit = { config: { rateLimit: { max: 300, timeWindow: 60_000 } } };

    const lookup = async (token: string, reply: FastifyReply): Promise<RecipientRow | undefined> => {
      const r = await findRecipientByToken(ctx.store, token);
      if (!r) void reply.status(404).type('text/plain').send('Not found');
      return r;
    };
    const record = async (r: RecipientRow, kind: TrackKind, req: { ip: string; headers: Record<string, unknown> }, fields?: string[]) => {
      const out = await track(ctx.store, r, kind, { ip: req.ip, userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null, fields });
      if (out.firstTime && (kind === 'human' || kind === 'submit')) {
        const c = await getCampaign(ctx.store.db, r.campaign_id);
        const t = await getTemplate(ctx.store.db, c.template_id, r.lang).catch(() => undefined);
        for (const f of followUps) {
          try {
            await f.onFailure?.(ctx.store, out.recipient, t?.impersonates ? 'impersonation' : (t?.kind ?? 'credential-harvest'), kind === 'submit' ? 'submitted' : 'clicked');
          } catch (e) {
            ctx.logger.warn({ err: (e as Error).message }, 'drill follow-up failed');
          }
        }
      }
      if (out.firstTime && kind === 'report') for (const f of followUps) await f.onReport?.(ctx.store, out.recipient).catch(() => undefined);
      return out;
    };

    d.get('/d/beacon.js', async (_req, reply) => reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(BEACON_JS));

    d.get<{ Params: { token: string } }>('/d/o/:token', limit, async (req, reply) => {
      const token = req.params.token.replace(/\.gif$/, '');
      const r = await findRecipientByToken(ctx.store, token);
      if (r) await record(r, 'open', req);
      // The pixel answers the same whether or not the token exists: nothing to probe.
      return reply.type('image/gif').send(PIXEL_GIF);
    });

    d.get<{ Params: { token: string } }>('/d/c/:token', limit, async (req, reply) => {
      const r = await lookup(req.params.token, reply);
      if (!r) return reply;
      await record(r, 'fetch', req);
      const c = await getCampaign(ctx.store.db, r.campaign_id);
      const t = await getTemplate(ctx.store.db, c.template_id, r.lang).catch(() => undefined);
      const orgName = (await getSetting(ctx.store.db, 'name')) ?? '';
      return reply.type('text/html; charset=utf-8').send(landingPage(t?.landing ?? 'webmail', req.params.token, orgName, parseLang(r.lang)));
    });

    d.post<{ Params: { token: string } }>('/d/h/:token', limit, async (req, reply) => {
      const r = await findRecipientByToken(ctx.store, req.params.token);
      if (r && !looksLikeScanner(req.headers['user-agent'])) await record(r, 'human', req);
      return reply.status(204).send();
    });

    d.post<{ Params: { token: string }; Body: unknown }>('/d/s/:token', limit, async (req, reply) => {
      const r = await lookup(req.params.token, reply);
      if (!r) return reply;
      // Only which fields were present is kept. Values, the password above all, are never stored or logged.
      const fields = req.body && typeof req.body === 'object' ? Object.keys(req.body as Record<string, unknown>) : [];
      (req as { body?: unknown }).body = undefined;
      await record(r, 'submit', req, fields);
      return reply.redirect(`/d/l/${req.params.token}`, 303);
    });

    d.get<{ Params: { token: string } }>('/d/a/:token', limit, async (req, reply) => {
      const token = req.params.token.replace(/\.(png|gif)$/, '');
      const r = await findRecipientByToken(ctx.store, token);
      if (r) await record(r, 'attachment', req);
      return reply.type('image/gif').send(PIXEL_GIF);
    });

    d.get<{ Params: { token: string } }>('/d/r/:token', limit, async (req, reply) => {
      const r = await lookup(req.params.token, reply);
      if (!r) return reply;
      await record(r, 'report', req);
      return reply.type('text/html; charset=utf-8').send(thanksPage(parseLang(r.lang)));
    });

    d.get<{ Params: { token: string } }>('/d/l/:token', limit, async (req, reply) => {
      const r = await lookup(req.params.token, reply);
      if (!r) return reply;
      // No tracking here: a crawler following links from the landing page must not count as a person.
      let lessonUrl: string | undefined;
      for (const f of followUps) lessonUrl = (await f.lessonUrl?.(ctx.store, r).catch(() => undefined)) ?? lessonUrl;
      const c = await getCampaign(ctx.store.db, r.campaign_id);
      const t = await getTemplate(ctx.store.db, c.template_id, r.lang).catch(() => undefined);
      return reply.type('text/html; charset=utf-8').send(learnPage(t, parseLang(r.lang), lessonUrl));
    });
  });
}
