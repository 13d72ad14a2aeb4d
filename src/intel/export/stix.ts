import { createHash } from 'node:crypto';
import type { Indicator } from '../indicators/store.ts';
import type { IndicatorType } from '../indicators/normalize.ts';

/** A STIX 2.1 object as exported (plain JSON). */
export type StixObject = Record<string, unknown> & { type: string; id: string };

/** Something another capability found: a triage verdict, a lookalike, a sensor hit, a cluster. */
export interface Finding {
  /** Stable id in Rempart (alert id…): the same finding always exports to the same STIX ids. */
  id: string;
  /** phishing, lookalike, sensor, cluster… */
  kind: string;
  title: string;
  description?: string;
  seenAt: string;
  /** The capability that produced it. */
  source: string;
  observables: Array<{ type: IndicatorType; value: string }>;
  /** ATT&CK techniques it shows (T1566.001…). */
  techniques?: string[];
}

// STIX 2.1 §2.9: deterministic SCO ids are UUIDv5 in this namespace.
const SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
// Rempart's own namespace for SDO ids derived from Rempart ids.
const REMPART_NAMESPACE = '6f7a2b1e-4c1d-5e8f-9a0b-3c2d1e0f9a8b';

function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A deterministic STIX id: exporting the same thing twice gives the same id, so consumers deduplicate. */
export function stixIdFor(type: string, key: string): string {
  return `${type}--${uuidv5(`${type}:${key}`, REMPART_NAMESPACE)}`;
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
const HASH_NAME: Record<string, string> = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256' };

/** The STIX pattern that matches one observable. */
export function stixPattern(type: IndicatorType, value: string): string {
  switch (type) {
    case 'domain':
      return `[domain-name:value = '${esc(value)}']`;
    case 'url':
      return `[url:value = '${esc(value)}']`;
    case 'email':
      return `[email-addr:value = '${esc(value)}']`;
    case 'ipv6':
      return `[ipv6-addr:value = '${esc(value)}']`;
    case 'ipv4':
      return `[ipv4-addr:value = '${esc(value)}']`;
    case 'cidr':
      return value.includes(':') ? `[ipv6-addr:value ISSUBSET '${esc(value)}']` : `[ipv4-addr:value ISSUBSET '${esc(value)}']`;
    case 'md5':
    case 'sha1':
    case 'sha256':
      return `[file:hashes.'${HASH_NAME[type]}' = '${esc(value)}']`;
  }
}

/** The STIX Cyber-observable Object for an observable, with its deterministic id. */
export function stixObservable(type: IndicatorType, value: string): StixObject {
  const sco = (t: string, props: Record<string, unknown>): StixObject => ({ type: t, spec_version: '2.1', id: `${t}--${uuidv5(JSON.stringify(props), SCO_NAMESPACE)}`, ...props });
  switch (type) {
    case 'domain':
      return sco('domain-name', { value });
    case 'url':
      return sco('url', { value });
    case 'email':
      return sco('email-addr', { value });
    case 'ipv4':
    case 'ipv6':
      return sco(`${type}-addr`, { value });
    case 'cidr':
      return sco(value.includes(':') ? 'ipv6-addr' : 'ipv4-addr', { value });
    case 'md5':
    case 'sha1':
    case 'sha256':
      return sco('file', { hashes: { [HASH_NAME[type]]: value } });
  }
}

const ts = (iso: string | null | undefined, fallback: string) => new Date(iso && Number.isFinite(Date.parse(iso)) ? iso : fallback).toISOString();

/** A Rempart indicator as a STIX 2.1 indicator. */
export function indicatorToStix(ind: Pick<Indicator, 'type' | 'value' | 'source' | 'confidence' | 'description' | 'firstSeen' | 'validUntil' | 'updatedAt'>, identityId: string): StixObject {
  const modified = ts(ind.updatedAt, new Date().toISOString());
  const validFrom = ts(ind.firstSeen, modified);
  const o: StixObject = {
    type: 'indicator',
    spec_version: '2.1',
    id: stixIdFor('indicator', `${ind.type}:${ind.value}:${ind.source}`),
    created_by_ref: identityId,
    created: validFrom < modified ? validFrom : modified,
    modified,
    name: `${ind.type} ${ind.value}`.slice(0, 300),
    description: [ind.description, `Source: ${ind.source}`].filter(Boolean).join('\n'),
    indicator_types: ['malicious-activity'],
    pattern: stixPattern(ind.type, ind.value),
    pattern_type: 'stix',
    valid_from: validFrom,
    confidence: Math.max(0, Math.min(100, Math.round(ind.confidence))),
    labels: [`source:${ind.source}`.slice(0, 200)],
  };
  if (ind.validUntil && Date.parse(ind.validUntil) > Date.parse(validFrom)) o.valid_until = ts(ind.validUntil, modified);
  return o;
}

/** The organisation exporting, as the STIX identity every object is created by. */
export function identityObject(orgName: string): StixObject {
  const now = '2017-01-01T00:00:00.000Z';
  return { type: 'identity', spec_version: '2.1', id: stixIdFor('identity', orgName), created: now, modified: now, name: orgName || 'Rempart', identity_class: 'organization' };
}

/**
 * A finding as STIX: its observables (SCOs) wrapped in observed-data, an indicator per observable,
 * the ATT&CK techniques it shows as attack-patterns, and relationships tying them together.
 */
export function findingToStix(f: Finding, identityId: string): StixObject[] {
  const at = ts(f.seenAt, new Date().toISOString());
  const base = { spec_version: '2.1', created_by_ref: identityId, created: at, modified: at };
  const out: StixObject[] = [];
  const scos = f.observables.map((o) => stixObservable(o.type, o.value));
  const uniqueScos = [...new Map(scos.map((s) => [s.id, s])).values()];
  out.push(...uniqueScos);
  const indicators: StixObject[] = f.observables.map((o) => ({
    type: 'indicator',
    ...base,
    id: stixIdFor('indicator', `${f.id}:${o.type}:${o.value}`),
    name: `${o.value} (${f.kind})`.slice(0, 300),
    description: f.title,
    indicator_types: ['malicious-activity'],
    pattern: stixPattern(o.type, o.value),
    pattern_type: 'stix',
    valid_from: at,
    labels: [f.source, f.kind],
  }));
  if (uniqueScos.length) {
    const observed: StixObject = {
      type: 'observed-data',
      ...base,
      id: stixIdFor('observed-data', f.id),
      first_observed: at,
      last_observed: at,
      number_observed: 1,
      object_refs: uniqueScos.map((s) => s.id),
      labels: [f.source, f.kind],
    };
    out.push(observed);
    for (const ind of indicators)
      out.push(ind, { type: 'relationship', ...base, id: stixIdFor('relationship', `${ind.id}:based-on`), relationship_type: 'based-on', source_ref: ind.id, target_ref: observed.id });
  }
  for (const t of f.techniques ?? []) {
    const ap: StixObject = {
      type: 'attack-pattern',
      spec_version: '2.1',
      id: stixIdFor('attack-pattern', t),
      created: '2017-01-01T00:00:00.000Z',
      modified: '2017-01-01T00:00:00.000Z',
      name: t,
      external_references: [{ source_name: 'mitre-attack', external_id: t, url: `https://attack.mitre.org/techniques/${t.replace('.', '/')}/` }],
    };
    out.push(ap);
    for (const ind of indicators) out.push({ type: 'relationship', ...base, id: stixIdFor('relationship', `${ind.id}:indicates:${t}`), relationship_type: 'indicates', source_ref: ind.id, target_ref: ap.id });
  }
  return out;
}

/**
 * A STIX 2.1 bundle of indicators and findings, with the exporting identity and one report that
 * references everything (what MISP and OpenCTI show as the event).
 */
export function exportStixBundle(opts: { orgName: string; indicators: Indicator[]; findings: Finding[]; title?: string; now?: Date }): { type: 'bundle'; id: string; objects: StixObject[] } {
  const now = (opts.now ?? new Date()).toISOString();
  const identity = identityObject(opts.orgName);
  const objects = new Map<string, StixObject>([[identity.id, identity]]);
  for (const i of opts.indicators) {
    const o = indicatorToStix(i, identity.id);
    objects.set(o.id, o);
  }
  for (const f of opts.findings) for (const o of findingToStix(f, identity.id)) objects.set(o.id, o);
  const refs = [...objects.keys()].filter((id) => id !== identity.id);
  if (refs.length) {
    const report: StixObject = {
      type: 'report',
      spec_version: '2.1',
      id: stixIdFor('report', `${opts.orgName}:${now}`),
      created_by_ref: identity.id,
      created: now,
      modified: now,
      name: opts.title ?? `Rempart — ${opts.orgName}`,
      report_types: ['threat-report'],
      published: now,
      object_refs: refs,
    };
    objects.set(report.id, report);
  }
  return { type: 'bundle', id: stixIdFor('bundle', `${opts.orgName}:${now}`), objects: [...objects.values()] };
}
