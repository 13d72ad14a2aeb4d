import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser, systemActor } from '../access/index.ts';
import { loadConfig } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { SecretBox } from '../core/secrets.ts';
import { addDomain } from '../org/index.ts';
import { buildApp } from '../server/app.ts';
import { migrateToLatest } from '../store/index.ts';
import { openTestStore, testBackends, type TestStore } from '../store/testing.ts';

for (const kind of testBackends) {
  describe(`decoy API (${kind})`, () => {
    let t: TestStore;
    let app: FastifyInstance;
    let dir: string;
    let admin = '';
    let viewer = '';
    beforeAll(async () => {
      t = await openTestStore(kind);
      await migrateToLatest(t.store.db);
      dir = mkdtempSync(join(tmpdir(), 'blur-api-'));
      await addDomain(t.store.db, 'en-marche.fr', 'protected', 'principal');
      const config = loadConfig({}, { dataDir: dir, databaseUrl: t.url, publicUrl: 'https://rempart.example.org' });
      app = await buildApp({ config, store: t.store, box: SecretBox.fromKey('a'.repeat(64)), logger: createLogger('silent') });
      const a = await createUser(t.store, systemActor, { username: 'chief', role: 'admin', password: 'Correct-horse-battery-9' });
      admin = (await createApiToken(t.store, systemActor, a.user.id, 't')).token;
      const v = await createUser(t.store, systemActor, { username: 'watcher', role: 'viewer', password: 'Correct-horse-battery-9' });
      viewer = (await createApiToken(t.store, systemActor, v.user.id, 't')).token;
    });
    afterAll(async () => {
      await app?.close();
      await t?.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('generates a kit, lists it, and shows a decoy mailbox and message as text', async () => {
      const auth = { authorization: `Bearer ${admin}` };
      const denied = await app.inject({ method: 'POST', url: '/api/v1/blur/deployments', headers: { authorization: `Bearer ${viewer}` }, payload: { personas: 1, months: 1, seed: 'x' } });
      expect(denied.statusCode).toBe(403);
      const gen = await app.inject({ method: 'POST', url: '/api/v1/blur/deployments', headers: auth, payload: { personas: 2, months: 1, seed: 'api' } });
      expect(gen.statusCode).toBe(200);
      const g = gen.json() as { id: string; counts: { messages: number }; personas: Array<{ email: string }> };
      expect(g.counts.messages).toBeGreaterThan(10);
      const list = (await app.inject({ method: 'GET', url: '/api/v1/blur/deployments', headers: { authorization: `Bearer ${viewer}` } })).json() as { deployments: Array<{ id: string }> };
      expect(list.deployments.map((d) => d.id)).toContain(g.id);
      const box = (await app.inject({ method: 'GET', url: `/api/v1/blur/deployments/${g.id}/mailboxes/${encodeURIComponent(g.personas[0].email)}?folder=INBOX`, headers: auth })).json() as { total: number; messages: Array<{ id: string; subject: string }> };
      expect(box.total).toBeGreaterThan(0);
      const msg = (await app.inject({ method: 'GET', url: `/api/v1/blur/messages/${box.messages[0].id}`, headers: auth })).json() as { subject: string; text: string; to: string };
      expect(msg.subject).toBe(box.messages[0].subject);
      expect(msg.to).toContain(g.personas[0].email);
      expect(msg.text).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/);
      const ov = (await app.inject({ method: 'GET', url: '/api/v1/overview', headers: auth })).json() as { tiles: Array<{ id: string; value: number }> };
      expect(ov.tiles.find((x) => x.id === 'blur.decoys')?.value).toBeGreaterThan(10);
    }, 60_000);

    it('rejects oversize kits and unknown messages', async () => {
      const auth = { authorization: `Bearer ${admin}` };
      expect((await app.inject({ method: 'POST', url: '/api/v1/blur/deployments', headers: auth, payload: { personas: 500, months: 1, seed: 'x' } })).statusCode).toBe(400);
      expect((await app.inject({ method: 'GET', url: '/api/v1/blur/messages/0123456789abcdef', headers: auth })).statusCode).toBe(404);
    });
  });
}
