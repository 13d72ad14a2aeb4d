import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import { parseLang } from '../../core/i18n.ts';
import { loadOrgContext } from '../../org/index.ts';
import { boundHeaders, canaryResponse, canaryToken, createSensors, PORTAL_STYLES, renderPortal, type PortalStyle, type Sensors } from '../../sensors/index.ts';
import type { AppContext } from '../context.ts';
import type { RouteModule } from './index.ts';

const portalPaths: Record<PortalStyle, string> = { webmail: '/owa', onedrive: '/onedrive', google: '/accounts' };
const portalBody = z.object({ username: z.string().max(200).default(''), password: z.string().max(200).default('') });
const deploymentParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * Public sensors, no login: canary beacons under /c/ and the honey login portals. They bound
 * themselves: token shape checked, headers trimmed, per-source rate, rows per artifact × source.
 */
export function sensorsPublicRoutes(make: (ctx: AppContext) => Sensors = (ctx) => createSensors(ctx.store, ctx.box, { logger: ctx.logger, lang: ctx.config.lang })): RouteModule {
  return async (app: FastifyInstance, ctx: AppContext) => {
    const sensors = make(ctx);
    app.addHook('onClose', async () => sensors.recorder.close());
    let orgName: { name: string; until: number } | undefined;
    const org = async (): Promise<string> => {
      if (!orgName || orgName.until < Date.now()) orgName = { name: (await loadOrgContext(ctx.store.db)).name || 'Webmail', until: Date.now() + 60_000 };
      return orgName.name;
    };

    app.get('/c/*', async (req, reply) => {
      const path = req.url;
      const ua = req.headers['user-agent']?.slice(0, 512);
      const token = canaryToken(path);
      sensors.recorder.record({
        kind: 'beacon',
        at: new Date(),
        source: req.ip,
        userAgent: ua,
        headers: boundHeaders(req.headers),
        token: token ?? path.slice(0, 200),
        scanner: sensors.isScanner(req.ip, ua),
      });
      const r = canaryResponse(path, req.headers.accept, parseLang(req.headers['accept-language'], ctx.config.lang));
      return reply.status(r.status).header('cache-control', 'no-store, max-age=0').type(r.type).send(r.body);
    });

    await app.register(async (portal) => {
      await portal.register(formbody, { bodyLimit: 4096 });
      for (const style of PORTAL_STYLES) {
        const base = portalPaths[style];
        portal.get(`${base}/:deployment`, async (req, reply) => {
          const lang = parseLang(req.headers['accept-language'], ctx.config.lang);
          const dep = deploymentParam.safeParse((req.params as { deployment: string }).deployment);
          if (!dep.success) return reply.status(404).type('text/plain').send('Not found');
          return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPortal(style, await org(), `${base}/${dep.data}`, lang));
        });
        portal.post(`${base}/:deployment`, { bodyLimit: 4096, config: { rateLimit: { max: 30, timeWindow: 60_000 } } }, async (req, reply) => {
          const lang = parseLang(req.headers['accept-language'], ctx.config.lang);
          const dep = deploymentParam.safeParse((req.params as { deployment: string }).deployment);
          if (!dep.success) return reply.status(404).type('text/plain').send('Not found');
          const b = portalBody.safeParse(req.body ?? {});
          const username = b.success ? b.data.username.trim() : '';
          // The password lives only in this scope: compared against honey hashes, never stored or logged.
          const honey = b.success && b.data.password ? await sensors.lookup.checkHoneyPassword(username, b.data.password) : undefined;
          const decoy = honey ?? (username ? await sensors.lookup.byAccount(username) : undefined);
          await sensors.recorder.recordNow({
            kind: 'portal',
            at: new Date(),
            source: req.ip,
            userAgent: req.headers['user-agent']?.slice(0, 512),
            headers: { ...boundHeaders(req.headers), deployment: dep.data, portal: style },
            username: username.slice(0, 200) || undefined,
            honeyPassword: !!honey,
            decoy,
          });
          return reply
            .status(200)
            .type('text/html; charset=utf-8')
            .header('cache-control', 'no-store')
            .send(renderPortal(style, await org(), `${base}/${dep.data}`, lang, { error: true, username }));
        });
      }
    });
  };
}

export default sensorsPublicRoutes();
