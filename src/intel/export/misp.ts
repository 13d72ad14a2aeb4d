import { stixIdFor, type Finding } from './stix.ts';
import type { Indicator } from '../indicators/store.ts';
import type { IndicatorType } from '../indicators/normalize.ts';
import type { MispAttributeMeta, MispEventMeta } from '../misp-store.ts';

const MISP_TYPE: Record<IndicatorType, [string, string]> = {
  domain: ['domain', 'Network activity'],
  url: ['url', 'Network activity'],
  ipv4: ['ip-dst', 'Network activity'],
  ipv6: ['ip-dst', 'Network activity'],
  cidr: ['ip-dst', 'Network activity'],
  email: ['email-src', 'Payload delivery'],
  md5: ['md5', 'Payload delivery'],
  sha1: ['sha1', 'Payload delivery'],
  sha256: ['sha256', 'Payload delivery'],
};

/** A uuid that is the same at every export of the same thing (MISP updates the event, not a new one). */
export const mispUuid = (key: string): string => stixIdFor('misp', key).split('--')[1];
const epoch = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));
const tagList = (names: Iterable<string>) => [...new Set(names)].sort().map((name) => ({ name }));

export interface MispExportInput {
  orgName: string;
  indicators: Indicator[];
  findings: Finding[];
  title?: string;
  /** What the export covers (e.g. `all`, `findings:phishing`): the event uuid is derived from it and the organisation. */
  scope?: string;
  /** What imported MISP events said about these indicators (see `mispContext`). */
  misp?: { attributes: MispAttributeMeta[]; events: MispEventMeta[] };
  /** Used only when the event has no content to date it. */
  now?: Date;
}

/**
 * Indicators and findings as one MISP event (JSON as MISP imports it: `{"Event": {…}}`). The event
 * uuid depends only on the organisation and the scope, and its timestamp is that of its newest
 * content: exporting again updates the same MISP event, and an unchanged export is byte-identical.
 * Indicators that came from a MISP event go back as MISP typed them, in their objects, with their tags.
 */
export function exportMispEvent(opts: MispExportInput): { Event: Record<string, unknown> } {
  const scope = opts.scope ?? 'all';
  const attrs: Array<Record<string, unknown>> = [];
  const objects = new Map<string, { uuid: string; name: string; 'meta-category': string; timestamp: string; Attribute: Array<Record<string, unknown>> }>();
  const byIndicator = new Map<string, MispAttributeMeta[]>();
  for (const m of opts.misp?.attributes ?? []) {
    const key = m.indicatorId ?? `object-only:${m.uuid}`;
    byIndicator.set(key, [...(byIndicator.get(key) ?? []), m]);
  }
  const times: string[] = [];
  const placed = new Set<string>();
  const place = (m: MispAttributeMeta) => {
    if (placed.has(m.uuid)) return;
    placed.add(m.uuid);
    const a: Record<string, unknown> = { uuid: m.uuid, type: m.type, category: m.category ?? 'Other', value: m.value, to_ids: m.toIds, comment: m.comment ?? '', timestamp: m.timestamp ?? '0' };
    if (m.tags.length) a.Tag = tagList(m.tags);
    if (!m.object) return attrs.push(a);
    a.object_relation = m.object.relation ?? m.type;
    let o = objects.get(m.object.uuid);
    if (!o) objects.set(m.object.uuid, (o = { uuid: m.object.uuid, name: m.object.name, 'meta-category': m.object.metaCategory ?? 'network', timestamp: '0', Attribute: [] }));
    o.Attribute.push(a);
    if (Number(a.timestamp) > Number(o.timestamp)) o.timestamp = String(a.timestamp);
  };
  for (const i of opts.indicators) {
    times.push(i.updatedAt);
    const kept = byIndicator.get(i.id);
    if (kept?.length) {
      kept.forEach(place);
      continue;
    }
    const [type, category] = MISP_TYPE[i.type];
    attrs.push({ uuid: mispUuid(`ind:${i.id}`), type, category, value: i.value, to_ids: i.confidence >= 70, comment: [i.description, `source: ${i.source}`].filter(Boolean).join(' — ').slice(0, 500), timestamp: epoch(i.updatedAt) });
  }
  // The other attributes of the objects those indicators sit in (a domain-ip object's port).
  // and the attributes of their events that are not indicators (a text, a port).
  const scopedIndicators = new Set(opts.indicators.map((i) => i.id));
  for (const m of opts.misp?.attributes ?? []) if (m.object ? objects.has(m.object.uuid) : !m.indicatorId || scopedIndicators.has(m.indicatorId)) place(m);
  const techniques = new Set<string>();
  for (const f of opts.findings) {
    times.push(f.seenAt);
    for (const o of f.observables) {
      const [type, category] = MISP_TYPE[o.type];
      attrs.push({ uuid: mispUuid(`finding:${f.id}:${o.type}:${o.value}`), type, category, value: o.value, to_ids: true, comment: `${f.kind}: ${f.title}`.slice(0, 500), timestamp: epoch(f.seenAt) });
    }
    for (const t of f.techniques ?? []) techniques.add(t);
  }
  times.sort();
  const newest = times.at(-1) ?? (opts.now ?? new Date(0)).toISOString();
  const oldest = times[0] ?? newest;
  const eventTags = new Set<string>([...techniques].map((t) => `mitre-attack:${t}`));
  for (const e of opts.misp?.events ?? []) for (const t of e.tags) eventTags.add(t);
  const event: Record<string, unknown> = {
    uuid: mispUuid(`event:${opts.orgName}:${scope}`),
    info: opts.title ?? `Rempart — ${opts.orgName}${scope === 'all' ? '' : ` — ${scope}`}`,
    date: oldest.slice(0, 10),
    timestamp: epoch(newest),
    threat_level_id: '2',
    analysis: '1',
    distribution: '0',
    published: false,
    Orgc: { name: opts.orgName, uuid: mispUuid(`org:${opts.orgName}`) },
    Attribute: attrs,
    Tag: tagList(eventTags),
  };
  if (objects.size) event.Object = [...objects.values()];
  return { Event: event };
}
