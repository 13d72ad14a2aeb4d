import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { resolveApiToken, type PublicUser } from '../../access/index.ts';
import { RempartError } from '../../core/errors.ts';
import {
  TAXII_COLLECTIONS,
  TaxiiQueryError,
  findTaxiiCollection,
  parseVersions,
  queryTaxiiObjects,
  queryTaxiiVersions,
  syncTaxiiCollection,
  taxiiObjectExists,
  STIX_MEDIA_TYPE as STIX,
  type TaxiiCollection,
  type TaxiiEntry,
  type TaxiiFilter,
} from '../../intel/taxii/collections.ts';
import type { AppContext } from '../context.ts';

/**
 * A read-only TAXII 2.1 server so MISP, OpenCTI or any TAXII client can pull what Rempart knows:
 * the indicators, and the findings other capabilities raised. Mounted at /taxii2/, outside the
 * dashboard API, and protected by Rempart API tokens (Authorization: Bearer rmp_…). The
 * collections themselves (paging, match[…], versions) are src/intel/taxii/collections.ts.
 */
const TAXII = 'application/taxii+json;version=2.1';
const MAX_LIMIT = 1000;
const API_ROOT = 'api';

const list = z.string().max(4000).optional();
const objectsQuery = z.object({
  limit: z.coerce.number().int().min(1).default(100).transform((n) => Math.min(n, MAX_LIMIT)),
  next: z.string().max(500).optional(),
  added_after: z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)), 'not a timestamp').optional(),
  'match[id]': list,
  'match[type]': list,
  'match[version]': list,
  'match[spec_version]': list,
});

class TaxiiError extends RempartError {}
const taxiiError = (status: number, title: string) => new TaxiiError(`taxii.${status}`, title, status);

function send(reply: FastifyReply, body: unknown, headers: Record<string, string> = {}): FastifyReply {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  // A Buffer, so Fastify sends the TAXII media type exactly as the spec writes it (no charset rewrite).
  return reply.header('content-type', TAXII).header('cache-control', 'no-store').send(Buffer.from(JSON.stringify(body)));
}

/**
 * Whether an Accept header allows TAXII 2.1 (§1.6.8.1): application/taxii+json with no version or
 * version 2.1, or a wildcard; application/json is accepted for clients that send nothing better.
 * `application/taxii+json;version=2.0` alone is a 406.
 */
export function acceptsTaxii21(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((range) => {
    const [type, ...params] = range.split(';').map((x) => x.trim().toLowerCase());
    const version = params.find((p) => p.startsWith('version='))?.slice(8).replace(/"/g, '');
    if (type === 'application/taxii+json') return version === undefined || version === '2.1';
    return type === '*/*' || type === 'application/*' || type === 'application/json';
  });
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

const split = (s: string | undefined) => s?.split(',').map((x) => x.trim()).filter(Boolean);

function filterOf(req: FastifyRequest): TaxiiFilter {
  const parsed = objectsQuery.safeParse(req.query);
  if (!parsed.success) throw taxiiError(400, `Invalid query: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`);
  const q = parsed.data;
  return {
    limit: q.limit,
    next: q.next,
    addedAfter: q.added_after ? new Date(q.added_after).toISOString() : undefined,
    ids: split(q['match[id]']),
    types: split(q['match[type]']),
    versions: parseVersions(q['match[version]']),
    specVersions: split(q['match[spec_version]']),
  };
}

function dateHeaders(entries: TaxiiEntry[]): Record<string, string> {
  if (!entries.length) return {};
  const dates = entries.map((e) => e.dateAdded).sort();
  return { 'X-TAXII-Date-Added-First': dates[0], 'X-TAXII-Date-Added-Last': dates[dates.length - 1] };
}

export default async function taxiiRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(
    async (taxii) => {
      taxii.addHook('onRequest', async (req: FastifyRequest) => {
        const user = await taxiiUser(ctx, req.headers.authorization);
        if (!user) throw taxiiError(401, 'Authentication required: Authorization: Bearer <Rempart API token> (or Basic with the token as password)');
        if (!acceptsTaxii21(req.headers.accept)) throw taxiiError(406, `This server speaks ${TAXII}`);
      });
      taxii.setErrorHandler((err, _req, reply) => {
        if (err instanceof TaxiiQueryError) return send(reply.status(400), { title: err.message, http_status: '400' });
        const status = err instanceof RempartError ? err.status : (err as { statusCode?: number }).statusCode && (err as { statusCode: number }).statusCode < 500 ? (err as { statusCode: number }).statusCode : 500;
        if (status === 401) reply.header('www-authenticate', 'Bearer realm="rempart-taxii"');
        const title = err instanceof RempartError ? err.message : status === 429 ? 'Too many requests' : status === 413 ? 'Request too large' : status < 500 ? 'Bad request' : 'Internal error';
        return send(reply.status(status), { title, http_status: String(status) });
      });
      // Add Objects bodies (§5.5) are TAXII envelopes; they are refused (read-only), never parsed.
      taxii.addContentTypeParser(/^application\/taxii\+json/i, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, _body, done) => done(null, undefined));
      // Unknown API roots and paths are TAXII errors too, in the TAXII media type.
      taxii.setNotFoundHandler((req, reply) => send(reply.status(404), { title: `No such TAXII resource: ${req.url.split('?')[0].slice(0, 200)}`, http_status: '404' }));
      const rate = { rateLimit: { max: 600, timeWindow: 60_000 } };

      taxii.get('/', { config: rate }, async (req, reply) => {
        const base = `${req.protocol}://${req.host}/taxii2/`;
        return send(reply, { title: 'Rempart TAXII 2.1', description: 'Indicators and findings from Rempart (read-only).', default: `${base}${API_ROOT}/`, api_roots: [`${base}${API_ROOT}/`] });
      });

      taxii.get(`/${API_ROOT}/`, { config: rate }, async (_req, reply) =>
        send(reply, { title: 'Rempart', description: 'Read-only API root', versions: [TAXII], max_content_length: 10 * 1024 * 1024 }),
      );

      const collectionInfo = (c: TaxiiCollection) => ({ id: c.id, title: c.title, description: c.description, can_read: true, can_write: false, media_types: [STIX] });
      const collection = (id: string) => {
        const c = findTaxiiCollection(id);
        if (!c) throw taxiiError(404, 'No such collection');
        return c;
      };
      // Each read first appends what the collection's source gained (cheap when nothing is new).
      const synced = async (id: string) => {
        const c = collection(id);
        await syncTaxiiCollection(ctx.store, c);
        return c;
      };
      const objectId = (id: string) => {
        if (!OBJECT_ID.test(id)) throw taxiiError(400, 'Not a STIX identifier');
        return id;
      };

      taxii.get(`/${API_ROOT}/collections/`, { config: rate }, async (_req, reply) => send(reply, { collections: TAXII_COLLECTIONS.map(collectionInfo) }));
      taxii.get<{ Params: { id: string } }>(`/${API_ROOT}/collections/:id/`, { config: rate }, async (req, reply) => send(reply, collectionInfo(collection(req.params.id))));

      // §5.4 Get Objects: an envelope of at most `limit` object versions.
      taxii.get<{ Params: { id: string } }>(`/${API_ROOT}/collections/:id/objects/`, { config: rate }, async (req, reply) => {
        const c = await synced(req.params.id);
        const p = await queryTaxiiObjects(ctx.store.db, c, filterOf(req));
        return send(reply, { more: p.more, ...(p.next ? { next: p.next } : {}), objects: p.entries.map((e) => e.object) }, dateHeaders(p.entries));
      });

      // §5.5 Add Objects: these collections are read-only.
      taxii.post<{ Params: { id: string } }>(`/${API_ROOT}/collections/:id/objects/`, { config: rate }, async (req) => {
        collection(req.params.id);
        throw taxiiError(403, 'This collection is read-only (can_write: false)');
      });

      // §5.6 Get an Object: its versions (the latest by default) as an envelope.
      taxii.get<{ Params: { id: string; objectId: string } }>(`/${API_ROOT}/collections/:id/objects/:objectId/`, { config: rate }, async (req, reply) => {
        const c = await synced(req.params.id);
        const id = objectId(req.params.objectId);
        if (!(await taxiiObjectExists(ctx.store.db, c, id))) throw taxiiError(404, 'No such object in this collection');
        const p = await queryTaxiiObjects(ctx.store.db, c, { ...filterOf(req), ids: [id] });
        return send(reply, { more: p.more, ...(p.next ? { next: p.next } : {}), objects: p.entries.map((e) => e.object) }, dateHeaders(p.entries));
      });

      // §5.8 Get Object Versions.
      taxii.get<{ Params: { id: string; objectId: string } }>(`/${API_ROOT}/collections/:id/objects/:objectId/versions/`, { config: rate }, async (req, reply) => {
        const c = await synced(req.params.id);
        const id = objectId(req.params.objectId);
        const p = await queryTaxiiVersions(ctx.store.db, c, id, filterOf(req));
        if (!p) throw taxiiError(404, 'No such object in this collection');
        return send(reply, { more: p.more, ...(p.next ? { next: p.next } : {}), versions: p.entries.map((e) => e.version) }, dateHeaders(p.entries));
      });

      // §5.3 Get Object Manifests.
      taxii.get<{ Params: { id: string } }>(`/${API_ROOT}/collections/:id/manifest/`, { config: rate }, async (req, reply) => {
        const c = await synced(req.params.id);
        const p = await queryTaxiiObjects(ctx.store.db, c, filterOf(req));
        const objects = p.entries.map((e) => ({ id: e.object.id, date_added: e.dateAdded, version: e.version, media_type: e.mediaType }));
        return send(reply, { more: p.more, ...(p.next ? { next: p.next } : {}), objects }, dateHeaders(p.entries));
      });
    },
    { prefix: '/taxii2' },
  );
}

const OBJECT_ID = /^[a-z][a-z0-9-]{0,40}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
