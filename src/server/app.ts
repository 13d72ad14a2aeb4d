import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { isRempartError, RempartError } from '../core/errors.ts';
import { packagePath } from '../core/paths.ts';
import { resolveApiToken, resolveSession } from '../access/index.ts';
import { safeEqual } from '../core/ids.ts';
import type { AppContext } from './context.ts';
import { buildOpenApi } from './openapi.ts';
import { publicRouteModules, routeModules } from './routes/index.ts';
import { VERSION } from '../core/version.ts';

export const SESSION_COOKIE = 'rempart_session';
/** Where `vite build` puts the dashboard. */
export const WEB_DIST = packagePath('dist', 'web');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds the HTTP application: API under /api/v1, health, public endpoints, the dashboard. */
export async function buildApp(ctx: AppContext, opts: { webDir?: string } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: false,
    // Ids are ours; a request id in errors helps match a user's report to the logs.
    genReqId: () => Math.random().toString(36).slice(2, 10),
  });
  app.decorate('openapiEntries', []);
  app.decorateRequest('user', undefined);
  app.decorateRequest('sessionCsrf', undefined);

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new RempartError('rate_limited', 'Too many requests, slow down', 429),
  });

  // Authentication: a bearer API token, or a session cookie (for which CSRF applies).
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.user = await resolveApiToken(ctx.store.db, auth.slice(7).trim());
      return;
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) {
      const s = await resolveSession(ctx.store.db, sid, ctx.config.sessionTtlHours);
      if (s) {
        req.user = s.user;
        req.sessionCsrf = s.csrfToken;
      }
    }
    if (req.sessionCsrf && !SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, req.sessionCsrf))
        throw new RempartError('auth.csrf', 'Missing or wrong CSRF token (x-csrf-token header)', 403);
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('x-frame-options') && !reply.hasHeader('content-security-policy')) {
      reply.header('x-frame-options', 'DENY');
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
    }
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((err: FastifyError | RempartError, req, reply) => {
    if (isRempartError(err)) {
      return reply.status(err.status).send({ error: { id: err.id, message: err.message, ...(err.details ? { details: err.details } : {}) } });
    }
    const fe = err as FastifyError;
    const known: Record<string, [number, string, string]> = {
      FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'The request body is not valid JSON'],
      FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.malformed_json', 'The request body is empty'],
      FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', `The request body is larger than the limit`],
      FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'Unsupported content type'],
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.bad_length', 'Content-Length does not match the body'],
    };
    const k = fe.code ? known[fe.code] : undefined;
    if (k) return reply.status(k[0]).send({ error: { id: k[1], message: k[2] } });
    if (fe instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message)))
      return reply.status(400).send({ error: { id: 'request.malformed_json', message: 'The request body is not valid JSON' } });
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
      return reply.status(fe.statusCode).send({ error: { id: 'request.invalid', message: fe.message.slice(0, 300) } });
    ctx.logger.error({ err: { message: fe.message, stack: fe.stack }, url: req.url, reqId: req.id }, 'unhandled error');
    return reply.status(500).send({ error: { id: 'internal', message: `Internal error (request ${req.id}); see the server log` } });
  });

  app.get('/healthz', async (_req, reply) => {
    try {
      await ctx.store.db.selectFrom('users').select('id').limit(1).execute();
      return { status: 'ok', database: ctx.store.dialect, version: VERSION };
    } catch (e) {
      return reply.status(503).send({ status: 'degraded', database: ctx.store.dialect, error: { id: 'store.unavailable', message: (e as Error).message } });
    }
  });

  await app.register(
    async (api) => {
      api.decorate('openapiEntries', app.openapiEntries);
      for (const mod of routeModules) await mod(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  for (const mod of publicRouteModules) await mod(app, ctx);
  app.get('/api/v1/openapi.json', async () => buildOpenApi(app.openapiEntries.map((e) => ({ ...e, url: `/api/v1${e.url}` })), VERSION));

  const webDir = opts.webDir ?? WEB_DIST;
  const indexHtml = join(webDir, 'index.html');
  if (existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, maxAge: '1h', immutable: false });
    const html = readFileSync(indexHtml);
    app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html));
    app.setNotFoundHandler(async (req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !/\.[a-z0-9]{2,5}(\?|$)/i.test(req.url))
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
      return reply.status(404).send({ error: { id: 'route.not_found', message: `No route ${req.method} ${req.url.split('?')[0].slice(0, 200)}` } });
    });
  } else {
    app.get('/', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<!doctype html><meta charset="utf-8"><title>Rempart</title><p>Le tableau de bord n’est pas construit : lancez <code>npm run build:web</code>. / The dashboard is not built: run <code>npm run build:web</code>.</p>'),
    );
    app.setNotFoundHandler(async (req, reply) =>
      reply.status(404).send({ error: { id: 'route.not_found', message: `No route ${req.method} ${req.url.split('?')[0].slice(0, 200)}` } }),
    );
  }
  return app;
}
