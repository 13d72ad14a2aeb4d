import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { ackAlert, addChannel, getAlert, listAlerts, listChannels, raiseAlert, removeChannel, SEVERITIES } from '../../alerts/index.ts';
import type { AppContext } from '../context.ts';
import { idParams, q, route } from '../http.ts';

const severity = z.enum(SEVERITIES as unknown as [string, ...string[]]);

export default function alertRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'GET',
    url: '/alerts',
    summary: 'List alerts, newest first',
    tag: 'alerts',
    access: 'viewer',
    query: z.object({
      severity: q.list(severity),
      source: z.string().max(40).optional(),
      status: z.enum(['open', 'acknowledged', 'all']).default('all'),
      limit: q.limit(),
      before: z.string().max(100).optional(),
    }),
    async handler({ query }) {
      return { items: await listAlerts(ctx.store.db, query as Parameters<typeof listAlerts>[1]) };
    },
  });

  route(api, {
    method: 'GET',
    url: '/alerts/:id',
    summary: 'One alert with its details',
    tag: 'alerts',
    access: 'viewer',
    params: idParams,
    async handler({ params }) {
      return { alert: await getAlert(ctx.store.db, params.id) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/alerts/:id/ack',
    summary: 'Acknowledge an alert',
    tag: 'alerts',
    access: 'analyst',
    params: idParams,
    async handler({ params, actor }) {
      return { alert: await ackAlert(ctx.store, actor, params.id) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/alerts',
    summary: 'Raise an alert from an outside tool',
    tag: 'alerts',
    access: 'analyst',
    body: z.object({ severity, title: z.string().min(1).max(300), source: z.string().min(1).max(40).default('external'), details: z.record(z.string(), z.unknown()).optional() }),
    async handler({ body }) {
      return raiseAlert(ctx.store, body as Parameters<typeof raiseAlert>[1]);
    },
  });

  route(api, {
    method: 'GET',
    url: '/alert-channels',
    summary: 'List delivery channels (secrets masked)',
    tag: 'alerts',
    access: 'admin',
    async handler() {
      return { items: await listChannels(ctx.store.db, ctx.box) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/alert-channels',
    summary: 'Add a delivery channel: webhook, slack or smtp',
    tag: 'alerts',
    access: 'admin',
    body: z.object({ name: z.string().min(1).max(100), kind: z.enum(['webhook', 'slack', 'smtp']), minSeverity: severity.optional(), config: z.record(z.string(), z.unknown()) }),
    async handler({ body, actor }) {
      return { channel: await addChannel(ctx.store, ctx.box, actor, body as Parameters<typeof addChannel>[3]) };
    },
  });

  route(api, {
    method: 'DELETE',
    url: '/alert-channels/:id',
    summary: 'Remove a delivery channel',
    tag: 'alerts',
    access: 'admin',
    params: idParams,
    async handler({ params, actor }) {
      await removeChannel(ctx.store, actor, params.id);
      return { ok: true };
    },
  });
}
