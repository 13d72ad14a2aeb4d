import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser, systemActor } from '../../access/index.ts';
import { raiseAlert } from '../../alerts/index.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { SecretBox } from '../../core/secrets.ts';
import { miniBundle } from '../../intel/import/fixtures.ts';
import { openTestStore, testBackends, type TestStore } from '../../store/testing.ts';
import { buildApp } from '../app.ts';

const TAXII = 'application/taxii+json;version=2.1';

for (const kind of testBackends) {
  describe(`intel API and TAXII server (${kind})`, () => {
    let t: TestStore;
    let app: FastifyInstance;
    let analyst: string;
    let viewer: string;
    beforeAll(async () => {
      t = await openTestStore(kind);
      const config = loadConfig({}, { databaseUrl: t.url });
      app = await buildApp({ config, store: t.store, logger: createLogger('silent'), box: SecretBox.fromKey('ab'.repeat(32)) });
      const a = await createUser(t.store, systemActor, { username: 'ana', role: 'analyst', password: 'correct horse battery staple 1' });
      const v = await createUser(t.store, systemActor, { username: 'vic', role: 'viewer', password: 'correct horse battery staple 2' });
      analyst = (await createApiToken(t.store, systemActor, a.user.id, 'test')).token;
      viewer = (await createApiToken(t.store, systemActor, v.user.id, 'taxii')).token;
    }, 30_000);
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });
    const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });

    it('imports a bundle, finds the actor by alias and attributes observed techniques', async () => {
      const imp = await app.inject({ method: 'POST', url: '/api/v1/intel/import', headers: auth(analyst), payload: { name: 'mini.json', content: JSON.stringify(miniBundle()) } });
      expect(imp.statusCode).toBe(200);
      expect(imp.json()).toMatchObject({ format: 'stix', created: 7 });
      const forbidden = await app.inject({ method: 'POST', url: '/api/v1/intel/import', headers: auth(viewer), payload: { name: 'x.json', content: '{}' } });
      expect(forbidden.statusCode).toBe(403);
      const search = await app.inject({ method: 'GET', url: '/api/v1/intel/actors?q=sofacy', headers: auth(viewer) });
      expect(search.json().items.map((g: { id: string }) => g.id)).toEqual(['G0007']);
      const page = await app.inject({ method: 'GET', url: '/api/v1/intel/actors/G0007', headers: auth(viewer) });
      expect(page.json()).toMatchObject({ id: 'G0007', name: 'APT28', software: [{ id: 'S0161', name: 'X-Agent' }] });
      const attr = await app.inject({ method: 'POST', url: '/api/v1/intel/attribute', headers: auth(viewer), payload: { observations: ['mail.attachment_phishing'] } });
      expect(attr.json().items[0]).toMatchObject({ id: 'G0007', shared: [{ technique: 'T1566.001', match: 'exact' }] });
      const bad = await app.inject({ method: 'POST', url: '/api/v1/intel/attribute', headers: auth(viewer), payload: { techniques: ['DROP TABLE'] } });
      expect(bad.json().error.id).toBe('intel.bad_technique');
      const garbage = await app.inject({ method: 'POST', url: '/api/v1/intel/import', headers: auth(analyst), payload: { name: 'g.json', content: '{"type":"bundle","objects":[' } });
      expect(garbage.statusCode).toBe(400);
    });

    it('adds indicators, matches observables against them and deletes them', async () => {
      const add = await app.inject({
        method: 'POST',
        url: '/api/v1/intel/indicators',
        headers: auth(analyst),
        payload: { indicators: [{ value: 'onedrive-en-marche.fr', source: 'ANSSI', confidence: 80 }, { type: 'ip', value: '198.51.100.0/24', source: 'feed' }, { value: '???', source: 'x' }] },
      });
      expect(add.json()).toMatchObject({ created: 2, rejected: 1, rejectedValues: ['???'] });
      const m = await app.inject({ method: 'POST', url: '/api/v1/intel/match', headers: auth(viewer), payload: { domains: ['login.onedrive-en-marche.fr', 'en-marche.fr'], ips: ['198.51.100.77'] } });
      expect(m.json().items.map((h: { observed: string; match: { source: string } }) => [h.observed, h.match.source])).toEqual([
        ['login.onedrive-en-marche.fr', 'ANSSI'],
        ['198.51.100.77', 'feed'],
      ]);
      const list = await app.inject({ method: 'GET', url: '/api/v1/intel/indicators?type=cidr', headers: auth(viewer) });
      const id = list.json().items[0].id as string;
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/intel/indicators/${id}`, headers: auth(analyst) })).statusCode).toBe(200);
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/intel/indicators/${id}`, headers: auth(analyst) })).statusCode).toBe(404);
      const tiles = (await app.inject({ method: 'GET', url: '/api/v1/overview', headers: auth(viewer) })).json().tiles as Array<{ id: string; value: number }>;
      expect(tiles).toContainEqual({ id: 'intel.indicators', value: 2, href: '/intel' });
      expect(tiles).toContainEqual({ id: 'intel.groups', value: 1, href: '/intel/actors' });
    });

    it('serves a TAXII 2.1 client: discovery, collections, paginated objects, added_after', async () => {
      await raiseAlert(t.store, { source: 'domains', severity: 'high', title: 'Lookalike registered: mail-en-marche.fr', details: { domain: 'mail-en-marche.fr', techniques: ['T1583.001'] } });
      const h = { ...auth(viewer), accept: TAXII };
      expect((await app.inject({ method: 'GET', url: '/taxii2/' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/taxii2/', headers: { authorization: 'Bearer rmp_wrong' } })).json()).toMatchObject({ http_status: '401' });
      const basic = `Basic ${Buffer.from(`misp:${viewer}`).toString('base64')}`;
      expect((await app.inject({ method: 'GET', url: '/taxii2/', headers: { authorization: basic } })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/taxii2/', headers: { authorization: `Basic ${Buffer.from('vic:correct horse battery staple 2').toString('base64')}` } })).statusCode).toBe(401);
      const disc = await app.inject({ method: 'GET', url: '/taxii2/', headers: h });
      expect(disc.statusCode).toBe(200);
      expect(disc.headers['content-type']).toBe(TAXII);
      const root = new URL(disc.json().api_roots[0] as string).pathname;
      expect(root).toBe('/taxii2/api/');
      expect((await app.inject({ method: 'GET', url: root, headers: h })).json().versions).toEqual([TAXII]);
      const cols = (await app.inject({ method: 'GET', url: `${root}collections/`, headers: h })).json().collections as Array<{ id: string; title: string; can_read: boolean }>;
      expect(cols).toHaveLength(2);
      const [indicators, findings] = cols;
      expect((await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/`, headers: h })).json()).toMatchObject({ id: indicators.id, can_read: true, can_write: false });

      // Page through the indicators one object at a time.
      const seen: string[] = [];
      let next: string | undefined;
      for (let i = 0; i < 10; i++) {
        const r = await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/?limit=1${next ? `&next=${next}` : ''}`, headers: h });
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-type']).toBe(TAXII);
        const env = r.json() as { more: boolean; next?: string; objects: Array<{ type: string; pattern: string }> };
        expect(env.objects.length).toBeLessThanOrEqual(1);
        // The collection also holds the identity every indicator is created by.
        seen.push(...env.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern));
        if (!env.more) break;
        next = env.next;
        expect(r.headers['x-taxii-date-added-first']).toBeTruthy();
      }
      expect(seen.sort()).toEqual(["[domain-name:value = 'en-marche-fr.com']", "[domain-name:value = 'onedrive-en-marche.fr']"]);
      const manifest = (await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/manifest/`, headers: h })).json() as { objects: Array<{ id: string; media_type: string }> };
      expect(manifest.objects.map((o) => o.id.split('--')[0])).toEqual(['identity', 'indicator', 'indicator']);
      expect(manifest.objects[1]).toMatchObject({ id: expect.stringMatching(/^indicator--/), media_type: 'application/stix+json;version=2.1' });
      const later = await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/?added_after=2999-01-01T00:00:00Z`, headers: h });
      expect(later.json()).toEqual({ more: false, objects: [] });

      const f = (await app.inject({ method: 'GET', url: `${root}collections/${findings.id}/objects/`, headers: h })).json() as { objects: Array<{ type: string; value?: string }> };
      expect(f.objects.map((o) => o.type)).toEqual(expect.arrayContaining(['domain-name', 'observed-data', 'indicator', 'attack-pattern', 'relationship']));
      expect(f.objects.find((o) => o.type === 'domain-name')?.value).toBe('mail-en-marche.fr');

      expect((await app.inject({ method: 'GET', url: `${root}collections/nope/objects/`, headers: h })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/?next=garbage`, headers: h })).statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: root, headers: { ...auth(viewer), accept: 'text/html' } })).statusCode).toBe(406);
    });

    it('serves one object by id (TAXII 2.1 get-object), 404 for an unknown one, 400 for garbage', async () => {
      const h = { ...auth(viewer), accept: TAXII };
      const root = '/taxii2/api/';
      const cols = (await app.inject({ method: 'GET', url: `${root}collections/`, headers: h })).json().collections as Array<{ id: string }>;
      const [indicators, findings] = cols;
      const listed = (await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/`, headers: h })).json().objects as Array<{ id: string; pattern: string }>;
      const target = listed[listed.length - 1];
      const one = await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/${target.id}/`, headers: h });
      expect(one.statusCode).toBe(200);
      expect(one.headers['content-type']).toBe(TAXII);
      expect(one.headers['x-taxii-date-added-first']).toBeTruthy();
      expect(one.json()).toEqual({ more: false, objects: [target] });
      const filtered = await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/${target.id}/?match[type]=malware`, headers: h });
      expect(filtered.json()).toEqual({ more: false, objects: [] });

      const fo = (await app.inject({ method: 'GET', url: `${root}collections/${findings.id}/objects/`, headers: h })).json().objects as Array<{ id: string; type: string }>;
      const observed = fo.find((o) => o.type === 'observed-data')!;
      const got = await app.inject({ method: 'GET', url: `${root}collections/${findings.id}/objects/${observed.id}/`, headers: h });
      expect(got.json().objects).toEqual([observed]);
      // An indicator of the findings collection is not in the indicators collection.
      const findingIndicator = fo.find((o) => o.type === 'indicator')!;
      expect((await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/${findingIndicator.id}/`, headers: h })).statusCode).toBe(404);

      const unknown = await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/indicator--00000000-0000-4000-8000-000000000000/`, headers: h });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ http_status: '404' });
      for (const bad of ['x'.repeat(300), "indicator--'%20OR%201=1", '..%2F..%2Fetc', 'indicator--ZZZZ']) {
        const r = await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/${bad}/`, headers: h });
        // Fastify refuses an over-long path parameter itself (414) before the handler sees it.
        expect([400, 414], bad).toContain(r.statusCode);
      }
      expect((await app.inject({ method: 'GET', url: `${root}collections/nope/objects/${target.id}/`, headers: h })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/${target.id}/` })).statusCode).toBe(401);
    });

    it('lists the techniques seen in our alerts and counts indicator hits', async () => {
      await raiseAlert(t.store, { source: 'sensors', severity: 'high', title: 'Honey credential used', details: { ip: '203.0.113.9', techniques: ['T1078', 'T1583.001', 'not-a-technique'] } });
      const obs = await app.inject({ method: 'GET', url: '/api/v1/intel/observed', headers: auth(viewer) });
      expect(obs.statusCode).toBe(200);
      const items = obs.json().items as Array<{ technique: string; count: number; alerts: Array<{ title: string }> }>;
      expect(items[0]).toMatchObject({ technique: 'T1583.001', count: 2 });
      expect(items.map((i) => i.technique).sort()).toEqual(['T1078', 'T1583.001']);
      expect(items[0].alerts.map((a) => a.title)).toContain('Honey credential used');
      for (const bad of ['since=yesterday', 'limit=0', 'limit=99999999', `since=${'9'.repeat(50)}`]) {
        expect((await app.inject({ method: 'GET', url: `/api/v1/intel/observed?${bad}`, headers: auth(viewer) })).statusCode, bad).toBe(400);
      }
      const future = await app.inject({ method: 'GET', url: '/api/v1/intel/observed?since=2999-01-01T00:00:00Z', headers: auth(viewer) });
      expect(future.json()).toEqual({ scanned: 0, items: [] });

      const match = { value: 'onedrive-en-marche.fr', type: 'domain', source: 'ANSSI', confidence: 80, description: null, validUntil: null };
      await raiseAlert(t.store, { source: 'mail', severity: 'high', title: 'Indicator seen', details: { indicator: match, seenIn: 'a' } });
      await raiseAlert(t.store, { source: 'mail', severity: 'high', title: 'Indicator seen again', details: { indicator: match, seenIn: 'b' } });
      await raiseAlert(t.store, { source: 'mail', severity: 'low', title: 'Garbage indicator', details: { indicator: 'not an object' } });
      const list = (await app.inject({ method: 'GET', url: '/api/v1/intel/indicators', headers: auth(viewer) })).json().items as Array<{ value: string; hits: { count: number } | null }>;
      expect(list.find((i) => i.value === 'onedrive-en-marche.fr')?.hits).toMatchObject({ count: 2 });
      expect(list.find((i) => i.value !== 'onedrive-en-marche.fr')?.hits).toBeNull();
    });

    it('exports a STIX bundle and a MISP event', async () => {
      const s = await app.inject({ method: 'GET', url: '/api/v1/intel/export/stix', headers: auth(analyst) });
      expect(s.headers['content-type']).toContain('application/stix+json');
      expect(s.json().objects.some((o: { type: string }) => o.type === 'report')).toBe(true);
      const m = await app.inject({ method: 'GET', url: '/api/v1/intel/export/misp', headers: auth(analyst) });
      expect(m.json().Event.Attribute.length).toBeGreaterThan(0);
      expect((await app.inject({ method: 'GET', url: '/api/v1/intel/export/stix', headers: auth(viewer) })).statusCode).toBe(403);
    });

    it('serves a MISP feed MISP can subscribe to: manifest, each event file, hashes; unknown event 404', async () => {
      const man = await app.inject({ method: 'GET', url: '/api/v1/intel/feed/misp/manifest.json', headers: auth(analyst) });
      expect(man.statusCode).toBe(200);
      const uuids = Object.keys(man.json());
      expect(uuids.length).toBeGreaterThan(0);
      const ev = await app.inject({ method: 'GET', url: `/api/v1/intel/feed/misp/${uuids[0]}.json`, headers: auth(analyst) });
      expect(ev.json().Event.uuid).toBe(uuids[0]);
      const hashes = await app.inject({ method: 'GET', url: '/api/v1/intel/feed/misp/hashes.csv', headers: auth(analyst) });
      expect(hashes.headers['content-type']).toContain('text/csv');
      expect(hashes.body).toContain(uuids[0]);
      expect((await app.inject({ method: 'GET', url: '/api/v1/intel/feed/misp/00000000-0000-4000-8000-000000000000.json', headers: auth(analyst) })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/api/v1/intel/feed/misp/manifest.json' })).statusCode).toBe(401);
    });
  });
}
