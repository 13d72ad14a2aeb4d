import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { createDeployment, listDeployments, previewMailbox, readDecoyMessage } from '../../blur/index.ts';
import type { AppContext } from '../context.ts';
import { route } from '../http.ts';

export default function blurRoutes(api: FastifyInstance, ctx: AppContext): void {
  route(api, {
    method: 'GET',
    url: '/blur/deployments',
    summary: 'Decoy deployments: kits generated and where they were planted',
    tag: 'blur',
    access: 'viewer',
    async handler() {
      return { deployments: await listDeployments(ctx.store.db) };
    },
  });

  route(api, {
    method: 'POST',
    url: '/blur/deployments',
    // Bounded so that a request finishes in seconds; full-size kits (50 personas × 6 months) use the CLI.
    summary: 'Generate and register a small decoy kit (≤ 10 personas × 6 months)',
    tag: 'blur',
    access: 'admin',
    body: z.object({ personas: z.number().int().min(1).max(10), months: z.number().int().min(1).max(6), seed: z.string().min(1).max(100), lang: z.enum(['fr', 'en']).default('fr'), label: z.string().max(200).optional() }),
    async handler({ body, actor }) {
      return createDeployment(ctx.store, ctx.box, ctx.config, actor, body);
    },
  });

  route(api, {
    method: 'GET',
    url: '/blur/deployments/:id/mailboxes/:mailbox',
    summary: 'Read a decoy mailbox as an intruder would (headers, newest first)',
    tag: 'blur',
    access: 'analyst',
    params: z.object({ id: z.string().max(64), mailbox: z.string().email().max(254) }),
    query: z.object({ folder: z.enum(['INBOX', 'Sent']).default('INBOX'), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
    async handler({ params, query }) {
      return previewMailbox(ctx.store.db, params.id, params.mailbox, query.folder, query.limit, query.offset);
    },
  });

  route(api, {
    method: 'GET',
    url: '/blur/messages/:id',
    summary: 'One decoy message as text (HTML is never rendered: it holds a live beacon)',
    tag: 'blur',
    access: 'analyst',
    params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/) }),
    async handler({ params }) {
      return readDecoyMessage(ctx.store.db, params.id);
    },
  });
}
