/**
 * The TAXII 2.1 collections Rempart serves (read-only): what it knows (indicators) and what it saw
 * (findings from alerts). Each collection is an append-only log of STIX object versions,
 * `intel_taxii_objects`, brought up to date from its source before each read. Paging, `added_after`,
 * `match[…]`, object versions and manifests are then indexed reads that follow the specification
 * (OASIS TAXII 2.1, §3.4-3.6, §5.3-5.8): `limit` is a maximum, an object shared by several findings
 * is served once, and every version of an object is kept.
 */
import type { Selectable } from 'kysely';
import { loadOrgContext } from '../../org/index.ts';
import type { Db, Store } from '../../store/index.ts';
import { scanFindings } from '../export/findings.ts';
import { findingToStix, identityObject, indicatorToStix, stixIdFor, type StixObject } from '../export/stix.ts';
import { toIndicator } from '../indicators/store.ts';
import type { IntelTaxiiObjectsTable } from './repo.ts';
import './repo.ts';

export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

export interface TaxiiCollection {
  id: string;
  key: 'indicators' | 'findings';
  title: string;
  description: string;
}

export const TAXII_COLLECTIONS: readonly TaxiiCollection[] = [
  { id: stixIdFor('collection', 'indicators').split('--')[1], key: 'indicators', title: 'Rempart — indicateurs / indicators', description: 'Indicators of compromise known to this Rempart instance, with source and confidence.' },
  { id: stixIdFor('collection', 'findings').split('--')[1], key: 'findings', title: 'Rempart — observations / findings', description: 'What Rempart saw: phishing verdicts, lookalike domains, sensor hits, coordinated clusters.' },
];

export function findTaxiiCollection(id: string): TaxiiCollection | undefined {
  return TAXII_COLLECTIONS.find((c) => c.id === id);
}

type Row = Selectable<IntelTaxiiObjectsTable>;

/** An object version as a TAXII envelope or manifest lists it. */
export interface TaxiiEntry {
  object: StixObject;
  dateAdded: string;
  /** The version timestamp (`modified`, else `created`, else `date_added`). */
  version: string;
  mediaType: string;
}

const iso = (s: unknown): string | undefined => (typeof s === 'string' && Number.isFinite(Date.parse(s)) ? new Date(s).toISOString() : undefined);
const versionOf = (o: StixObject) => iso(o.modified) ?? iso(o.created) ?? '';
const entry = (r: Row): TaxiiEntry => ({ object: JSON.parse(r.object) as StixObject, dateAdded: r.date_added, version: r.version || r.date_added, mediaType: STIX_MEDIA_TYPE });

/** Source rows read per step of a sync, and object versions written per transaction. */
const SYNC_BATCH = 500;

/**
 * Appends what the collection's source gained since the last sync. Idempotent and safe with
 * several processes: versions already present are kept as they are (primary key on collection,
 * id, version), and the cursor only moves forward. Returns the number of versions added.
 */
export async function syncTaxiiCollection(store: Store, c: TaxiiCollection): Promise<number> {
  const org = await loadOrgContext(store.db);
  const identity = identityObject(org.name || 'Rempart');
  let added = 0;
  for (;;) {
    const state = await store.db.selectFrom('intel_taxii_sync').selectAll().where('collection', '=', c.key).executeTakeFirst();
    const after = state ? { at: state.cursor_at, id: state.cursor_id } : undefined;
    let objects: StixObject[];
    let last: { at: string; id: string } | undefined;
    let done: boolean;
    if (c.key === 'indicators') {
      let sel = store.db.selectFrom('intel_indicators').selectAll().orderBy('updated_at').orderBy('id').limit(SYNC_BATCH);
      if (after) sel = sel.where((eb) => eb.or([eb('updated_at', '>', after.at), eb.and([eb('updated_at', '=', after.at), eb('id', '>', after.id)])]));
      const rows = await sel.execute();
      objects = rows.map((r) => indicatorToStix(toIndicator(r), identity.id));
      const l = rows.at(-1);
      last = l ? { at: l.updated_at, id: l.id } : undefined;
      done = rows.length < SYNC_BATCH;
    } else {
      const page = await scanFindings(store.db, { after, limit: SYNC_BATCH });
      objects = page.findings.flatMap((f) => findingToStix(f, identity.id));
      last = page.last && (!after || page.last.at !== after.at || page.last.id !== after.id) ? page.last : undefined;
      done = page.done;
    }
    if (!last) return added;
    if (objects.length) objects.unshift(identity);
    added += await store.transaction(async (trx) => {
      // date_added only grows, so a client polling with added_after = the last date it saw never
      // misses a version added later within the same millisecond.
      const max = await trx.selectFrom('intel_taxii_objects').select((eb) => eb.fn.max('date_added').as('m')).where('collection', '=', c.key).executeTakeFirst();
      const now = Date.now();
      const dateAdded = new Date(Math.max(now, max?.m ? Date.parse(max.m) + 1 : now)).toISOString();
      const unique = [...new Map(objects.map((o) => [`${o.id}|${versionOf(o)}`, o])).values()];
      let n = 0;
      for (let i = 0; i < unique.length; i += 200) {
        const rows = unique.slice(i, i + 200).map((o) => ({ collection: c.key, stix_id: o.id, version: versionOf(o), type: o.type, spec_version: typeof o.spec_version === 'string' ? o.spec_version : '2.1', date_added: dateAdded, object: JSON.stringify(o) }));
        const r = await trx.insertInto('intel_taxii_objects').values(rows).onConflict((oc) => oc.columns(['collection', 'stix_id', 'version']).doNothing()).executeTakeFirst();
        n += Number(r.numInsertedOrUpdatedRows ?? 0);
      }
      await trx
        .insertInto('intel_taxii_sync')
        .values({ collection: c.key, cursor_at: last.at, cursor_id: last.id })
        .onConflict((oc) => oc.column('collection').doUpdateSet({ cursor_at: last.at, cursor_id: last.id }))
        .execute();
      return n;
    });
    if (done) return added;
  }
}

export interface TaxiiFilter {
  limit: number;
  /** Opaque cursor from a previous page. */
  next?: string;
  addedAfter?: string;
  ids?: string[];
  types?: string[];
  /** `first`, `last` (default), `all` or version timestamps. */
  versions?: string[];
  /** Default: each object's latest specification version (all are 2.1 here). */
  specVersions?: string[];
}

export class TaxiiQueryError extends Error {}

interface Cursor {
  at: string;
  id: string;
  v: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.at, c.id, c.v])).toString('base64url');
function decodeCursor(s: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'string')) return { at: v[0] as string, id: v[1] as string, v: v[2] as string };
  } catch {
    /* fall through */
  }
  throw new TaxiiQueryError('Invalid next parameter');
}

/** Parses `match[version]` values: first, last, all or timestamps. */
export function parseVersions(raw: string | undefined): string[] | undefined {
  if (!raw) return undefined;
  const out = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const v of out) if (v !== 'first' && v !== 'last' && v !== 'all' && !iso(v)) throw new TaxiiQueryError(`Invalid match[version] value: ${v.slice(0, 40)}`);
  return out.map((v) => (v === 'first' || v === 'last' || v === 'all' ? v : (iso(v) as string)));
}

/** One page of object versions in date_added order, as `/objects/` and `/manifest/` serve them. */
export async function queryTaxiiObjects(db: Db, c: TaxiiCollection, f: TaxiiFilter): Promise<{ entries: TaxiiEntry[]; more: boolean; next?: string }> {
  const versions = f.versions?.length ? f.versions : ['last'];
  if (f.specVersions && !f.specVersions.includes('2.1')) return { entries: [], more: false };
  let sel = db.selectFrom('intel_taxii_objects as t').selectAll('t').where('t.collection', '=', c.key);
  if (f.addedAfter) sel = sel.where('t.date_added', '>', f.addedAfter);
  if (f.ids?.length) sel = sel.where('t.stix_id', 'in', f.ids);
  if (f.types?.length) sel = sel.where('t.type', 'in', f.types);
  if (!versions.includes('all')) {
    sel = sel.where((eb) => {
      const ors = [];
      const sub = (fn: 'max' | 'min') =>
        eb.selectFrom('intel_taxii_objects as u').select((x) => x.fn[fn]('u.version').as('v')).whereRef('u.collection', '=', 't.collection').whereRef('u.stix_id', '=', 't.stix_id');
      if (versions.includes('last')) ors.push(eb('t.version', '=', sub('max')));
      if (versions.includes('first')) ors.push(eb('t.version', '=', sub('min')));
      const exact = versions.filter((v) => v !== 'first' && v !== 'last');
      // A version without a timestamp of its own is its date_added.
      if (exact.length) ors.push(eb.or([eb('t.version', 'in', exact), eb.and([eb('t.version', '=', ''), eb('t.date_added', 'in', exact)])]));
      return eb.or(ors);
    });
  }
  if (f.next) {
    const k = decodeCursor(f.next);
    sel = sel.where((eb) =>
      eb.or([
        eb('t.date_added', '>', k.at),
        eb.and([eb('t.date_added', '=', k.at), eb('t.stix_id', '>', k.id)]),
        eb.and([eb('t.date_added', '=', k.at), eb('t.stix_id', '=', k.id), eb('t.version', '>', k.v)]),
      ]),
    );
  }
  const rows = await sel.orderBy('t.date_added').orderBy('t.stix_id').orderBy('t.version').limit(f.limit + 1).execute();
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  const l = page.at(-1);
  return { entries: page.map(entry), more, next: more && l ? encodeCursor({ at: l.date_added, id: l.stix_id, v: l.version }) : undefined };
}

/** The versions of one object (§5.8), oldest first; undefined when the collection never had it. */
export async function queryTaxiiVersions(db: Db, c: TaxiiCollection, stixId: string, f: Pick<TaxiiFilter, 'limit' | 'next' | 'addedAfter' | 'specVersions'>): Promise<{ entries: TaxiiEntry[]; more: boolean; next?: string } | undefined> {
  const known = await db.selectFrom('intel_taxii_objects').select('stix_id').where('collection', '=', c.key).where('stix_id', '=', stixId).limit(1).executeTakeFirst();
  if (!known) return undefined;
  const r = await queryTaxiiObjects(db, c, { ...f, ids: [stixId], versions: ['all'] });
  return { ...r, entries: [...r.entries].sort((a, b) => a.version.localeCompare(b.version)) };
}

/** Whether the collection has ever held this object (a 404 otherwise). */
export async function taxiiObjectExists(db: Db, c: TaxiiCollection, stixId: string): Promise<boolean> {
  return !!(await db.selectFrom('intel_taxii_objects').select('stix_id').where('collection', '=', c.key).where('stix_id', '=', stixId).limit(1).executeTakeFirst());
}
