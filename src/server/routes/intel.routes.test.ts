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
        seen.push(...env.objects.map((o) => o.pattern));
        if (!env.more) break;
        next = env.next;
        expect(r.headers['x-taxii-date-added-first']).toBeTruthy();
      }
      expect(seen).toEqual(["[domain-name:value = 'en-marche-fr.com']", "[domain-name:value = 'onedrive-en-marche.fr']"]);
      const manifest = (await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/manifest/`, headers: h })).json() as { objects: Array<{ id: string; media_type: string }> };
      expect(manifest.objects).toHaveLength(2);
      expect(manifest.objects[0]).toMatchObject({ id: expect.stringMatching(/^indicator--/), media_type: 'application/stix+json;version=2.1' });
      const later = await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/?added_after=2999-01-01T00:00:00Z`, headers: h });
      expect(later.json()).toEqual({ more: false, objects: [] });

      const f = (await app.inject({ method: 'GET', url: `${root}collections/${findings.id}/objects/`, headers: h })).json() as { objects: Array<{ type: string; value?: string }> };
      expect(f.objects.map((o) => o.type)).toEqual(expect.arrayContaining(['domain-name', 'observed-data', 'indicator', 'attack-pattern', 'relationship']));
      expect(f.objects.find((o) => o.type === 'domain-name')?.value).toBe('mail-en-marche.fr');

      expect((await app.inject({ method: 'GET', url: `${root}collections/nope/objects/`, headers: h })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `${root}collections/${indicators.id}/objects/?next=garbage`, headers: h })).statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: root, headers: { ...auth(viewer), accept: 'text/html' } })).statusCode).toBe(406);
    });

    it('exports a STIX bundle and a MISP event', async () => {
      const s = await app.inject({ method: 'GET', url: '/api/v1/intel/export/stix', headers: auth(analyst) });
      expect(s.headers['content-type']).toContain('application/stix+json');
      expect(s.json().objects.some((o: { type: string }) => o.type === 'report')).toBe(true);
      const m = await app.inject({ method: 'GET', url: '/api/v1/intel/export/misp', headers: auth(analyst) });
      expect(m.json().Event.Attribute.length).toBeGreaterThan(0);
      expect((await app.inject({ method: 'GET', url: '/api/v1/intel/export/stix', headers: auth(viewer) })).statusCode).toBe(403);
    });
  });
}
