import { ValidationError } from '../../core/errors.ts';
import { nowIso, toJson, type Tx } from '../../store/index.ts';
import { upsertIndicators, type IndicatorInput } from '../indicators/store.ts';
import { knownVersions } from '../repo.ts';
import { KnowledgeWriter } from './knowledge-writer.ts';
import { emptyReport, bump, type ImportReport } from './report.ts';
import { referenceList } from './references.ts';
import { normalizeIndicator } from '../indicators/normalize.ts';
import { stixIdFor } from '../export/stix.ts';
import { saveMispAttributes, saveMispEvent, type MispAttributeMeta } from '../misp-store.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
 
const clean = (s: string) => s.replace(/\u0000/g, '');
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map(clean) : typeof v === 'string' ? [clean(v)] : []);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function looksLikeMispGalaxy(doc: unknown): boolean {
  return isObj(doc) && Array.isArray(doc.values) && typeof doc.uuid === 'string';
}

/** A bare event as PyMISP's `to_json()` writes it and MISP's API accepts: no `{"Event": …}` wrapper. */
const isBareEvent = (v: unknown): v is Obj => isObj(v) && typeof v.info === 'string' && (Array.isArray(v.Attribute) || Array.isArray(v.Object) || typeof v.uuid === 'string') && !Array.isArray(v.values);

/** The events of any form MISP writes: `{"Event": …}`, a search `{"response": [...]}`, a bare event, or a list of either. */
export function mispEvents(doc: unknown): Obj[] {
  const one = (v: unknown): Obj | undefined => (isObj(v) && isObj(v.Event) ? v.Event : isBareEvent(v) ? v : undefined);
  if (Array.isArray(doc)) return doc.map(one).filter((e): e is Obj => !!e);
  if (isObj(doc) && Array.isArray(doc.response)) return doc.response.map(one).filter((e): e is Obj => !!e);
  const e = one(doc);
  return e ? [e] : [];
}

export function looksLikeMispEvent(doc: unknown): boolean {
  return mispEvents(doc).length > 0;
}

/**
 * Imports a MISP galaxy of threat actors. Each cluster keeps its synonyms, country, suspected
 * victims and targeted sectors, and the uuids it is `related` to: the ATT&CK intrusion set that
 * shares one of them is the same actor, which is how the aliases of both sources are merged.
 */
export async function importMispGalaxy(trx: Tx, doc: unknown, name: string): Promise<ImportReport> {
  if (!looksLikeMispGalaxy(doc)) throw ValidationError('intel.not_a_galaxy', 'Not a MISP galaxy (no "values" array)');
  const g = doc as Obj;
  const report = emptyReport(name, 'misp-galaxy');
  const writer = new KnowledgeWriter(trx, await knownVersions(trx), report);
  // Galaxies carry a version number, not timestamps: a higher version is newer.
  const modified = `galaxy-v${String(Number(g.version) || 0).padStart(10, '0')}`;
  const source = `MISP galaxy ${typeof g.name === 'string' ? g.name : 'threat-actor'}`.slice(0, 100);
  const importedAt = nowIso();
  for (const v of g.values as unknown[]) {
    report.read++;
    if (!isObj(v) || typeof v.value !== 'string' || typeof v.uuid !== 'string' || !UUID.test(v.uuid)) {
      bump(report.ignoredTypes, 'invalid cluster');
      continue;
    }
    const meta = isObj(v.meta) ? v.meta : {};
    const related = (Array.isArray(v.related) ? v.related : []).filter(isObj).map((r) => String(r['dest-uuid'] ?? '')).filter((u) => UUID.test(u));
    const attackIds = strList(meta.refs)
      .map((r) => /attack\.mitre\.org\/groups\/(G\d{4})/.exec(r)?.[1])
      .filter((x): x is string => !!x);
    await writer.object({
      id: `misp-cluster--${v.uuid.toLowerCase()}`,
      type: 'misp-threat-actor',
      external_id: null,
      name: clean(v.value).slice(0, 300),
      aliases: toJson([...new Set(strList(meta.synonyms).filter((s) => s !== v.value))].slice(0, 200)),
      description: typeof v.description === 'string' ? clean(v.description) : null,
      extra: toJson({
        country: typeof meta.country === 'string' ? meta.country : null,
        stateSponsor: typeof meta['cfr-suspected-state-sponsor'] === 'string' ? meta['cfr-suspected-state-sponsor'] : null,
        victims: strList(meta['cfr-suspected-victims']),
        sectors: [...strList(meta['cfr-target-category']), ...strList(meta['targeted-sector'])],
        related: [...new Set(related.map((u) => u.toLowerCase()))],
        attackIds: [...new Set(attackIds)],
        references: referenceList(meta.refs),
      }),
      source,
      modified,
      imported_at: importedAt,
    });
  }
  await writer.finish();
  return report;
}

const MISP_TYPES: Record<string, string> = {
  domain: 'domain',
  hostname: 'domain',
  url: 'url',
  link: 'url',
  uri: 'url',
  'ip-src': 'ip',
  'ip-dst': 'ip',
  'email-src': 'email',
  'email-dst': 'email',
  email: 'email',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
};

function attributeToIndicator(a: Obj, source: string): IndicatorInput | undefined {
  const t = typeof a.type === 'string' ? a.type : '';
  let value = typeof a.value === 'string' ? a.value : '';
  let type = MISP_TYPES[t];
  // Composite attributes: filename|sha256, ip-dst|port, domain|ip
  if (!type && t.includes('|')) {
    const [left, right] = t.split('|');
    const [lv, rv] = value.split('|');
    if (MISP_TYPES[right] && ['md5', 'sha1', 'sha256'].includes(right)) [type, value] = [MISP_TYPES[right], rv ?? ''];
    else if (MISP_TYPES[left]) [type, value] = [MISP_TYPES[left], lv ?? ''];
  }
  if (!type) return undefined;
  const ts = Number(a.timestamp);
  const seen = Number.isFinite(ts) && ts > 0 ? new Date(ts * 1000).toISOString() : null;
  return {
    type,
    value,
    source,
    // to_ids marks an attribute the author vouches for as a detection indicator.
    confidence: a.to_ids === true || a.to_ids === '1' || a.to_ids === 1 ? 80 : 50,
    description: typeof a.comment === 'string' && a.comment ? a.comment : typeof a.category === 'string' ? a.category : null,
    firstSeen: typeof a.first_seen === 'string' ? a.first_seen : seen,
    lastSeen: typeof a.last_seen === 'string' ? a.last_seen : seen,
  };
}

const MAX_TAGS = 50;
/** Tag names of a `Tag` array, and the galaxy clusters MISP attaches as `Galaxy[].GalaxyCluster[]`. */
function tagNames(v: Obj): string[] {
  const out: string[] = [];
  for (const t of Array.isArray(v.Tag) ? v.Tag : []) {
    const name = isObj(t) ? t.name : t;
    if (typeof name === 'string' && name.trim()) out.push(clean(name.trim()).slice(0, 255));
  }
  for (const g of (Array.isArray(v.Galaxy) ? v.Galaxy : []).filter(isObj)) {
    for (const c of (Array.isArray(g.GalaxyCluster) ? g.GalaxyCluster : []).filter(isObj)) {
      if (typeof c.tag_name === 'string') out.push(clean(c.tag_name).slice(0, 255));
    }
  }
  return [...new Set(out)].slice(0, MAX_TAGS);
}

const str = (v: unknown, max = 2000): string | null => (typeof v === 'string' && v ? clean(v).slice(0, max) : typeof v === 'number' ? String(v) : null);
const uuidOr = (v: unknown, key: string): string => (typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : stixIdFor('misp', key).split('--')[1]);

/**
 * Imports MISP event JSON in every form MISP and PyMISP write (see `mispEvents`). Attributes that are
 * indicators become indicators; all of them, with the event's uuid, info and tags, each attribute's
 * own type, category, uuid, object and tags, are kept so an export gives MISP back the same event.
 */
export async function importMispEvent(trx: Tx, doc: unknown, name: string, maxAttributes = 1_000_000): Promise<ImportReport> {
  const events = mispEvents(doc);
  if (!events.length) throw ValidationError('intel.not_a_misp_event', 'Not MISP event JSON (no "Event" object, search response or bare event with "info")');
  const report = emptyReport(name, 'misp-event');
  const importedAt = nowIso();
  const totals = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const ev of events) {
    const orgc = isObj(ev.Orgc) && typeof ev.Orgc.name === 'string' ? clean(ev.Orgc.name).slice(0, 200) : null;
    const info = typeof ev.info === 'string' ? clean(ev.info).slice(0, 1000) : 'MISP event';
    const source = `MISP: ${orgc ? `${orgc} — ` : ''}${info}`.slice(0, 200);
    const eventUuid = uuidOr(ev.uuid, `imported-event:${source}`);
    const entries: Array<{ a: Obj; object: MispAttributeMeta['object'] }> = (Array.isArray(ev.Attribute) ? ev.Attribute : []).filter(isObj).map((a) => ({ a, object: null }));
    for (const o of (Array.isArray(ev.Object) ? ev.Object : []).filter(isObj)) {
      const object = { uuid: uuidOr(o.uuid, `${eventUuid}:object:${entries.length}`), name: str(o.name, 100) ?? 'object', metaCategory: str(o['meta-category'], 100), relation: null };
      for (const a of (Array.isArray(o.Attribute) ? o.Attribute : []).filter(isObj)) entries.push({ a, object: { ...object, relation: str(a.object_relation, 100) } });
    }
    const inputs: IndicatorInput[] = [];
    const metas: Array<MispAttributeMeta & { input?: IndicatorInput }> = [];
    for (const { a, object } of entries) {
      report.read++;
      if (report.read > maxAttributes) throw ValidationError('intel.too_many_objects', `More than ${maxAttributes} attributes`);
      const type = str(a.type, 100);
      const value = str(a.value, 2048);
      if (!type || !value) {
        bump(report.ignoredTypes, 'invalid');
        continue;
      }
      const ind = attributeToIndicator(a, source);
      if (ind) inputs.push(ind);
      else bump(report.ignoredTypes, type.slice(0, 40));
      metas.push({
        uuid: uuidOr(a.uuid, `${eventUuid}:${type}:${value}:${object?.uuid ?? ''}`),
        eventUuid,
        indicatorId: null,
        type,
        category: str(a.category, 100),
        value,
        toIds: a.to_ids === true || a.to_ids === '1' || a.to_ids === 1,
        comment: str(a.comment),
        timestamp: str(a.timestamp, 20),
        object,
        tags: tagNames(a),
        input: ind,
      });
    }
    const c = await upsertIndicators(trx, inputs);
    for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += c[k];
    // Link each attribute to the indicator it became (type and value as the store normalised them).
    const keyOf = (i: IndicatorInput) => {
      const n = normalizeIndicator(i.type, i.value);
      return n ? `${n.type}\u0000${n.value}` : undefined;
    };
    const values = [...new Set(metas.map((m) => (m.input ? normalizeIndicator(m.input.type, m.input.value)?.value : undefined)).filter((v): v is string => !!v))];
    const ids = new Map<string, string>();
    for (let i = 0; i < values.length; i += 300) {
      for (const r of await trx.selectFrom('intel_indicators').select(['id', 'type', 'value']).where('source', '=', source.replace(/\u0000/g, '').trim()).where('value', 'in', values.slice(i, i + 300)).execute()) ids.set(`${r.type}\u0000${r.value}`, r.id);
    }
    for (const m of metas) {
      const k = m.input ? keyOf(m.input) : undefined;
      m.indicatorId = k ? (ids.get(k) ?? null) : null;
    }
    await saveMispEvent(trx, { uuid: eventUuid, info, orgc, date: str(ev.date, 20), threatLevelId: str(ev.threat_level_id, 5), analysis: str(ev.analysis, 5), tags: tagNames(ev) }, importedAt);
    await saveMispAttributes(trx, eventUuid, metas.map(({ input: _input, ...m }) => m));
  }
  report.indicators = totals;
  return report;
}
