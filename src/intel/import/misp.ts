import { ValidationError } from '../../core/errors.ts';
import { nowIso, toJson, type Tx } from '../../store/index.ts';
import { upsertIndicators, type IndicatorInput } from '../indicators/store.ts';
import { knownVersions } from '../repo.ts';
import { KnowledgeWriter } from './knowledge-writer.ts';
import { emptyReport, bump, type ImportReport } from './report.ts';
import { referenceList } from './references.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
 
const clean = (s: string) => s.replace(/\u0000/g, '');
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map(clean) : typeof v === 'string' ? [clean(v)] : []);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function looksLikeMispGalaxy(doc: unknown): boolean {
  return isObj(doc) && Array.isArray(doc.values) && typeof doc.uuid === 'string';
}

export function looksLikeMispEvent(doc: unknown): boolean {
  return isObj(doc) && (isObj(doc.Event) || (Array.isArray(doc.response) && doc.response.some((r) => isObj(r) && isObj(r.Event))));
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
    confidence: a.to_ids === true || a.to_ids === '1' ? 80 : 50,
    description: typeof a.comment === 'string' && a.comment ? a.comment : typeof a.category === 'string' ? a.category : null,
    firstSeen: typeof a.first_seen === 'string' ? a.first_seen : seen,
    lastSeen: typeof a.last_seen === 'string' ? a.last_seen : seen,
  };
}

/** Imports the attributes of MISP event JSON (one event or a search response) as indicators. */
export async function importMispEvent(trx: Tx, doc: unknown, name: string, maxAttributes = 1_000_000): Promise<ImportReport> {
  if (!looksLikeMispEvent(doc)) throw ValidationError('intel.not_a_misp_event', 'Not MISP event JSON (no "Event" object)');
  const d = doc as Obj;
  const events = isObj(d.Event) ? [d.Event] : (d.response as unknown[]).filter(isObj).map((r) => r.Event).filter(isObj);
  const report = emptyReport(name, 'misp-event');
  const inputs: IndicatorInput[] = [];
  for (const ev of events) {
    const orgc = isObj(ev.Orgc) && typeof ev.Orgc.name === 'string' ? ev.Orgc.name : null;
    const info = typeof ev.info === 'string' ? ev.info : 'MISP event';
    const source = `MISP: ${orgc ? `${orgc} — ` : ''}${info}`.slice(0, 200);
    const attrs: Obj[] = (Array.isArray(ev.Attribute) ? ev.Attribute : []).filter(isObj);
    for (const o of (Array.isArray(ev.Object) ? ev.Object : []).filter(isObj)) attrs.push(...(Array.isArray(o.Attribute) ? o.Attribute : []).filter(isObj));
    for (const a of attrs) {
      report.read++;
      if (report.read > maxAttributes) throw ValidationError('intel.too_many_objects', `More than ${maxAttributes} attributes`);
      const ind = attributeToIndicator(a, source);
      if (ind) inputs.push(ind);
      else bump(report.ignoredTypes, typeof a.type === 'string' ? a.type.slice(0, 40) : 'invalid');
    }
  }
  report.indicators = await upsertIndicators(trx, inputs);
  return report;
}
