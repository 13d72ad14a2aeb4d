/**
 * Replays, against Rempart on the 2017 demo, the exchanges the OASIS TAXII client (taxii2-client
 * 2.3.0) had with it when recorded (test/fixtures/taxii2-client-2.3.0.json): the same requests
 * (paths, match[…] encoding, limits, Accept header, Basic auth with the token as password), each
 * `next` taken from the live previous page, and the same answers (status, media type, date
 * headers, page sizes, `more`). A change that would break that client breaks this test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApiToken, createUser, systemActor } from '../../src/access/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { SecretBox } from '../../src/core/secrets.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { openTestStore, type TestStore } from '../../src/store/testing.ts';
import { buildApp } from '../../src/server/app.ts';

interface Exchange {
  method: string;
  url: string;
  accept: string;
  auth: string;
  status: number;
  contentType: string;
  dateHeaders: boolean;
  shape: { more?: boolean; objects?: number; next?: boolean; versions?: number; collections?: number; keys?: string[] };
}
const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/taxii2-client-2.3.0.json'), 'utf8')) as { exchanges: Exchange[] };

describe('the OASIS TAXII 2.1 client against Rempart (recorded exchanges)', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let token: string;
  const dir = mkdtempSync(join(tmpdir(), 'rempart-taxii-'));
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    const box = SecretBox.fromKey('ef'.repeat(32));
    await loadDemo(t.store, box, undefined, { dataDir: dir });
    app = await buildApp({ config: loadConfig({}, { databaseUrl: t.url, dataDir: dir }), store: t.store, logger: silentLogger(), box });
    const u = await createUser(t.store, systemActor, { username: 'taxii', role: 'viewer', password: 'correct horse battery staple 4' });
    token = (await createApiToken(t.store, systemActor, u.user.id, 'taxii')).token;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every recorded request as it did for the client', async () => {
    let next: string | undefined;
    for (const [i, x] of fixture.exchanges.entries()) {
      const url = x.url.replace('{next}', encodeURIComponent(next ?? ''));
      const basic = `Basic ${Buffer.from(`taxii:${token}`).toString('base64')}`;
      const r = await app.inject({ method: x.method as 'GET', url, headers: { accept: x.accept, authorization: x.auth === 'Basic' ? basic : `Bearer ${token}` } });
      const what = `exchange ${i}: ${x.method} ${x.url}`;
      expect(r.statusCode, what).toBe(x.status);
      expect(r.headers['content-type'], what).toBe(x.contentType);
      expect(!!r.headers['x-taxii-date-added-first'], what).toBe(x.dateHeaders);
      const body = r.json() as { more?: boolean; next?: string; objects?: unknown[]; versions?: unknown[]; collections?: unknown[] };
      if (x.shape.objects !== undefined) {
        expect({ more: body.more, objects: body.objects?.length, next: !!body.next }, what).toEqual(x.shape);
        next = body.next;
      } else if (x.shape.versions !== undefined) expect(body.versions?.length, what).toBe(x.shape.versions);
      else if (x.shape.collections !== undefined) expect(body.collections?.length, what).toBe(x.shape.collections);
      else expect(Object.keys(body).sort(), what).toEqual(x.shape.keys);
    }
  });
});
