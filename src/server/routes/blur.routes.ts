import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { artifactCounts, createDeployment, getArtifacts, getDeployment, listCredentials, listDeployments, listDocuments, listPersonas, previewMailbox, readDecoyMessage, type ArtifactRow } from '../../blur/index.ts';
import { NotFoundError } from '../../core/errors.ts';
import { artifactTouches, mailboxTouches } from '../../sensors/index.ts';
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
    method: 'GET',
    url: '/blur/deployments/:id',
    summary: 'One deployment: decoy staff, decoys per kind, documents, honey logins and the decoys touched',
    tag: 'blur',
    access: 'viewer',
    params: z.object({ id: z.string().min(1).max(64) }),
    async handler({ params }) {
      const d = await getDeployment(ctx.store.db, params.id);
      if (!d) throw NotFoundError('blur.deployment_not_found', 'Déploiement inconnu / unknown deployment');
      const [personas, counts, documents, credentials, touches, byMailbox] = await Promise.all([
        listPersonas(ctx.store.db, d.id),
        artifactCounts(ctx.store.db, d.id),
        listDocuments(ctx.store.db, d.id),
        listCredentials(ctx.store.db, d.id),
        artifactTouches(ctx.store.db, d.id, 200),
        mailboxTouches(ctx.store.db, d.id),
      ]);
      const arts = new Map((await getArtifacts(ctx.store.db, touches.map((t) => t.artifactId))).map((a) => [a.id, a]));
      const perKind: Partial<Record<ArtifactRow['kind'], number>> = {};
      const perPersona = new Map<string, Partial<Record<ArtifactRow['kind'], number>>>();
      for (const c of counts) {
        perKind[c.kind] = (perKind[c.kind] ?? 0) + c.n;
        const p = perPersona.get(c.personaId) ?? {};
        p[c.kind] = (p[c.kind] ?? 0) + c.n;
        perPersona.set(c.personaId, p);
      }
      const mailTouch = new Map(byMailbox.map((m) => [m.mailbox, m]));
      return {
        deployment: { id: d.id, label: d.label, status: d.status, personas: d.personas, months: d.months, lang: d.lang, target: d.target, messages: d.messages, documents: d.documents, createdAt: d.created_at, deployedAt: d.deployed_at },
        counts: perKind,
        personas: personas.map((p) => ({ id: p.id, fullName: p.full_name, email: p.email, department: p.department, role: p.role, counts: perPersona.get(p.id) ?? {}, touches: mailTouch.get(p.email)?.touches ?? 0, lastTouch: mailTouch.get(p.email)?.lastTouch ?? null })),
        documents: documents.map((a) => ({ id: a.id, personaId: a.persona_id, mailbox: a.mailbox, kind: a.kind, title: a.title, plantedAt: a.planted_at, size: a.size })),
        credentials: credentials.map((c) => ({ id: c.id, personaId: c.persona_id, service: c.service, login: c.login })),
        touched: touches.map((t) => {
          const a = arts.get(t.artifactId);
          // Honey logins are recorded as `credential:<id>`: name them by service and login.
          const c = a ? undefined : credentials.find((x) => `credential:${x.id}` === t.artifactId);
          const owner = c ? personas.find((p) => p.id === c.persona_id) : undefined;
          return { artifactId: t.artifactId, title: a?.title ?? (c ? `${c.service} : ${c.login}` : null), kind: a?.kind ?? (c ? 'credentials' : null), mailbox: a?.mailbox ?? owner?.email ?? null, plantedAt: a?.planted_at ?? c?.created_at ?? null, touches: t.touches, lastTouch: t.lastTouch };
        }),
      };
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
