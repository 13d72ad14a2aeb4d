import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { RempartError } from '../../core/errors.ts';
import { openTestStore, testBackends, type TestStore } from '../../store/testing.ts';
import type { Store } from '../../store/index.ts';
import { loadKnowledge } from '../knowledge.ts';
import { importIntelText } from './index.ts';

import { miniBundle, T0, u } from './fixtures.ts';

async function counts(store: Store): Promise<number[]> {
  const n = async (t: 'intel_objects' | 'intel_relationships' | 'intel_indicators') =>
    Number((await store.db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return [await n('intel_objects'), await n('intel_relationships'), await n('intel_indicators')];
}

async function rejects(p: Promise<unknown>, id: string): Promise<RempartError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RempartError);
  expect((e as RempartError).id).toBe(id);
  return e as RempartError;
}

for (const kind of testBackends) {
  describe(`intel import (${kind})`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('keeps groups, techniques, software and their relationships, skipping revoked, deprecated and unknown objects', async () => {
      const r = await importIntelText(t.store, 'mini.json', JSON.stringify(miniBundle()));
      expect(r).toMatchObject({ format: 'stix', specVersion: '2.1', read: 14, revoked: 1, deprecated: 1, created: 7 });
      expect(r.ignoredTypes).toEqual({ 'x-unknown-thing': 1, 'course-of-action': 1 });
      expect(r.ignoredRelationships).toMatchObject({ mitigates: 1, 'uses (skipped end)': 1 });
      expect(r.indicators.created).toBe(1);
      const k = await loadKnowledge(t.store.db);
      const g = k.groups[0];
      expect(g).toMatchObject({ id: 'G0007', name: 'APT28', aliases: ['Sofacy'], software: ['S0161'] });
      expect(g.techniques.get('T1566.001')).toBe('APT28 sent spearphishing emails with malicious attachments.');
      expect(k.techniques.get('T1566.001')).toMatchObject({ subtechnique: true, parent: 'T1566' });
    });

    it('changes nothing when the same bundle is imported twice, and updates what a newer version changed', async () => {
      await importIntelText(t.store, 'mini.json', JSON.stringify(miniBundle()));
      const before = await counts(t.store);
      const again = await importIntelText(t.store, 'mini.json', JSON.stringify(miniBundle()));
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
      expect(again.indicators).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
      expect(await counts(t.store)).toEqual(before);
      const newer = miniBundle({ modified: '2025-01-01T00:00:00.000Z' });
      (newer.objects as Array<Record<string, unknown>>)[0].aliases = ['Sofacy', 'Fancy Bear'];
      const up = await importIntelText(t.store, 'mini.json', JSON.stringify(newer));
      expect(up).toMatchObject({ created: 0, updated: 7 });
      expect((await loadKnowledge(t.store.db)).groups[0].aliases).toEqual(['Sofacy', 'Fancy Bear']);
      expect(await counts(t.store)).toEqual(before);
    });

    it('removes a stored object when a newer version revokes it', async () => {
      await importIntelText(t.store, 'mini.json', JSON.stringify(miniBundle()));
      const b = miniBundle({ modified: '2025-01-01T00:00:00.000Z' });
      (b.objects as Array<Record<string, unknown>>)[3].revoked = true;
      const r = await importIntelText(t.store, 'mini.json', JSON.stringify(b));
      expect(r.removed).toBe(1);
      expect((await loadKnowledge(t.store.db)).groups[0].software).toEqual([]);
    });

    it('refuses a relationship to an object nobody has heard of, and imports nothing of that bundle', async () => {
      const bad = miniBundle({
        extra: [{ type: 'relationship', spec_version: '2.1', id: `relationship--${u(50)}`, created: T0, modified: T0, relationship_type: 'uses', source_ref: `intrusion-set--${u(1)}`, target_ref: `attack-pattern--${u(404)}` }],
      });
      const e = await rejects(importIntelText(t.store, 'bad.json', JSON.stringify(bad)), 'intel.broken_refs');
      expect(e.message).toContain(u(404));
      expect(await counts(t.store)).toEqual([0, 0, 0]);
    });

    it('rejects a truncated file without importing any of it', async () => {
      const text = JSON.stringify(miniBundle());
      const err = await importIntelText(t.store, 'cut.json', text.slice(0, Math.floor(text.length * 0.7)), { format: 'stix' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RempartError);
      expect(['intel.truncated', 'intel.bad_json']).toContain((err as RempartError).id);
      expect(await counts(t.store)).toEqual([0, 0, 0]);
    });

    it('rejects a wrong spec_version', async () => {
      await rejects(importIntelText(t.store, 'v3.json', JSON.stringify(miniBundle({ spec: '3.0' }))), 'intel.bad_spec_version');
      await rejects(importIntelText(t.store, 'v1.json', JSON.stringify({ type: 'bundle', spec_version: '1.2', objects: [] })), 'intel.bad_spec_version');
      expect(await counts(t.store)).toEqual([0, 0, 0]);
    });

    it('enforces object-count, depth and size bounds', async () => {
      await rejects(importIntelText(t.store, 'm.json', JSON.stringify(miniBundle()), { limits: { maxObjects: 5 } }), 'intel.too_many_objects');
      const deep = { type: 'bundle', id: `bundle--${u(1)}`, objects: [{ type: 'note', id: `note--${u(2)}`, spec_version: '2.1', x: JSON.parse('['.repeat(100) + ']'.repeat(100)) }] };
      await rejects(importIntelText(t.store, 'deep.json', JSON.stringify(deep)), 'intel.too_deep');
      await rejects(importIntelText(t.store, 'big.json', JSON.stringify(miniBundle()), { limits: { maxBytes: 1000 } }), 'intel.too_large');
      expect(await counts(t.store)).toEqual([0, 0, 0]);
    });

    it('answers garbage with a RempartError, never a crash', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.constantFrom('{"type":"bundle","objects":[1,2]}', '[]', '{"objects":[{}]}', '{')), async (text) => {
          const r = await importIntelText(t.store, 'x.json', text, { format: 'stix' }).catch((e: unknown) => e);
          if (!(r instanceof RempartError)) expect(r).toMatchObject({ format: 'stix' });
        }),
        { numRuns: 60 },
      );
    });

    it('strips NUL characters that PostgreSQL text cannot hold', async () => {
      const b = miniBundle();
      const objs = b.objects as Array<Record<string, unknown>>;
      objs[0].name = 'APT\u000028';
      objs[0].description = 'evil\u0000text';
      const r = await importIntelText(t.store, 'nul\u0000.json', JSON.stringify(b));
      expect(r.created).toBe(7);
      expect((await loadKnowledge(t.store.db)).groups[0]).toMatchObject({ name: 'APT28', description: 'eviltext' });
    });

    it('reads every object of a bundle exactly as JSON.parse does, whatever their shape', async () => {
      const { readBundle } = await import('./stix-stream.ts');
      const { Readable } = await import('node:stream');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 }), { maxLength: 12 }), fc.integer({ min: 1, max: 64 }), async (objects, chunk) => {
          const text = JSON.stringify({ type: 'bundle', id: 'bundle--x', objects, spec_version: '2.1' });
          // Feed the text in small chunks so tokens straddle chunk boundaries.
          const parts: Buffer[] = [];
          const buf = Buffer.from(text);
          for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
          const got: unknown[] = [];
          const headers: Record<string, unknown> = {};
          for await (const ev of readBundle(Readable.from(parts), { maxBytes: 1e9, maxObjects: 1e6, maxDepth: 64, maxStringBytes: 1e6 })) {
            if (ev.kind === 'object') got.push(ev.value);
            else headers[ev.key] = ev.value;
          }
          expect(got).toEqual(JSON.parse(JSON.stringify(objects)));
          expect(headers).toEqual({ type: 'bundle', id: 'bundle--x', spec_version: '2.1' });
        }),
        { numRuns: 80 },
      );
    });

    it('imports MISP galaxy clusters and merges their synonyms into the ATT&CK group they name', async () => {
      await importIntelText(t.store, 'mini.json', JSON.stringify(miniBundle()));
      const galaxy = {
        name: 'Threat Actor',
        type: 'threat-actor',
        uuid: u(100),
        version: 3,
        values: [
          {
            value: 'Sofacy',
            uuid: u(101),
            meta: { synonyms: ['APT28', 'Fancy Bear', 'Pawn Storm', 'STRONTIUM'], country: 'RU', 'cfr-suspected-victims': ['France'], 'cfr-target-category': ['Government'] },
            related: [{ 'dest-uuid': u(1), type: 'similar' }],
          },
          { value: 'Lonely', uuid: u(102) },
          { nope: true },
        ],
      };
      const r = await importIntelText(t.store, 'galaxy.json', JSON.stringify(galaxy));
      expect(r).toMatchObject({ format: 'misp-galaxy', read: 3, created: 2 });
      expect((await importIntelText(t.store, 'galaxy.json', JSON.stringify(galaxy))).created).toBe(0);
      const g = (await loadKnowledge(t.store.db)).groups[0];
      expect(g.aliases).toEqual(expect.arrayContaining(['Sofacy', 'Fancy Bear', 'Pawn Storm', 'STRONTIUM']));
      expect(g).toMatchObject({ country: 'RU', victims: ['France'], sectors: ['Government'] });
    });

    it('keeps the http(s) references of a group from ATT&CK and MISP, and drops hostile links', async () => {
      const hostile = [
        { source_name: 'mitre-attack', external_id: 'G0007', url: 'https://attack.mitre.org/groups/G0007' },
        { source_name: 'Trend Micro Pawn Storm', url: 'https://www.trendmicro.com/pawn-storm.pdf', description: 'Hacquebord, F. (2017).' },
        { source_name: 'Trend Micro again', url: 'https://www.trendmicro.com/pawn-storm.pdf' },
        { source_name: 'evil', url: 'javascript:alert(1)' },
        { source_name: 'data', url: 'data:text/html,<script>alert(1)</script>' },
        { source_name: 'spaces', url: 'https://a.example/ x' },
        { source_name: 'long', url: `https://a.example/${'x'.repeat(2000)}` },
        { source_name: 'no url' },
        'not an object',
        null,
      ];
      const bundle = miniBundle();
      (bundle.objects as Array<Record<string, unknown>>)[0].external_references = hostile;
      await importIntelText(t.store, 'mini.json', JSON.stringify(bundle));
      const galaxy = { name: 'Threat Actor', type: 'threat-actor', uuid: u(100), values: [{ value: 'Sofacy', uuid: u(101), meta: { refs: ['https://attack.mitre.org/groups/G0007', 'https://www.welivesecurity.com/sednit', 'vbscript:x', 42] }, related: [{ 'dest-uuid': u(1) }] }] };
      await importIntelText(t.store, 'galaxy.json', JSON.stringify(galaxy));
      const g = (await loadKnowledge(t.store.db)).groups[0];
      expect(g.references).toEqual([
        { source: 'mitre-attack', url: 'https://attack.mitre.org/groups/G0007' },
        { source: 'Trend Micro Pawn Storm', url: 'https://www.trendmicro.com/pawn-storm.pdf' },
        { source: 'www.welivesecurity.com', url: 'https://www.welivesecurity.com/sednit' },
      ]);
    });

    it('turns MISP event attributes and CSV rows into indicators, counting what it cannot use', async () => {
      const event = {
        Event: {
          info: 'Macron campaign phishing',
          Orgc: { name: 'CERT-FR' },
          Attribute: [
            { type: 'domain', value: 'EN-MARCHE-FR.COM', to_ids: true, timestamp: '1493596800' },
            { type: 'ip-dst', value: '203.0.113.7', to_ids: false },
            { type: 'filename|sha256', value: `invoice.doc|${'a'.repeat(64)}` },
            { type: 'text', value: 'hello' },
            { type: 'md5', value: 'not-a-hash' },
          ],
          Object: [{ Attribute: [{ type: 'url', value: 'https://onedrive-en-marche.fr/login' }] }],
        },
      };
      const r = await importIntelText(t.store, 'event.json', JSON.stringify(event));
      expect(r.indicators).toMatchObject({ created: 4, rejected: 1 });
      expect(r.ignoredTypes).toEqual({ text: 1 });
      const csv = 'type,value,source,confidence,valid_until\ndomain,mail-en-marche.fr,ANSSI,80,\ncidr,198.51.100.0/24,ANSSI,60,2030-01-01\n,garbage value,ANSSI,10,\n';
      const c = await importIntelText(t.store, 'list.csv', csv);
      expect(c.indicators).toMatchObject({ created: 2, rejected: 1 });
      const rows = await t.store.db.selectFrom('intel_indicators').select(['type', 'value', 'source', 'confidence']).orderBy('value').execute();
      expect(rows).toContainEqual({ type: 'domain', value: 'en-marche-fr.com', source: 'MISP: CERT-FR — Macron campaign phishing', confidence: 80 });
      expect(rows).toContainEqual({ type: 'sha256', value: 'a'.repeat(64), source: 'MISP: CERT-FR — Macron campaign phishing', confidence: 50 });
      expect(rows).toContainEqual({ type: 'cidr', value: '198.51.100.0/24', source: 'ANSSI', confidence: 60 });
    });
  });
}
