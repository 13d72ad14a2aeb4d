import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDomain } from '../org/index.ts';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { testBackends } from '../store/testing.ts';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { feedLines, newFeedStats } from './feed.ts';
import { buildMatcher } from './matcher.ts';
import type { DnsLookups } from './resolve.ts';
import { resolveDomain } from './resolve.ts';
import { listLookalikes, recordLookalike, watchLines } from './watch.ts';

for (const kind of testBackends) {
  describe(`lookalike watch on ${kind}`, () => {
    let h: TestApp;
    beforeAll(async () => {
      h = await createTestApp(kind);
      await addDomain(h.t.store.db, 'en-marche.fr');
    });
    afterAll(async () => h?.close());

    it('stores a lookalike once, alerts on the first sighting only, and lists it with takedown notes', async () => {
      const m = buildMatcher(['en-marche.fr']).match('onedrive-en-marche.fr')!;
      expect((await recordLookalike(h.t.store, m, 'ct-feed')).created).toBe(true);
      expect((await recordLookalike(h.t.store, m, 'ct-feed')).created).toBe(false);
      const alerts = await h.t.store.db.selectFrom('alerts').selectAll().where('source', '=', 'domains').execute();
      expect(alerts).toHaveLength(1);
      expect(alerts[0].title).toContain('onedrive-en-marche.fr');
      const notes = await h.app.inject({ method: 'PUT', url: '/api/v1/domains/lookalikes/onedrive-en-marche.fr/notes', headers: await h.as('analyst'), payload: { notes: 'Signalé au registrar le 14 mars' } });
      expect(notes.statusCode).toBe(200);
      const list = await h.app.inject({ url: '/api/v1/domains/lookalikes', headers: await h.as('viewer') });
      expect(list.json().items[0]).toMatchObject({ domain: 'onedrive-en-marche.fr', protected: 'en-marche.fr', kind: 'affix', times_seen: 2, takedown_notes: 'Signalé au registrar le 14 mars' });
      const match = await h.app.inject({ url: '/api/v1/domains/match?domain=mail-en-marche.fr', headers: await h.as('viewer') });
      expect(match.json().match).toMatchObject({ protected: 'en-marche.fr', kind: 'affix' });
    });

    it('answers the dashboard: watched domains, highlight spans, and bounded, validated input', async () => {
      const viewer = await h.as('viewer');
      const watched = await h.app.inject({ url: '/api/v1/domains/watched', headers: viewer });
      expect(watched.json()).toMatchObject({ protectedDomains: ['en-marche.fr'], builtinBrands: expect.any(Number) });
      expect(watched.json().builtinBrands).toBeGreaterThan(50);
      const hit = await h.app.inject({ url: `/api/v1/domains/match?domain=${encodeURIComponent('xn--n-marche-b8g.fr')}`, headers: viewer });
      expect(hit.json().match).toMatchObject({ unicode: 'еn-marche.fr', kind: 'mixed-script', marks: [{ start: 0, end: 1 }] });
      const list = await h.app.inject({ url: '/api/v1/domains/lookalikes', headers: viewer });
      expect(list.json().items.find((x: { domain: string }) => x.domain === 'onedrive-en-marche.fr')).toMatchObject({ marks: [{ start: 0, end: 9 }], resolution: null });
      for (const junk of ['\u0000', '..', 'xn--zz.fr', '%ff%fe', '<script>.fr']) {
        const r = await h.app.inject({ url: `/api/v1/domains/match?domain=${encodeURIComponent(junk)}`, headers: viewer });
        expect(r.statusCode).toBe(200);
        expect(r.json().match).toBeNull();
      }
      expect((await h.app.inject({ url: `/api/v1/domains/match?domain=${'a'.repeat(300)}.fr`, headers: viewer })).statusCode).toBe(400);
      expect((await h.app.inject({ url: '/api/v1/domains/lookalikes?limit=100000', headers: viewer })).statusCode).toBe(400);
      const analyst = await h.as('analyst');
      expect((await h.app.inject({ method: 'PUT', url: '/api/v1/domains/lookalikes/onedrive-en-marche.fr/notes', headers: analyst, payload: { notes: 'x'.repeat(5001) } })).statusCode).toBe(400);
      expect((await h.app.inject({ method: 'PUT', url: '/api/v1/domains/lookalikes/onedrive-en-marche.fr/notes', headers: analyst, payload: { notes: 42 } })).statusCode).toBe(400);
      expect((await h.app.inject({ method: 'PUT', url: '/api/v1/domains/lookalikes/unknown.example/notes', headers: analyst, payload: { notes: 'x' } })).statusCode).toBe(404);
      expect((await h.app.inject({ method: 'PUT', url: '/api/v1/domains/lookalikes/onedrive-en-marche.fr/notes', headers: viewer, payload: { notes: 'x' } })).statusCode).toBe(403);
    });

    it('watches a certstream WebSocket feed through a reconnection, resolving and storing each new lookalike once', async () => {
      const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
      await new Promise<void>((r) => wss.once('listening', () => r()));
      const cert = (...all_domains: string[]) => JSON.stringify({ message_type: 'certificate_update', data: { leaf_cert: { all_domains } } });
      let n = 0;
      wss.on('connection', (ws) => {
        n++;
        if (n === 1) {
          ws.send(JSON.stringify({ message_type: 'heartbeat' }));
          ws.send(cert('*.mail-en-marche.fr', 'mail-en-marche.fr', 'boulangerie-dupont.fr'));
          ws.send('');
          ws.send('xn--zz.fr');
          setTimeout(() => ws.close(), 20);
        } else if (n === 2) {
          ws.send(cert('mail-en-marche.fr'));
          ws.send('{"all_domains":["en-rnarche.fr"]}');
          setTimeout(() => ws.close(1000), 20);
        } else ws.close(); // the feed is gone: the watch gives up after two empty connections
      });
      const queried: string[] = [];
      const fakeDns: DnsLookups = {
        resolve4: async (d) => (queried.push(d), d === 'mail-en-marche.fr' ? ['192.0.2.9'] : []),
        resolve6: async () => [],
        resolveMx: async (d) => (d === 'mail-en-marche.fr' ? [{ exchange: 'mx.bad-host.example', priority: 10 }] : []),
        resolveNs: async () => ['ns1.bad-host.example'],
      };
      const feed = newFeedStats();
      const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
      const printed: string[] = [];
      try {
        const r = await watchLines(h.t.store, buildMatcher(['en-marche.fr'], { includeBuiltinBrands: false }), feedLines(url, { stats: feed, backoffMs: 5, maxFailures: 2 }), {
          source: url,
          resolve: (d) => resolveDomain(fakeDns, d),
          onNew: (m) => printed.push(m.domain),
        });
        expect(printed).toEqual(['mail-en-marche.fr', 'en-rnarche.fr']);
        expect(r).toMatchObject({ created: 2, matches: 4, empty: 1, invalid: 1 });
        expect(feed.connections).toBe(3);
      } finally {
        await new Promise((r) => wss.close(r));
      }
      // Resolved once per run, although seen three times.
      expect(queried.filter((d) => d === 'mail-en-marche.fr')).toHaveLength(1);
      const rows = await listLookalikes(h.t.store.db);
      expect(rows.find((x) => x.domain === 'mail-en-marche.fr')).toMatchObject({ times_seen: 3, resolution: { a: ['192.0.2.9'], mx: [{ exchange: 'mx.bad-host.example', priority: 10 }] } });
      const alerts = await h.t.store.db.selectFrom('alerts').selectAll().where('source', '=', 'domains').where('title', 'like', '%mail-en-marche.fr%').execute();
      expect(alerts).toHaveLength(1);
      // A lookalike of the organisation with a mail server is the most urgent.
      expect(alerts[0].severity).toBe('critical');
      expect(alerts[0].details).toContain('MX mx.bad-host.example');
    });
  });
}
