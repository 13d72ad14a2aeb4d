import type { Readable } from 'node:stream';
import { ValidationError } from '../../core/errors.ts';
import { nowIso, toJson, type Tx } from '../../store/index.ts';
import type { IndicatorInput } from '../indicators/store.ts';
import { upsertIndicators } from '../indicators/store.ts';
import { knownVersions, type IntelObjectRow, type IntelRelationshipRow } from '../repo.ts';
import { KnowledgeWriter } from './knowledge-writer.ts';
import { bump, emptyReport, type ImportLimits, type ImportReport } from './report.ts';
import { readBundle } from './stix-stream.ts';
import { referenceList } from './references.ts';

/** The STIX object types Rempart keeps as knowledge. */
export const KNOWLEDGE_TYPES = ['intrusion-set', 'attack-pattern', 'malware', 'tool', 'campaign'] as const;
const KEPT = new Set<string>(KNOWLEDGE_TYPES);
/** Relationship types attribution and actor pages use. */
const KEPT_RELATIONSHIPS = new Set(['uses', 'attributed-to', 'subtechnique-of']);
const SPEC_VERSIONS = new Set(['2.0', '2.1']);
/** The identity MITRE signs ATT&CK objects with. */
const MITRE_IDENTITY = 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5';
const STIX_ID = /^[a-z0-9][a-z0-9-]{0,62}--[0-9a-fA-F-]{36}$/;

type Obj = Record<string, unknown>;

// PostgreSQL text cannot hold U+0000; a hostile bundle must get a clean import, not a 500.
 
const str = (v: unknown): string | null => (typeof v === 'string' ? v.replace(/\u0000/g, '') : null);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((x): x is string => x !== null) : []);

function externalId(o: Obj): string | null {
  const refs = Array.isArray(o.external_references) ? (o.external_references as Obj[]) : [];
  const mitre = refs.find((r) => r && typeof r === 'object' && typeof r.external_id === 'string' && String(r.source_name ?? '').startsWith('mitre'));
  return mitre ? str(mitre.external_id) : null;
}

function objectRow(o: Obj, type: string, source: string, importedAt: string): IntelObjectRow {
  const extra: Record<string, unknown> = {};
  let aliases: string[] = [];
  if (type === 'attack-pattern') {
    extra.killChain = (Array.isArray(o.kill_chain_phases) ? (o.kill_chain_phases as Obj[]) : []).map((k) => str(k?.phase_name)).filter(Boolean);
    extra.subtechnique = o.x_mitre_is_subtechnique === true;
    extra.platforms = strList(o.x_mitre_platforms);
  } else if (type === 'intrusion-set' || type === 'campaign') {
    aliases = strList(o.aliases);
    for (const k of ['first_seen', 'last_seen', 'primary_motivation', 'resource_level']) if (typeof o[k] === 'string') extra[k] = o[k];
    if (type === 'intrusion-set') extra.references = referenceList(o.external_references);
  } else {
    aliases = strList(o.x_mitre_aliases ?? o.aliases);
    extra.platforms = strList(o.x_mitre_platforms);
  }
  const name = str(o.name) ?? String(o.id);
  return {
    id: String(o.id),
    type,
    external_id: externalId(o),
    name: name.slice(0, 300),
    aliases: toJson([...new Set(aliases.filter((a) => a !== name))].slice(0, 200)),
    description: str(o.description),
    extra: toJson(extra),
    source,
    modified: str(o.modified) ?? str(o.created) ?? '',
    imported_at: importedAt,
  };
}

const PATTERN = /^\s*\[\s*(domain-name:value|url:value|ipv4-addr:value|ipv6-addr:value|email-addr:value|file:hashes\.(?:'?(MD5|SHA-1|SHA-256)'?))\s*=\s*'((?:[^'\\]|\\.)*)'\s*\]\s*$/;
const PATTERN_TYPE: Record<string, string> = { 'domain-name:value': 'domain', 'url:value': 'url', 'ipv4-addr:value': 'ip', 'ipv6-addr:value': 'ip', 'email-addr:value': 'email' };

/** A STIX indicator with a single-comparison pattern as a Rempart indicator; compound patterns are not matched. */
function indicatorFromStix(o: Obj, source: string): IndicatorInput | undefined {
  const m = PATTERN.exec(str(o.pattern) ?? '');
  if (!m) return undefined;
  const type = m[2] ? m[2].replace('-', '').toLowerCase() : PATTERN_TYPE[m[1]];
  return {
    type,
    value: m[3].replace(/\\(.)/g, '$1'),
    source,
    confidence: typeof o.confidence === 'number' ? o.confidence : 50,
    description: str(o.name) ?? str(o.description),
    firstSeen: str(o.valid_from),
    validUntil: str(o.valid_until),
  };
}

export interface StixImportOptions {
  name: string;
  /** Label stored on each object, e.g. "MITRE ATT&CK". Defaults from the bundle's content. */
  source?: string;
  limits: ImportLimits;
  onObject?: (index: number) => void;
}

/**
 * Imports a STIX 2.0 or 2.1 bundle inside `trx`. Revoked and deprecated objects are skipped (and an
 * older stored copy removed); unknown types are counted; a relationship pointing at an object that
 * is neither in the bundle nor already stored aborts the import, so nothing half-linked lands.
 */
export async function importStixBundle(trx: Tx, input: Readable, opts: StixImportOptions): Promise<ImportReport> {
  const report = emptyReport(opts.name, 'stix');
  const importedAt = nowIso();
  const known = await knownVersions(trx);
  const writer = new KnowledgeWriter(trx, known, report);
  const seen = new Set<string>();
  const dropped = new Set<string>();
  const rels: IntelRelationshipRow[] = [];
  const indicators: IndicatorInput[] = [];
  let bundleType: unknown;
  let bundleSpec: string | undefined;
  const sourceOf = (o: Obj) => opts.source ?? (o.created_by_ref === MITRE_IDENTITY ? 'MITRE ATT&CK' : opts.name);

  for await (const ev of readBundle(input, opts.limits)) {
    if (ev.kind === 'header') {
      if (ev.key === 'type') bundleType = ev.value;
      if (ev.key === 'spec_version') {
        bundleSpec = String(ev.value);
        if (!SPEC_VERSIONS.has(bundleSpec)) throw ValidationError('intel.bad_spec_version', `Bundle spec_version "${bundleSpec.slice(0, 20)}" is not STIX 2.0 or 2.1`);
      }
      continue;
    }
    opts.onObject?.(ev.index);
    report.read++;
    const o = ev.value as Obj;
    const type = str(o?.type);
    const id = str(o?.id);
    if (!type || !id || !STIX_ID.test(id)) throw ValidationError('intel.bad_object', `objects[${ev.index}] has no valid "type" and "id"`, { index: ev.index });
    const spec = str(o.spec_version);
    if (spec !== null && !SPEC_VERSIONS.has(spec)) throw ValidationError('intel.bad_spec_version', `${id} has spec_version "${spec.slice(0, 20)}", not STIX 2.0 or 2.1`);
    report.specVersion ??= spec ?? bundleSpec;
    seen.add(id);
    const modified = str(o.modified) ?? str(o.created) ?? '';
    if (o.revoked === true || o.x_mitre_deprecated === true) {
      if (o.revoked === true) report.revoked++;
      else report.deprecated++;
      dropped.add(id);
      writer.retire(id, modified);
      continue;
    }
    if (type === 'relationship') {
      const rt = str(o.relationship_type) ?? '';
      const src = str(o.source_ref);
      const dst = str(o.target_ref);
      if (!src || !dst) throw ValidationError('intel.bad_object', `${id} has no source_ref/target_ref`, { index: ev.index });
      if (!KEPT_RELATIONSHIPS.has(rt)) {
        bump(report.ignoredRelationships, rt);
        continue;
      }
      rels.push({ id, type: rt, source_ref: src, target_ref: dst, description: str(o.description)?.trim() ?? null, modified, imported_at: importedAt });
      continue;
    }
    if (type === 'indicator') {
      const ind = indicatorFromStix(o, sourceOf(o));
      if (ind) indicators.push(ind);
      else report.indicators.rejected++;
      continue;
    }
    if (!KEPT.has(type)) {
      dropped.add(id);
      bump(report.ignoredTypes, type);
      continue;
    }
    await writer.object(objectRow(o, type, sourceOf(o), importedAt));
  }
  if (bundleType !== 'bundle') throw ValidationError('intel.not_a_bundle', 'The file is JSON but not a STIX bundle (no "type": "bundle")');
  if (!report.specVersion) throw ValidationError('intel.bad_spec_version', 'No spec_version in the bundle or its objects: STIX 1.x or not STIX');

  const kept: IntelRelationshipRow[] = [];
  const broken: string[] = [];
  for (const r of rels) {
    const ends = [r.source_ref, r.target_ref];
    if (ends.some((e) => dropped.has(e))) bump(report.ignoredRelationships, `${r.type} (skipped end)`);
    else if (ends.every((e) => seen.has(e) || known.has(e))) kept.push(r);
    else broken.push(`${r.id} → ${ends.find((e) => !seen.has(e) && !known.has(e))}`);
  }
  if (broken.length)
    throw ValidationError('intel.broken_refs', `${broken.length} relationship(s) point at objects that are neither in the bundle nor stored, e.g. ${broken.slice(0, 3).join(', ')}`, {
      examples: broken.slice(0, 10),
    });
  await writer.finish();
  await writer.relationships(kept);
  if (indicators.length) report.indicators = await upsertIndicators(trx, indicators);
  return report;
}
