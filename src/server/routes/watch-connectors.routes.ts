import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../access/index.ts';
import { CONNECTORS } from '../../watch/connectors/index.ts';
import { deleteConnector, listConnectors, presentConnector, saveConnector, setConnectorEnabled } from '../../watch/connectors/repo.ts';
import type { AppContext } from '../context.ts';
import { idParams, route } from '../http.ts';

/** Live connectors: the dashboard's status panel and the admin form. Credentials go in, never out. */
export default function watchConnectorRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'GET',
    url: '/watch/connectors',
    summary: 'Live connectors with their state, rate, lag and last error; the platforms that can be connected',
    tag: 'watch',
    access: 'viewer',
    async handler() {
      return {
        items: (await listConnectors(ctx.store.db)).map(presentConnector),
        platforms: CONNECTORS.map((c) => ({ platform: c.platform, title: c.title, limits: c.limits, credentials: c.credentials.map((k) => ({ key: k.key, label: k.label, required: k.required })) })),
      };
    },
  });

  route(api, {
    method: 'POST',
    url: '/watch/connectors',
    summary: 'Create or update a connector by name (credentials sealed at rest; a running server picks it up within a minute)',
    tag: 'watch',
    access: 'admin',
    body: z.object({
      name: z.string().min(1).max(64),
      platform: z.string().min(1).max(40),
      options: z.record(z.string(), z.unknown()).default({}),
      secrets: z.record(z.string(), z.string().max(4096)).optional(),
      enabled: z.boolean().optional(),
    }),
    async handler({ body, actor }) {
      const row = await saveConnector(ctx.store.db, ctx.box, body);
      await audit(ctx.store.db, actor, 'watch.connector.save', row.name, { platform: row.platform });
      return { connector: presentConnector(row) };
    },
  });

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const)
    route(api, {
      method: 'POST',
      url: `/watch/connectors/:id/${verb}`,
      summary: enabled ? 'Enable a connector' : 'Disable a connector (a running one stops within seconds)',
      tag: 'watch',
      access: 'admin',
      params: idParams,
      async handler({ params, actor }) {
        const row = await setConnectorEnabled(ctx.store.db, params.id, enabled);
        await audit(ctx.store.db, actor, `watch.connector.${verb}`, row.name);
        return { connector: presentConnector(row) };
      },
    });

  route(api, {
    method: 'DELETE',
    url: '/watch/connectors/:id',
    summary: 'Delete a connector and its credentials (stored posts stay)',
    tag: 'watch',
    access: 'admin',
    params: idParams,
    async handler({ params, actor }) {
      await deleteConnector(ctx.store.db, params.id);
      await audit(ctx.store.db, actor, 'watch.connector.rm', params.id);
      return { ok: true };
    },
  });
}
