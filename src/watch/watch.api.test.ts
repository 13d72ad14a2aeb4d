import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser, systemActor } from '../access/index.ts';
import { loadConfig } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { SecretBox } from '../core/secrets.ts';
import { buildApp } from '../server/app.ts';
import { openTestStore, testBackends, type TestStore } from '../store/testing.ts';
import { loadDemo } from '../demo/index.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { countPosts, loadPosts, savePosts } from './repo.ts';
import { simulateStream } from './simulate.ts';

/** The demo writes decoy kits and a leak dump: into a temporary folder, not the working tree. */
const demoDir = mkdtempSync(join(tmpdir(), 'rempart-watch-demo-'));

for (const kind of testBackends) {
  describe(`watch API and storage (${kind})`, () => {
    let ts: TestStore;
    let app: FastifyInstance;
    let auth: Record<string, string>;
    beforeAll(async () => {
      ts = await openTestStore(kind);
      const key = 'ab'.repeat(32);
      const config = loadConfig({ REMPART_DATABASE_URL: ts.url, REMPART_SECRET_KEY: key });
      app = await buildApp({ config, store: ts.store, box: SecretBox.fromKey(key), logger: createLogger('silent') });
      const { user } = await createUser(ts.store, systemActor, { username: 'ana', role: 'analyst', password: 'correct horse battery staple' });
      const { token } = await createApiToken(ts.store, systemActor, user.id, 'test');
      auth = { authorization: `Bearer ${token}` };
    });
    afterAll(async () => {
      await app.close();
      await ts.cleanup();
    });

    it('ingests posts, reports bad rows, and finds the planted group through the API', async () => {
      const sim = simulateStream({ seed: 3, accounts: 300, ordinaryPosts: 3000, groups: 1, groupSize: [8, 8], campaigns: [10, 10], participation: 1, hyperactive: 3, hyperactivePosts: 300, originals: 0 });
      const bad = [{ id: 'x' }, { id: 'y', author: { id: 'a' }, created_at: 'hier' }];
      const res = await app.inject({ method: 'POST', url: '/api/v1/watch/posts', headers: auth, payload: { posts: [...sim.posts, ...bad, sim.posts[0]] } });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ inserted: number; issueCount: number; duplicates: number }>();
      expect(body.inserted).toBe(sim.posts.length);
      expect(body.issueCount).toBe(2);
      expect(body.duplicates).toBe(1);
      expect(await countPosts(ts.store.db)).toBe(sim.posts.length);
      const again = await app.inject({ method: 'POST', url: '/api/v1/watch/posts', headers: auth, payload: { posts: sim.posts.slice(0, 10) } });
      expect(again.json<{ inserted: number }>().inserted).toBe(0);

      const c = await app.inject({ method: 'GET', url: '/api/v1/watch/clusters?window=60', headers: auth });
      const clusters = c.json<{ clusters: Array<{ accounts: string[]; evidence: Array<{ shared: unknown[] }> }> }>().clusters;
      expect(clusters).toHaveLength(1);
      expect(clusters[0].accounts.sort()).toEqual([...sim.coordinated].sort());
      expect(clusters[0].evidence[0].shared.length).toBeGreaterThan(0);
      const n = await app.inject({ method: 'GET', url: '/api/v1/watch/narratives', headers: auth });
      expect(n.statusCode).toBe(200);
    });

    it('round-trips posts with emoji, RTL text and author details', async () => {
      const res = await app.inject({
        method: 'POST', url: '/api/v1/watch/posts', headers: auth,
        payload: { format: 'jsonl', data: JSON.stringify({ id: 'rtl-1', author: { id: 'ar', handle: 'عربي', created_at: '2017-01-01', followers: 12 }, text: 'مرحبا 🇫🇷 #Test', created_at: '2017-05-06T10:00:00+02:00' }) },
      });
      expect(res.json<{ inserted: number }>().inserted).toBe(1);
      const [p] = await loadPosts(ts.store.db, { since: '2017-05-06T08:00:00.000Z', until: '2017-05-06T08:00:00.000Z' });
      expect(p).toMatchObject({ id: 'rtl-1', text: 'مرحبا 🇫🇷 #Test', hashtags: ['test'], author: { handle: 'عربي', followers: 12 } });
    });

    it('widens an account’s first and last seen across ingests and keeps known details', async () => {
      const base = { platform: 't', text: '', urls: [], hashtags: [], mentions: [] };
      await savePosts(ts.store, [{ ...base, id: 'w2', author: { id: 'wid', handle: 'wide', followers: 5 }, created_at: '2017-05-06T00:00:00.000Z' }]);
      await savePosts(ts.store, [{ ...base, id: 'w1', author: { id: 'wid' }, created_at: '2017-05-01T00:00:00.000Z' }, { ...base, id: 'w3', author: { id: 'wid' }, created_at: '2017-05-07T00:00:00.000Z' }]);
      const a = await ts.store.db.selectFrom('watch_accounts').selectAll().where('id', '=', 'wid').executeTakeFirstOrThrow();
      expect(a).toMatchObject({ handle: 'wide', followers: 5, first_seen: '2017-05-01T00:00:00.000Z', last_seen: '2017-05-07T00:00:00.000Z' });
    });

    it('refuses a viewer-level request to ingest without a token', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/watch/posts', payload: { posts: [] } });
      expect(res.statusCode).toBe(401);
    });

    it('loads the demo story: sources, a planted group and a burst alert, twice without duplicates', async () => {
      await loadDemo(ts.store, SecretBox.fromKey('3'.repeat(64)), undefined, { dataDir: demoDir });
      const before = await countPosts(ts.store.db);
      await loadDemo(ts.store, SecretBox.fromKey('3'.repeat(64)), undefined, { dataDir: demoDir });
      expect(await countPosts(ts.store.db)).toBe(before);
      const s = await app.inject({ method: 'GET', url: '/api/v1/watch/sources', headers: auth });
      const items = s.json<{ items: Array<{ id: string; labels: string[]; slant: Array<{ entity: string; mean: number }> }> }>().items;
      const rt = items.find((i) => i.id === 'rt-france');
      expect(rt?.labels).toContain('state-affiliated:RU');
      expect(rt?.slant.find((x) => x.entity === 'macron')?.mean).toBeLessThan(0);
      const alerts = await ts.store.db.selectFrom('alerts').select(['title', 'severity']).where('source', '=', 'watch').execute();
      const burst = alerts.filter((a) => a.title.startsWith('Pic de diffusion : #macronleaks (×'));
      expect(burst).toHaveLength(1);
      expect(burst[0].title).toMatch(/% du volume par des comptes coordonnés/);
    });
  });
}
