import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser, systemActor } from '../../access/index.ts';
import { raiseAlert } from '../../alerts/index.ts';
import { loadConfig } from '../../core/config.ts';
import { silentLogger } from '../../core/logger.ts';
import { SecretBox } from '../../core/secrets.ts';
import { upsertIndicators } from '../../intel/index.ts';
import { openTestStore, testBackends, type TestStore } from '../../store/testing.ts';
import { buildApp } from '../app.ts';
import { acceptsTaxii21 } from './taxii.routes.ts';

const TAXII = 'application/taxii+json;version=2.1';
type Envelope = { more: boolean; next?: string; objects: Array<{ id: string; type: string; modified?: string; value?: string; pattern?: string }> };

describe('TAXII Accept header', () => {
  it('takes TAXII 2.1, unversioned TAXII and wildcards, and refuses TAXII 2.0 alone', () => {
    expect(acceptsTaxii21(TAXII)).toBe(true);
    expect(acceptsTaxii21('application/taxii+json')).toBe(true);
    expect(acceptsTaxii21('application/taxii+json; version="2.1"')).toBe(true);
    expect(acceptsTaxii21('*/*')).toBe(true);
    expect(acceptsTaxii21('application/taxii+json;version=2.0, application/taxii+json;version=2.1')).toBe(true);
    expect(acceptsTaxii21('application/taxii+json;version=2.0')).toBe(false);
    expect(acceptsTaxii21('text/html')).toBe(false);
  });
});

for (const kind of testBackends) {
  describe(`TAXII 2.1 as the specification says (${kind})`, () => {
    let t: TestStore;
    let app: FastifyInstance;
    let token: string;
    let indicators: string;
    let findings: string;
    const root = '/taxii2/api/';
    const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, accept: TAXII, ...headers } });

    beforeAll(async () => {
      t = await openTestStore(kind);
      app = await buildApp({ config: loadConfig({}, { databaseUrl: t.url }), store: t.store, logger: silentLogger(), box: SecretBox.fromKey('cd'.repeat(32)) });
      const u = await createUser(t.store, systemActor, { username: 'opencti', role: 'viewer', password: 'correct horse battery staple 3' });
      token = (await createApiToken(t.store, systemActor, u.user.id, 'taxii')).token;
      // Two findings that share one observable (the phishing sender's address): it must be served once.
      for (const title of ['Phishing: protégez-vous', 'Phishing: les deux pièces jointes'])
        await raiseAlert(t.store, { source: 'mail', severity: 'high', title, details: { from: 'mounir.mahjoubi@en-marche-fr.com', domain: 'en-marche-fr.com', techniques: ['T1566.001'] } });
      await upsertIndicators(t.store.db, [{ type: 'domain', value: 'onedrive-en-marche.fr', source: 'ANSSI', confidence: 70 }]);
      const cols = (await get(`${root}collections/`)).json().collections as Array<{ id: string }>;
      [indicators, findings] = cols.map((c) => c.id);
    }, 30_000);
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
    });

    async function all(collection: string, query = ''): Promise<Envelope['objects']> {
      const out: Envelope['objects'] = [];
      let next: string | undefined;
      for (let i = 0; i < 200; i++) {
        const r = await get(`${root}collections/${collection}/objects/?limit=1${query}${next ? `&next=${encodeURIComponent(next)}` : ''}`);
        expect(r.statusCode).toBe(200);
        const env = r.json() as Envelope;
        expect(env.objects.length).toBeLessThanOrEqual(1);
        out.push(...env.objects);
        if (!env.more) return out;
        expect(env.next).toBeTruthy();
        next = env.next;
      }
      throw new Error('pagination did not end');
    }

    it('treats limit as a maximum and serves every object once across pages', async () => {
      const objs = await all(findings);
      const ids = objs.map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(objs.filter((o) => o.type === 'email-addr').map((o) => o.value)).toEqual(['mounir.mahjoubi@en-marche-fr.com']);
      expect(objs.filter((o) => o.type === 'observed-data')).toHaveLength(2);
      const manifest = (await get(`${root}collections/${findings}/manifest/?limit=1000`)).json() as { objects: Array<{ id: string }> };
      expect(manifest.objects.map((o) => o.id).sort()).toEqual([...ids].sort());
      expect(new Set(manifest.objects.map((o) => o.id)).size).toBe(manifest.objects.length);
    });

    it('filters by match[id], match[type] and match[spec_version]', async () => {
      const objs = await all(findings);
      const target = objs.find((o) => o.type === 'attack-pattern')!;
      const byId = (await get(`${root}collections/${findings}/objects/?match[id]=${target.id}`)).json() as Envelope;
      expect(byId.objects.map((o) => o.id)).toEqual([target.id]);
      const byTypes = (await get(`${root}collections/${findings}/objects/?match[type]=email-addr,domain-name`)).json() as Envelope;
      expect(new Set(byTypes.objects.map((o) => o.type))).toEqual(new Set(['email-addr', 'domain-name']));
      expect(((await get(`${root}collections/${findings}/objects/?match[spec_version]=2.0`)).json() as Envelope).objects).toEqual([]);
      expect(((await get(`${root}collections/${findings}/objects/?match[spec_version]=2.1&match[type]=attack-pattern`)).json() as Envelope).objects).toHaveLength(1);
    });

    it('keeps every version of a changed object: latest by default, first, all, and the versions endpoint', async () => {
      const before = (await get(`${root}collections/${indicators}/objects/?match[type]=indicator`)).json() as Envelope;
      const ind = before.objects[0];
      await new Promise((r) => setTimeout(r, 5));
      await upsertIndicators(t.store.db, [{ type: 'domain', value: 'onedrive-en-marche.fr', source: 'ANSSI', confidence: 95, description: 'Used in the April 2017 wave' }]);
      const latest = (await get(`${root}collections/${indicators}/objects/${ind.id}/`)).json() as Envelope;
      expect(latest.objects).toHaveLength(1);
      expect(latest.objects[0].modified! > ind.modified!).toBe(true);
      const first = (await get(`${root}collections/${indicators}/objects/${ind.id}/?match[version]=first`)).json() as Envelope;
      expect(first.objects[0].modified).toBe(ind.modified);
      const every = (await get(`${root}collections/${indicators}/objects/${ind.id}/?match[version]=all`)).json() as Envelope;
      expect(every.objects.map((o) => o.modified)).toEqual([ind.modified, latest.objects[0].modified]);
      const exact = (await get(`${root}collections/${indicators}/objects/${ind.id}/?match[version]=${ind.modified}`)).json() as Envelope;
      expect(exact.objects.map((o) => o.modified)).toEqual([ind.modified]);
      const versions = await get(`${root}collections/${indicators}/objects/${ind.id}/versions/`);
      expect(versions.statusCode).toBe(200);
      expect(versions.headers['content-type']).toBe(TAXII);
      expect(versions.json()).toEqual({ more: false, versions: [ind.modified, latest.objects[0].modified] });
      expect((await get(`${root}collections/${indicators}/objects/indicator--00000000-0000-4000-8000-000000000000/versions/`)).statusCode).toBe(404);
      // The manifest lists the latest version by default.
      const manifest = (await get(`${root}collections/${indicators}/manifest/?match[id]=${ind.id}`)).json() as { objects: Array<{ version: string }> };
      expect(manifest.objects.map((o) => o.version)).toEqual([latest.objects[0].modified]);
      // added_after past the first version: only the new version is new.
      const added = (await get(`${root}collections/${indicators}/manifest/?match[id]=${ind.id}&match[version]=all`)).json() as { objects: Array<{ date_added: string }> };
      const since = (await get(`${root}collections/${indicators}/objects/?added_after=${added.objects[0].date_added}&match[type]=indicator`)).json() as Envelope;
      expect(since.objects.map((o) => o.modified)).toEqual([latest.objects[0].modified]);
    });

    it('answers errors as TAXII error messages in the TAXII media type, with 403, 404 and 406 where due', async () => {
      const unknownRoot = await get('/taxii2/other-root/collections/');
      expect(unknownRoot.statusCode).toBe(404);
      expect(unknownRoot.headers['content-type']).toBe(TAXII);
      expect(unknownRoot.json()).toMatchObject({ http_status: '404', title: expect.any(String) });
      const post = await app.inject({ method: 'POST', url: `${root}collections/${indicators}/objects/`, headers: { authorization: `Bearer ${token}`, accept: TAXII, 'content-type': TAXII }, payload: JSON.stringify({ objects: [] }) });
      expect(post.statusCode).toBe(403);
      expect(post.headers['content-type']).toBe(TAXII);
      expect(post.json()).toMatchObject({ http_status: '403' });
      const old = await get(root, { accept: 'application/taxii+json;version=2.0' });
      expect(old.statusCode).toBe(406);
      expect(old.headers['content-type']).toBe(TAXII);
      expect((await get(`${root}collections/${findings}/objects/?match[version]=yesterday`)).statusCode).toBe(400);
      expect((await get(`${root}collections/${findings}/objects/?limit=0`)).statusCode).toBe(400);
      // A limit above the server's maximum is lowered, not refused.
      expect((await get(`${root}collections/${findings}/objects/?limit=100000`)).statusCode).toBe(200);
    });

    it('pages a collection that gains objects between pages without losing or repeating any', async () => {
      const first = (await get(`${root}collections/${findings}/objects/?limit=2`)).json() as Envelope;
      await raiseAlert(t.store, { source: 'domains', severity: 'high', title: 'Lookalike registered: mail-en-marche.fr', details: { domain: 'mail-en-marche.fr' } });
      const rest: Envelope['objects'] = [];
      let next = first.next;
      while (next) {
        const env = (await get(`${root}collections/${findings}/objects/?limit=2&next=${encodeURIComponent(next)}`)).json() as Envelope;
        rest.push(...env.objects);
        next = env.more ? env.next : undefined;
      }
      const ids = [...first.objects, ...rest].map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...first.objects, ...rest].some((o) => o.value === 'mail-en-marche.fr')).toBe(true);
    });
  });
}
