import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser, systemActor } from '../access/index.ts';
import { loadConfig } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { SecretBox } from '../core/secrets.ts';
import { buildApp } from '../server/app.ts';
import { openTestStore, testBackends, type TestStore } from '../store/testing.ts';
import type { GraphView } from './graph.ts';
import { savePosts } from './repo.ts';
import { simulateStream } from './simulate.ts';

for (const kind of testBackends) {
  describe(`watch dashboard API (${kind})`, () => {
    let ts: TestStore;
    let app: FastifyInstance;
    let auth: Record<string, string>;
    const sim = simulateStream({ seed: 9, accounts: 300, ordinaryPosts: 3000, groups: 2, groupSize: [8, 8], campaigns: [10, 10], participation: 1, hyperactive: 3, hyperactivePosts: 300, originals: 0.1 });
    const get = (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: auth });

    beforeAll(async () => {
      ts = await openTestStore(kind);
      const key = 'cd'.repeat(32);
      const config = loadConfig({ REMPART_DATABASE_URL: ts.url, REMPART_SECRET_KEY: key });
      app = await buildApp({ config, store: ts.store, box: SecretBox.fromKey(key), logger: createLogger('silent') });
      const { user } = await createUser(ts.store, systemActor, { username: 'vic', role: 'viewer', password: 'correct horse battery staple' });
      auth = { authorization: `Bearer ${(await createApiToken(ts.store, systemActor, user.id, 'test')).token}` };
      await savePosts(ts.store, sim.posts);
    });
    afterAll(async () => {
      await app.close();
      await ts.cleanup();
    });

    it('draws the network with both planted groups as clusters, within the limits asked', async () => {
      const res = await get('/watch/graph?minWeight=1');
      expect(res.statusCode).toBe(200);
      const g = res.json<GraphView>();
      expect(g.nodes.length).toBe(g.totalNodes);
      const clusterOf = new Map(g.nodes.map((n) => [n.id, n.cluster]));
      for (const group of sim.groups) expect(new Set(group.map((a) => clusterOf.get(a))).size).toBe(1);
      expect(g.clusters.length).toBeGreaterThanOrEqual(2);
      const small = (await get('/watch/graph?minWeight=1&maxNodes=10&maxEdges=5')).json<GraphView>();
      expect(small.nodes).toHaveLength(10);
      expect(small.edges.length).toBeLessThanOrEqual(5);
    });

    it('explains a pair of the same group with shared items and their time gaps', async () => {
      const [a, b] = sim.groups[0];
      const res = await get(`/watch/evidence?user_1=${a}&user_2=${b}`);
      const e = res.json<{ significant: boolean; weight: number; shared: Array<{ key: string; pairs: Array<{ gap: number }> }> }>();
      expect(e.significant).toBe(true);
      expect(e.weight).toBeGreaterThanOrEqual(3);
      expect(e.shared.length).toBeGreaterThan(0);
      expect(e.shared[0].key).toMatch(/^camp0_/);
      for (const s of e.shared) for (const p of s.pairs) expect(Math.abs(p.gap)).toBeLessThanOrEqual(60);
      const none = (await get('/watch/evidence?user_1=nobody&user_2=o1')).json<{ weight: number; shared: unknown[] }>();
      expect(none).toMatchObject({ weight: 0, shared: [] });
    });

    it('counts every post once in the timeline and lists bursts', async () => {
      const t = (await get('/watch/timeline?bucket=3600')).json<{ bucketSeconds: number; posts: number[]; coordinated: number[]; bursts: unknown[] }>();
      expect(t.posts.reduce((s, n) => s + n, 0)).toBe(sim.posts.length);
      const planted = sim.posts.filter((p) => sim.coordinated.has(p.author.id)).length;
      expect(t.coordinated.reduce((s, n) => s + n, 0)).toBe(planted);
      // Three days at one minute would be 4,320 bars: the bucket widens to stay under 2,000.
      const fine = (await get('/watch/timeline?bucket=60')).json<{ bucketSeconds: number; posts: number[] }>();
      expect(fine.bucketSeconds).toBeGreaterThan(60);
      expect(fine.posts.length).toBeLessThanOrEqual(2000);
    });

    it('opens a narrative with its posts as evidence, earliest first', async () => {
      const list = (await get('/watch/narratives?limit=5')).json<{ items: Array<{ id: string; posts: number }> }>().items;
      // The limit counts narratives, not the posts they are built from.
      expect(list).toHaveLength(5);
      const res = await get(`/watch/narrative?id=${encodeURIComponent(list[0].id)}`);
      expect(res.statusCode).toBe(200);
      const d = res.json<{ narrative: { id: string; posts: number }; evidence: Array<{ at: string; text: string }>; series: { posts: number[] } }>();
      expect(d.narrative.id).toBe(list[0].id);
      expect(d.evidence.length).toBe(Math.min(200, d.narrative.posts));
      expect([...d.evidence].sort((x, y) => x.at.localeCompare(y.at)).map((x) => x.at)).toEqual(d.evidence.map((x) => x.at));
      expect(d.series.posts.reduce((s, n) => s + n, 0)).toBe(d.evidence.length);
      expect((await get('/watch/narrative?id=n-does-not-exist')).statusCode).toBe(404);
    });

    it('downloads the network as GEXF, GraphML and CSV attachments', async () => {
      const gexf = await get('/watch/export?format=gexf');
      expect(gexf.headers['content-type']).toMatch(/^application\/gexf\+xml/);
      expect(gexf.headers['content-disposition']).toMatch(/^attachment; filename="rempart-corepost-\d{4}-\d\d-\d\d\.gexf"$/);
      expect(gexf.body).toContain(`<node id="${sim.groups[0][0]}"`);
      expect((await get('/watch/export?format=graphml')).body).toContain('<graphml');
      expect((await get('/watch/export?format=csv&minWeight=3')).body.split('\n')[0]).toBe('user_1,user_2,weight,lift,significant');
    });

    it('refuses garbage queries with 400 and no work done', async () => {
      for (const url of [
        '/watch/clusters?window=1e12', '/watch/coordination?window=Infinity',
        '/watch/graph?window=-5', '/watch/graph?window=1e99', '/watch/graph?window=abc', '/watch/graph?maxNodes=1000000', '/watch/graph?maxEdges=-1', '/watch/graph?type=cobweb',
        '/watch/timeline?bucket=1', '/watch/timeline?bucket=NaN', `/watch/timeline?since=${'9'.repeat(100)}`,
        '/watch/evidence?user_1=a', `/watch/evidence?user_1=${'a'.repeat(300)}&user_2=b`, '/watch/evidence?user_1=a&user_2=b&limit=100000',
        `/watch/narrative?id=${'x'.repeat(400)}`, '/watch/narrative', '/watch/export', '/watch/export?format=exe', '/watch/export?format=csv&minWeight=0',
      ]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(400);
      }
      expect((await app.inject({ method: 'GET', url: '/api/v1/watch/graph' })).statusCode).toBe(401);
    });
  });
}
