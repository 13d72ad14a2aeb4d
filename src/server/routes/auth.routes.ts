import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { changeOwnPassword, createApiToken, createSession, deleteSession, listApiTokens, revokeApiToken, verifyLogin } from '../../access/index.ts';
import { UnauthorizedError } from '../../core/errors.ts';
import type { AppContext } from '../context.ts';
import { idParams, route } from '../http.ts';
import { SESSION_COOKIE } from '../app.ts';

export default function authRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'POST',
    url: '/auth/login',
    summary: 'Open a dashboard session',
    tag: 'auth',
    access: 'public',
    perMinute: 20,
    body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
    async handler({ body, req, reply }) {
      const user = await verifyLogin(ctx.store, body.username, body.password, req.ip);
      const { cookie, session } = await createSession(ctx.store, user, ctx.config.sessionTtlHours, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
      reply.setCookie(SESSION_COOKIE, cookie, {
        httpOnly: true,
        sameSite: 'strict',
        secure: ctx.config.secureCookies || req.protocol === 'https',
        path: '/',
        maxAge: ctx.config.sessionTtlHours * 3600,
      });
      return session;
    },
  });

  route(api, {
    method: 'POST',
    url: '/auth/logout',
    summary: 'Close the current session',
    tag: 'auth',
    access: 'viewer',
    async handler({ req, reply, actor }) {
      const sid = req.cookies[SESSION_COOKIE];
      if (sid) await deleteSession(ctx.store, sid, actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: '/auth/me',
    summary: 'The signed-in user and the CSRF token for state changes',
    tag: 'auth',
    access: 'public',
    async handler({ req }) {
      if (!req.user) throw UnauthorizedError();
      return { user: req.user, csrfToken: req.sessionCsrf ?? null };
    },
  });

  route(api, {
    method: 'POST',
    url: '/auth/password',
    summary: 'Change one’s own password',
    tag: 'auth',
    access: 'viewer',
    perMinute: 10,
    body: z.object({ current: z.string().min(1).max(256), next: z.string().min(12).max(256) }),
    async handler({ body, user, actor }) {
      await changeOwnPassword(ctx.store, actor, user!.id, body.current, body.next);
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: '/auth/tokens',
    summary: 'List one’s API tokens (never the tokens themselves)',
    tag: 'auth',
    access: 'viewer',
    async handler({ user }) {
      return { items: await listApiTokens(ctx.store.db, user!.id) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/auth/tokens',
    summary: 'Create an API token; it is shown once',
    tag: 'auth',
    access: 'viewer',
    body: z.object({ name: z.string().min(1).max(100) }),
    async handler({ body, user, actor }) {
      return createApiToken(ctx.store, actor, user!.id, body.name);
    },
  });

  route(api, {
    method: 'DELETE',
    url: '/auth/tokens/:id',
    summary: 'Revoke an API token',
    tag: 'auth',
    access: 'viewer',
    params: idParams,
    async handler({ params, user, actor }) {
      return { revoked: await revokeApiToken(ctx.store, actor, user!.id, params.id) };
    },
  });
}
