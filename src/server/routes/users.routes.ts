import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { createUser, listAudit, listUsers, resetPassword, ROLES, setUserDisabled } from '../../access/index.ts';
import type { AppContext } from '../context.ts';
import { idParams, q, route } from '../http.ts';

export default function userRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'GET',
    url: '/users',
    summary: 'List users',
    tag: 'users',
    access: 'admin',
    async handler() {
      return { items: await listUsers(ctx.store.db) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/users',
    summary: 'Create a user; the one-time password is returned once',
    tag: 'users',
    access: 'admin',
    body: z.object({
      username: z.string().min(2).max(64),
      displayName: z.string().max(120).optional(),
      role: z.enum(ROLES as [string, ...string[]]),
      lang: z.enum(['fr', 'en']).optional(),
    }),
    async handler({ body, actor }) {
      return createUser(ctx.store, actor, body);
    },
  });

  route(api, {
    method: 'POST',
    url: '/users/:id/disable',
    summary: 'Disable a user and close their sessions',
    tag: 'users',
    access: 'admin',
    params: idParams,
    async handler({ params, actor }) {
      return { user: await setUserDisabled(ctx.store, actor, params.id, true) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/users/:id/enable',
    summary: 'Enable a disabled user',
    tag: 'users',
    access: 'admin',
    params: idParams,
    async handler({ params, actor }) {
      return { user: await setUserDisabled(ctx.store, actor, params.id, false) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/users/:id/reset-password',
    summary: 'Replace a user’s password with a one-time password, returned once',
    tag: 'users',
    access: 'admin',
    params: idParams,
    async handler({ params, actor }) {
      return resetPassword(ctx.store, actor, params.id);
    },
  });

  route(api, {
    method: 'GET',
    url: '/audit',
    summary: 'The audit log, newest first',
    tag: 'audit',
    access: 'analyst',
    query: z.object({ limit: q.limit(), before: z.string().max(100).optional(), action: z.string().max(60).optional() }),
    async handler({ query }) {
      return { items: await listAudit(ctx.store.db, query) };
    },
  });
}
