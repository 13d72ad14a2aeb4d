import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sharedDataDir } from '../../core/shared-data.ts';
import type { Indicator } from '../indicators/store.ts';
import { importIntelText } from '../import/index.ts';
import { openTestStore } from '../../store/testing.ts';
import { exportMispEvent } from './misp.ts';
import { exportStixBundle, stixObservable, stixPattern, type Finding } from './stix.ts';

const shared = sharedDataDir();
const schemaRoot = shared ? join(shared, 'intel/stix2.1-schemas/schemas') : undefined;

/** The OASIS STIX 2.1 schemas (draft 2020-12), every file registered so their relative $refs resolve. */
function stixValidator(root: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  // ajv-formats has no idn-hostname; the domain-name SCO uses it. Non-empty without spaces is enough here.
  ajv.addFormat('idn-hostname', /^\S+$/);
  const byName = new Map<string, string>();
  for (const dir of ['common', 'sdos', 'sros', 'observables'])
    for (const f of readdirSync(join(root, dir)).filter((x) => x.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(root, dir, f), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      byName.set(`${dir}/${f.replace('.json', '')}`, schema.$id);
    }
  const validatorFor = (type: string) => {
    const id = ['sdos', 'sros', 'observables', 'common'].map((d) => byName.get(`${d}/${type}`)).find(Boolean);
    return id ? ajv.getSchema(id) : undefined;
  };
  return { bundle: ajv.getSchema(byName.get('common/bundle')!)!, validatorFor, ajv };
}

const indicators: Indicator[] = [
  { id: 'i1', type: 'domain', value: 'en-marche-fr.com', source: 'ANSSI', confidence: 80, description: 'Lookalike', firstSeen: '2017-04-15T00:00:00.000Z', lastSeen: null, validUntil: '2030-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z' },
  { id: 'i2', type: 'cidr', value: '198.51.100.0/24', source: 'feed', confidence: 40, description: null, firstSeen: null, lastSeen: null, validUntil: null, updatedAt: '2024-01-01T00:00:00.000Z' },
  { id: 'i3', type: 'sha256', value: 'a'.repeat(64), source: 'feed', confidence: 90, description: null, firstSeen: null, lastSeen: null, validUntil: null, updatedAt: '2024-01-01T00:00:00.000Z' },
  { id: 'i4', type: 'ipv6', value: '2001:db8::1', source: 'feed', confidence: 50, description: null, firstSeen: null, lastSeen: null, validUntil: null, updatedAt: '2024-01-01T00:00:00.000Z' },
];
const findings: Finding[] = [
  {
    id: 'alert-1',
    kind: 'phishing',
    title: 'Hameçonnage : « Mounir Mahjoubi » depuis en-marche-fr.com',
    seenAt: '2017-04-20T08:00:00.000Z',
    source: 'mail',
    observables: [
      { type: 'email', value: 'm.mahjoubi@en-marche-fr.com' },
      { type: 'url', value: "https://onedrive-en-marche.fr/login?u=a'b" },
      { type: 'md5', value: 'b'.repeat(32) },
    ],
    techniques: ['T1566.001', 'T1583.001'],
  },
];

describe('STIX 2.1 export', () => {
  const bundle = exportStixBundle({ orgName: 'En Marche !', indicators, findings, now: new Date('2024-06-01T00:00:00Z') });

  it('gives the same ids when the same things are exported again', () => {
    const again = exportStixBundle({ orgName: 'En Marche !', indicators, findings, now: new Date('2024-06-01T00:00:00Z') });
    expect(again).toEqual(bundle);
    // STIX 2.1 §2.9 deterministic SCO id; the expected value is Python's uuid.uuid5(namespace, '{"value":"example.com"}').
    expect(stixObservable('domain', 'example.com').id).toBe('domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
    expect(stixPattern('url', "http://x/'")).toBe("[url:value = 'http://x/\\'']");
  });

  it('puts each kind of object a consumer expects in the bundle', () => {
    const types = new Set(bundle.objects.map((o) => o.type));
    expect([...types].sort()).toEqual(['attack-pattern', 'email-addr', 'file', 'identity', 'indicator', 'observed-data', 'relationship', 'report', 'url'].sort());
    const report = bundle.objects.find((o) => o.type === 'report')!;
    expect((report.object_refs as string[]).length).toBe(bundle.objects.length - 2);
  });

  it.skipIf(!schemaRoot)('validates against the OASIS STIX 2.1 JSON schemas', () => {
    const v = stixValidator(schemaRoot!);
    const ok = v.bundle(bundle);
    expect(v.bundle.errors ?? [], JSON.stringify(v.bundle.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
    for (const o of bundle.objects) {
      const check = v.validatorFor(o.type);
      expect(check, `schema for ${o.type}`).toBeDefined();
      expect(check!(o), `${o.id}: ${JSON.stringify(check!.errors?.slice(0, 2))}`).toBe(true);
    }
    // The check is real: a broken indicator fails it.
    const broken = { ...bundle.objects.find((o) => o.type === 'indicator')!, pattern_type: undefined };
    expect(v.validatorFor('indicator')!(broken)).toBe(false);
  });

  it('round-trips through our own STIX importer', async () => {
    const t = await openTestStore('sqlite');
    try {
      const r = await importIntelText(t.store, 'export.json', JSON.stringify(bundle));
      expect(r.indicators.rejected).toBe(0);
      const rows = await t.store.db.selectFrom('intel_indicators').select(['type', 'value']).execute();
      expect(rows).toEqual(expect.arrayContaining([{ type: 'domain', value: 'en-marche-fr.com' }, { type: 'email', value: 'm.mahjoubi@en-marche-fr.com' }, { type: 'md5', value: 'b'.repeat(32) }]));
    } finally {
      await t.cleanup();
    }
  });
});

describe('MISP export', () => {
  it('writes one event MISP can import, with ATT&CK tags', () => {
    const e = exportMispEvent({ orgName: 'En Marche !', indicators, findings, now: new Date('2024-06-01T00:00:00Z') }).Event;
    expect(e.Orgc).toMatchObject({ name: 'En Marche !' });
    expect(e.uuid).toBe(exportMispEvent({ orgName: 'En Marche !', indicators, findings }).Event.uuid);
    const attrs = e.Attribute as Array<Record<string, unknown>>;
    expect(attrs).toHaveLength(7);
    expect(attrs[0]).toMatchObject({ type: 'domain', value: 'en-marche-fr.com', to_ids: true, category: 'Network activity' });
    expect(attrs.find((a) => a.value === 'm.mahjoubi@en-marche-fr.com')).toMatchObject({ type: 'email-src' });
    expect(e.Tag).toEqual([{ name: 'mitre-attack:T1566.001' }, { name: 'mitre-attack:T1583.001' }]);
  });
});
