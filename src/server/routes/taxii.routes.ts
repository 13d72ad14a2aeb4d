import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { resolveApiToken, type PublicUser } from '../../access/index.ts';
import { RempartError } from '../../core/errors.ts';
import { scanFindings } from '../../intel/export/findings.ts';
import { findingToStix, identityObject, indicatorToStix, stixIdFor, type StixObject } from '../../intel/export/stix.ts';
import { toIndicator } from '../../intel/indicators/store.ts';
import { loadOrgContext } from '../../org/index.ts';
import type { AppContext } from '../context.ts';

/**
 * A read-only TAXII 2.1 server so MISP, OpenCTI or any TAXII client can pull what Rempart knows:
 * the indicators, and the findings other capabilities raised. Mounted at /taxii2/, outside the
 * dashboard API, and protected by Rempart API tokens (Authorization: Bearer rmp_…).
 */
const TAXII = 'application/taxii+json;version=2.1';
const STIX = 'application/stix+json;version=2.1';
const MAX_LIMIT = 1000;

const COLLECTIONS = [
  { id: stixIdFor('collection', 'indicators').split('--')[1], key: 'indicators', title: 'Rempart — indicateurs / indicators', description: 'Indicators of compromise known to this Rempart instance, with source and confidence.' },
  { id: stixIdFor('collection', 'findings').split('--')[1], key: 'findings', title: 'Rempart — observations / findings', description: 'What Rempart saw: phishing verdicts, lookalike domains, sensor hits, coordinated clusters.' },
] as const;

const objectsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(100),
  next: z.string().max(500).optional(),
  added_after: z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)), 'not a timestamp').optional(),
  'match[type]': z.string().max(200).optional(),
});

class TaxiiError extends RempartError {}
const taxiiError = (status: number, title: string) => new TaxiiError(`taxii.${status}`, title, status);

interface Cursor {
  at: string;
  id: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
function decodeCursor(s: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    /* fall through */
  }
  throw taxiiError(400, 'Invalid next parameter');
}

function send(reply: FastifyReply, body: unknown, headers: Record<string, string> = {}): FastifyReply {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  // A Buffer, so Fastify sends the TAXII media type exactly as the spec writes it (no charset rewrite).
  return reply.header('content-type', TAXII).header('cache-control', 'no-store').send(Buffer.from(JSON.stringify(body)));
}

/**
 * The API token from `Bearer rmp_…`, or from HTTP Basic with the token as password (some TAXII
 * clients only speak Basic). Passwords of dashboard users are never accepted here.
 */
async function taxiiUser(ctx: AppContext, auth: string | undefined): Promise<PublicUser | undefined> {
  if (!auth) return undefined;
  if (auth.startsWith('Bearer ')) return resolveApiToken(ctx.store.db, auth.slice(7).trim());
  if (auth.startsWith('Basic ') && auth.length < 600) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? resolveApiToken(ctx.store.db, decoded.slice(colon + 1)) : undefined;
  }
  return undefined;
}

export default async function taxiiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(
    async (taxii) => {
      taxii.addHook('onRequest', async (req: FastifyRequest) => {
        const user = await taxiiUser(ctx, req.headers.authorization);
        if (!user) throw taxiiError(401, 'Authentication required: Authorization: Bearer <Rempart API token> (or Basic with the token as password)');
        const accept = req.headers.accept;
        if (accept && !/application\/taxii\+json|\*\/\*|application\/\*|application\/json/.test(accept)) throw taxiiError(406, `This server speaks ${TAXII}`);
      });
      taxii.setErrorHandler((err, _req, reply) => {
        const status = err instanceof RempartError ? err.status : (err as { statusCode?: number }).statusCode && (err as { statusCode: number }).statusCode < 500 ? (err as { statusCode: number }).statusCode : 500;
        if (status === 401) reply.header('www-authenticate', 'Bearer realm="rempart-taxii"');
        const title = err instanceof RempartError ? err.message : status === 429 ? 'Too many requests' : status < 500 ? 'Bad request' : 'Internal error';
        return send(reply.status(status), { title, http_status: String(status) });
      });
      const rate = { rateLimit: { max: 600, timeWindow: 60_000 } };

      taxii.get('/', { config: rate }, async (req, reply) => {
        const base = `${req.protocol}://${req.host}/taxii2/`;
        return send(reply, { title: 'Rempart TAXII 2.1', description: 'Indicators and findings from Rempart (read-only).', default: `${base}api/`, api_roots: [`${base}api/`] });
      });

      taxii.get('/api/', { config: rate }, async (_req, reply) =>
        send(reply, { title: 'Rempart', description: 'Read-only API root', versions: [TAXII], max_content_length: 10 * 1024 * 1024 }),
      );

      const collectionInfo = (c: (typeof COLLECTIONS)[number]) => ({ id: c.id, title: c.title, description: c.description, can_read: true, can_write: false, media_types: [STIX] });
      const findCollection = (id: string) => {
        const c = COLLECTIONS.find((x) => x.id === id);
        if (!c) throw taxiiError(404, 'No such collection');
        return c;
      };

      taxii.get('/api/collections/', { config: rate }, async (_req, reply) => send(reply, { collections: COLLECTIONS.map(collectionInfo) }));
      taxii.get<{ Params: { id: string } }>('/api/collections/:id/', { config: rate }, async (req, reply) => send(reply, collectionInfo(findCollection(req.params.id))));

      const page = async (req: FastifyRequest<{ Params: { id: string } }>) => {
        const c = findCollection(req.params.id);
        const parsed = objectsQuery.safeParse(req.query);
        if (!parsed.success) throw taxiiError(400, `Invalid query: ${parsed.error.issues[0].message}`);
        const q = parsed.data;
        const types = q['match[type]']?.split(',').filter(Boolean);
        const after = q.next ? decodeCursor(q.next) : undefined;
        const addedAfter = q.added_after ? new Date(q.added_after).toISOString() : undefined;
        const org = await loadOrgContext(ctx.store.db);
        const identity = identityObject(org.name || 'Rempart');
        let objects: Array<{ o: StixObject; added: string }> = [];
        let more = false;
        let last: Cursor | undefined;
        if (c.key === 'indicators') {
          let sel = ctx.store.db.selectFrom('intel_indicators').selectAll().orderBy('updated_at').orderBy('id');
          if (addedAfter) sel = sel.where('updated_at', '>', addedAfter);
          if (after) sel = sel.where((eb) => eb.or([eb('updated_at', '>', after.at), eb.and([eb('updated_at', '=', after.at), eb('id', '>', after.id)])]));
          const rows = await sel.limit(q.limit + 1).execute();
          more = rows.length > q.limit;
          const slice = rows.slice(0, q.limit);
          objects = slice.map((r) => ({ o: indicatorToStix(toIndicator(r), identity.id), added: r.updated_at }));
          const l = slice.at(-1);
          last = l ? { at: l.updated_at, id: l.id } : undefined;
          if (types && !types.includes('indicator')) objects = [];
        } else {
          // Whole findings per page: a finding's objects travel together.
          let cursor = after;
          for (;;) {
            const batch = await scanFindings(ctx.store.db, { since: addedAfter, after: cursor, limit: 200 });
            for (const f of batch.findings) {
              const objs = findingToStix(f, identity.id).filter((o) => !types || types.includes(o.type));
              if (objects.length && objects.length + objs.length > q.limit) {
                more = true;
                break;
              }
              objects.push(...objs.map((o) => ({ o, added: f.seenAt })));
              last = { at: f.seenAt, id: f.id };
            }
            if (more || batch.done) break;
            cursor = batch.last;
            if (!batch.findings.length) last = batch.last;
          }
        }
        const headers: Record<string, string> = {};
        if (objects.length) {
          headers['X-TAXII-Date-Added-First'] = objects[0].added;
          headers['X-TAXII-Date-Added-Last'] = objects[objects.length - 1].added;
        }
        return { objects, more, next: more && last ? encodeCursor(last) : undefined, headers };
      };

      taxii.get<{ Params: { id: string } }>('/api/collections/:id/objects/', { config: rate }, async (req, reply) => {
        const p = await page(req);
        return send(reply, { more: p.more, ...(p.next ? { next: p.next } : {}), objects: p.objects.map((x) => x.o) }, p.headers);
      });

      // TAXII 2.1 §5.6 "Get an Object". Ids are deterministic hashes (stixIdFor), not keys of a
      // table, so the collection is walked in pages until the object turns up; the walk is bounded.
      const OBJECT_ID = /^[a-z][a-z0-9-]{0,40}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      const MAX_SCAN = 200_000;
      const findObject = async (key: (typeof COLLECTIONS)[number]['key'], objectId: string): Promise<{ o: StixObject; added: string } | undefined> => {
        const org = await loadOrgContext(ctx.store.db);
        const identity = identityObject(org.name || 'Rempart');
        if (key === 'indicators') {
          if (!objectId.startsWith('indicator--')) return undefined;
          let after: string | undefined;
          for (let scanned = 0; scanned < MAX_SCAN; ) {
            let sel = ctx.store.db.selectFrom('intel_indicators').selectAll().orderBy('id').limit(2000);
            if (after) sel = sel.where('id', '>', after);
            const rows = await sel.execute();
            for (const r of rows) {
              const o = indicatorToStix(toIndicator(r), identity.id);
              if (o.id === objectId) return { o, added: r.updated_at };
            }
            if (rows.length < 2000) return undefined;
            scanned += rows.length;
            after = rows[rows.length - 1].id;
          }
          return undefined;
        }
        let cursor: Cursor | undefined;
        for (let scanned = 0; scanned < MAX_SCAN; scanned += 500) {
          const batch = await scanFindings(ctx.store.db, { after: cursor, limit: 500 });
          for (const f of batch.findings) {
            const o = findingToStix(f, identity.id).find((x) => x.id === objectId);
            if (o) return { o, added: f.seenAt };
          }
          if (batch.done || !batch.last) return undefined;
          cursor = batch.last;
        }
        return undefined;
      };

      taxii.get<{ Params: { id: string; objectId: string } }>('/api/collections/:id/objects/:objectId/', { config: rate }, async (req, reply) => {
        const c = findCollection(req.params.id);
        if (!OBJECT_ID.test(req.params.objectId)) throw taxiiError(400, 'Not a STIX identifier');
        const parsed = objectsQuery.safeParse(req.query);
        if (!parsed.success) throw taxiiError(400, `Invalid query: ${parsed.error.issues[0].message}`);
        const found = await findObject(c.key, req.params.objectId);
        if (!found) throw taxiiError(404, 'No such object in this collection');
        // One version is kept per object: added_after past it, or a type filter excluding it, empties the envelope.
        const q = parsed.data;
        const types = q['match[type]']?.split(',').filter(Boolean);
        const hidden = (q.added_after && found.added <= new Date(q.added_after).toISOString()) || (types && !types.includes(found.o.type));
        const headers: Record<string, string> = hidden ? {} : { 'X-TAXII-Date-Added-First': found.added, 'X-TAXII-Date-Added-Last': found.added };
        return send(reply, { more: false, objects: hidden ? [] : [found.o] }, headers);
      });

      taxii.get<{ Params: { id: string } }>('/api/collections/:id/manifest/', { config: rate }, async (req, reply) => {
        const p = await page(req);
        const objects = p.objects.map((x) => ({ id: x.o.id, date_added: x.added, version: (x.o.modified as string | undefined) ?? x.added, media_type: STIX }));
        return send(reply, { more: p.more, ...(p.next ? { next: p.next } : {}), objects }, p.headers);
      });
    },
    { prefix: '/taxii2' },
  );
}
