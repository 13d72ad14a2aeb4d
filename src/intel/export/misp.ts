import { stixIdFor, type Finding } from './stix.ts';
import type { Indicator } from '../indicators/store.ts';
import type { IndicatorType } from '../indicators/normalize.ts';

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

const uuid = (key: string) => stixIdFor('misp', key).split('--')[1];
const epoch = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));

/** Indicators and findings as one MISP event (JSON as MISP imports it: `{"Event": {…}}`). */
export function exportMispEvent(opts: { orgName: string; indicators: Indicator[]; findings: Finding[]; title?: string; now?: Date }): { Event: Record<string, unknown> } {
  const now = (opts.now ?? new Date()).toISOString();
  const attrs: Array<Record<string, unknown>> = [];
  for (const i of opts.indicators) {
    const [type, category] = MISP_TYPE[i.type];
    attrs.push({ uuid: uuid(`ind:${i.id}`), type, category, value: i.value, to_ids: i.confidence >= 70, comment: [i.description, `source: ${i.source}`].filter(Boolean).join(' — ').slice(0, 500), timestamp: epoch(i.updatedAt) });
  }
  const techniques = new Set<string>();
  for (const f of opts.findings) {
    for (const o of f.observables) {
      const [type, category] = MISP_TYPE[o.type];
      attrs.push({ uuid: uuid(`finding:${f.id}:${o.type}:${o.value}`), type, category, value: o.value, to_ids: true, comment: `${f.kind}: ${f.title}`.slice(0, 500), timestamp: epoch(f.seenAt) });
    }
    for (const t of f.techniques ?? []) techniques.add(t);
  }
  return {
    Event: {
      uuid: uuid(`event:${opts.orgName}:${now}`),
      info: opts.title ?? `Rempart — ${opts.orgName}`,
      date: now.slice(0, 10),
      timestamp: epoch(now),
      threat_level_id: '2',
      analysis: '1',
      distribution: '0',
      published: false,
      Orgc: { name: opts.orgName },
      Attribute: attrs,
      Tag: [...techniques].sort().map((t) => ({ name: `mitre-attack:${t}` })),
    },
  };
}
