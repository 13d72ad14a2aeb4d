import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RempartError } from '../../core/errors.ts';
import { openTestStore, testBackends, type TestStore } from '../../store/testing.ts';
import { buildMispFeed, gatherMispExport } from '../export/misp-feed.ts';
import { exportMispEvent } from '../export/misp.ts';
import { importIntelText } from './index.ts';

// An event as MISP 2.4/2.5 and PyMISP write it: a hostname attribute, a domain-ip object with a
// port (not an indicator), an attribute tag, event tags (TLP and a galaxy cluster).
const EVENT_UUID = '5f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const mispEvent = () => ({
  uuid: EVENT_UUID,
  info: 'APT28 phishing infrastructure, spring 2017',
  date: '2017-04-20',
  threat_level_id: '1',
  analysis: '2',
  Orgc: { name: 'CERT-Example', uuid: '11111111-2222-4333-8444-555555555555' },
  Tag: [{ name: 'tlp:amber', colour: '#FFC000' }, { name: 'misp-galaxy:threat-actor="Sofacy"' }],
  Attribute: [
    { uuid: 'aaaaaaaa-0000-4000-8000-000000000001', type: 'hostname', category: 'Network activity', value: 'mail.onedrive-en-marche.fr', to_ids: true, timestamp: '1492646400', comment: 'phishing host' },
    { uuid: 'aaaaaaaa-0000-4000-8000-000000000002', type: 'sha256', category: 'Payload delivery', value: 'a'.repeat(64), to_ids: true, timestamp: '1492646400', Tag: [{ name: 'kill-chain:delivery' }] },
    { uuid: 'aaaaaaaa-0000-4000-8000-000000000003', type: 'text', category: 'Other', value: 'lure: "download the two attachments"', to_ids: false, timestamp: '1492646400' },
  ],
  Object: [
    {
      uuid: 'bbbbbbbb-0000-4000-8000-000000000001',
      name: 'domain-ip',
      'meta-category': 'network',
      Attribute: [
        { uuid: 'aaaaaaaa-0000-4000-8000-000000000004', type: 'domain', object_relation: 'domain', category: 'Network activity', value: 'en-marche-fr.com', to_ids: true, timestamp: '1492646400' },
        { uuid: 'aaaaaaaa-0000-4000-8000-000000000005', type: 'ip-dst', object_relation: 'ip', category: 'Network activity', value: '185.86.151.2', to_ids: true, timestamp: '1492646400' },
        { uuid: 'aaaaaaaa-0000-4000-8000-000000000006', type: 'port', object_relation: 'port', category: 'Network activity', value: '443', to_ids: false, timestamp: '1492646400' },
      ],
    },
  ],
});

type Attr = { uuid: string; type: string; value: string; object_relation?: string; Tag?: Array<{ name: string }> };
type Ev = { uuid: string; Attribute: Attr[]; Object?: Array<{ uuid: string; name: string; Attribute: Attr[] }>; Tag: Array<{ name: string }> };

for (const kind of testBackends) {
  describe(`MISP round trip (${kind})`, () => {
    let t: TestStore;
    beforeEach(async () => {
      t = await openTestStore(kind);
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('imports the three event forms MISP and PyMISP write: {"Event": …}, a search response and a bare event', async () => {
      const wrapped = await importIntelText(t.store, 'wrapped.json', JSON.stringify({ Event: mispEvent() }));
      expect(wrapped).toMatchObject({ format: 'misp-event', read: 6 });
      expect(wrapped.indicators.created).toBe(4);
      const search = await importIntelText(t.store, 'search.json', JSON.stringify({ response: [{ Event: mispEvent() }] }));
      expect(search.indicators).toMatchObject({ created: 0, unchanged: 4 });
      // PyMISP's to_json(): no wrapper, keys in its own order ("Attribute" first, "category" early).
      const bare = await importIntelText(t.store, 'bare.json', JSON.stringify(mispEvent()));
      expect(bare.format).toBe('misp-event');
      expect(bare.indicators.unchanged).toBe(4);
    });

    it('gives MISP back the same event: hostname type, the domain-ip object with its port, uuids and tags', async () => {
      await importIntelText(t.store, 'event.json', JSON.stringify({ Event: mispEvent() }));
      const ev = exportMispEvent(await gatherMispExport(t.store.db)).Event as unknown as Ev;
      const host = ev.Attribute.find((a) => a.value === 'mail.onedrive-en-marche.fr');
      expect(host).toMatchObject({ type: 'hostname', uuid: 'aaaaaaaa-0000-4000-8000-000000000001' });
      expect(ev.Attribute.find((a) => a.type === 'sha256')?.Tag).toEqual([{ name: 'kill-chain:delivery' }]);
      // The domain and IP are not flattened: they stay in their object, with the port beside them.
      expect(ev.Attribute.some((a) => a.value === 'en-marche-fr.com')).toBe(false);
      expect(ev.Object).toHaveLength(1);
      const o = ev.Object?.[0];
      expect(o).toMatchObject({ uuid: 'bbbbbbbb-0000-4000-8000-000000000001', name: 'domain-ip' });
      expect(o?.Attribute.map((a) => [a.object_relation, a.type, a.value]).sort()).toEqual([
        ['domain', 'domain', 'en-marche-fr.com'],
        ['ip', 'ip-dst', '185.86.151.2'],
        ['port', 'port', '443'],
      ]);
      expect(ev.Tag.map((x) => x.name)).toEqual(expect.arrayContaining(['tlp:amber', 'misp-galaxy:threat-actor="Sofacy"']));
    });

    it('keeps one event uuid per organisation and scope: an unchanged export is identical, a new one updates the same event', async () => {
      await importIntelText(t.store, 'event.json', JSON.stringify({ Event: mispEvent() }));
      const a = JSON.stringify(exportMispEvent(await gatherMispExport(t.store.db)));
      await new Promise((r) => setTimeout(r, 5));
      const b = JSON.stringify(exportMispEvent(await gatherMispExport(t.store.db)));
      expect(b).toBe(a);
      await importIntelText(t.store, 'more.csv', 'type,value,source\ndomain,macron-leaks.example,analyst\n');
      const c = exportMispEvent(await gatherMispExport(t.store.db)).Event;
      expect(c.uuid).toBe((JSON.parse(a) as { Event: Ev }).Event.uuid);
      expect(Number(c.timestamp)).toBeGreaterThanOrEqual(Number((JSON.parse(a) as { Event: { timestamp: string } }).Event.timestamp));
      expect(exportMispEvent({ ...(await gatherMispExport(t.store.db)), scope: 'findings:phishing' }).Event.uuid).not.toBe(c.uuid);
    });

    it('round trips the other way: our export imported into another Rempart exports the same attributes, objects and tags', async () => {
      await importIntelText(t.store, 'event.json', JSON.stringify({ Event: mispEvent() }));
      const first = exportMispEvent(await gatherMispExport(t.store.db)).Event as unknown as Ev;
      const other = await openTestStore(kind);
      try {
        await importIntelText(other.store, 'rempart.json', JSON.stringify({ Event: first }));
        const again = exportMispEvent(await gatherMispExport(other.store.db)).Event as unknown as Ev;
        const shape = (e: Ev) => ({
          attrs: e.Attribute.map((a) => `${a.uuid} ${a.type} ${a.value} ${(a.Tag ?? []).map((x) => x.name).join()}`).sort(),
          objects: (e.Object ?? []).map((o) => `${o.uuid} ${o.name} ${o.Attribute.map((a) => `${a.object_relation}=${a.value}`).sort().join(' ')}`).sort(),
          tags: e.Tag.map((x) => x.name).sort(),
        });
        expect(shape(again)).toEqual(shape(first));
      } finally {
        await other.cleanup();
      }
    });

    it('serves a MISP feed: a manifest entry per event, each event file, and the hashes of every value', async () => {
      await importIntelText(t.store, 'event.json', JSON.stringify({ Event: mispEvent() }));
      const feed = await buildMispFeed(t.store.db);
      const uuids = Object.keys(feed.manifest);
      expect(uuids.length).toBe(feed.events.size);
      for (const u of uuids) {
        const ev = feed.events.get(u)?.Event;
        expect(ev?.uuid).toBe(u);
        expect(feed.manifest[u]).toMatchObject({ info: ev?.info, timestamp: ev?.timestamp, date: ev?.date });
      }
      // 6 attributes of the imported event: 3 plain, 3 in the object.
      expect(feed.hashes.trim().split('\n')).toHaveLength(6);
      expect(feed.hashes).toMatch(/^[0-9a-f]{32},[0-9a-f-]{36}$/m);
    });

    it('survives hostile events: garbage attributes are counted, nothing half stored, never a crash', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.constant(null), fc.string(), fc.record({ type: fc.oneof(fc.string(), fc.constant('domain'), fc.constant('ip-dst')), value: fc.oneof(fc.string(), fc.integer()), uuid: fc.string(), Tag: fc.anything() }, { requiredKeys: [] })), { maxLength: 20 }),
          fc.anything(),
          async (attrs, tags) => {
            try {
              const r = await importIntelText(t.store, 'fuzz.json', JSON.stringify({ Event: { info: 'fuzz', Attribute: attrs, Object: [{ name: 'x', Attribute: attrs }], Tag: tags } }));
              expect(r.read).toBeLessThanOrEqual(attrs.length * 2);
            } catch (e) {
              expect(e).toBeInstanceOf(RempartError);
            }
          },
        ),
        { numRuns: 40 },
      );
      const r = await importIntelText(t.store, 'ok.json', JSON.stringify({ Event: mispEvent() }));
      expect(r.indicators.created + r.indicators.unchanged).toBe(4);
    });
  });
}
