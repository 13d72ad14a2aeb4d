import { readFileSync, existsSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts } from '../alerts/index.ts';
import { setOrgName } from '../org/index.ts';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { testBackends } from '../store/testing.ts';
import { canaryToken } from './canary.ts';
import { makeTestKit, type TestKit } from './testing.ts';

for (const kind of testBackends) {
  describe(`canary endpoints and honey portal (${kind})`, () => {
    let t: TestApp;
    let kit: TestKit;
    const beaconOf = (i = 0) => {
      const a = kit.kit.artifacts.filter((x) => x.markers.some((m) => m.kind === 'beacon'))[i];
      const m = a.markers.find((x) => x.kind === 'beacon');
      return { artifact: a, url: new URL(m?.detail ?? '') };
    };
    beforeAll(async () => {
      t = await createTestApp(kind);
      await setOrgName(t.ctx.store.db, 'En Marche !');
      kit = await makeTestKit(t.ctx.store, t.ctx.box);
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      kit?.cleanup();
    });

    const events = () => t.ctx.store.db.selectFrom('sensor_events').selectAll().execute();
    /** The recorder writes in batches: wait until rows and counters stop changing. */
    const settle = async () => {
      let last = '';
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 150));
        const b = await t.ctx.store.db.selectFrom('sensor_buckets').select(['key', 'stored', 'overflow']).orderBy('key').execute();
        const now = JSON.stringify(b);
        if (now === last) return;
        last = now;
      }
    };

    it('records a beacon hit against the artifact and its mailbox, answers an image, raises one alert per hour', async () => {
      const { artifact, url } = beaconOf();
      for (let i = 0; i < 3; i++) {
        const res = await t.app.inject({ method: 'GET', url: url.pathname, headers: { 'user-agent': 'LibreOffice', 'x-forwarded-for': '203.0.113.9' } });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^image\//);
      }
      await settle();
      const rows = (await events()).filter((e) => e.artifact_id === artifact.id);
      expect(rows).toHaveLength(3);
      expect(rows[0].mailbox).toBe(artifact.mailbox);
      expect(rows[0].user_agent).toBe('LibreOffice');
      expect(JSON.parse(rows[0].headers)['x-forwarded-for']).toBe('203.0.113.9');
      const alerts = (await listAlerts(t.ctx.store.db, { source: 'sensors' })).filter((a) => a.details.artifactId === artifact.id);
      expect(alerts).toHaveLength(1);
      expect(alerts[0].title).toContain(artifact.mailbox);
      expect(String((alerts[0].details.inference as { fr: string }).fr)).toContain(artifact.mailbox);
      expect(alerts[0].details.breachedAfter).toBe(artifact.planted);
    });

    it('answers a browser click with a small document page', async () => {
      const { url } = beaconOf(1);
      const res = await t.app.inject({ method: 'GET', url: url.pathname.replace(/\.(png|gif|jpg)$/, ''), headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toMatch(/Document/);
    });

    it('stores scanner fetches without alerting', async () => {
      const { artifact, url } = beaconOf(2);
      await t.app.inject({ method: 'GET', url: url.pathname, headers: { 'user-agent': 'Mozilla/5.0 (compatible; Proofpoint URL Defense)' } });
      await settle();
      const rows = (await events()).filter((e) => e.artifact_id === artifact.id);
      expect(rows.map((r) => r.scanner)).toEqual([1]);
      const alerts = (await listAlerts(t.ctx.store.db, { source: 'sensors' })).filter((a) => a.details.artifactId === artifact.id);
      expect(alerts).toHaveLength(0);
    });

    it('bounds a flood of junk tokens: few rows, the rest counted, no alert', async () => {
      const before = (await events()).length;
      const alertsBefore = (await listAlerts(t.ctx.store.db, { source: 'sensors' })).length;
      let served = 0;
      for (let i = 0; i < 400; i++) {
        const junk = i % 2 ? `/c/x/${'A'.repeat(22 + (i % 30))}` : `/c/${'%00'.repeat(i % 50)}/..%2F..%2Fetc/passwd${i}`;
        const res = await t.app.inject({ method: 'GET', url: junk });
        expect(res.statusCode).toBe(200);
        if (/^image\//.test(String(res.headers['content-type']))) served++;
      }
      expect(served).toBe(400);
      await settle();
      const rows = (await events()).length - before;
      expect(rows).toBeLessThanOrEqual(60);
      const buckets = await t.ctx.store.db.selectFrom('sensor_buckets').selectAll().execute();
      const counted = buckets.reduce((s, b) => s + Number(b.stored) + Number(b.overflow), 0);
      expect(counted).toBeGreaterThanOrEqual(400);
      expect((await listAlerts(t.ctx.store.db, { source: 'sensors' })).length).toBe(alertsBefore);
    });

    it('refuses huge headers without recording them', async () => {
      const res = await t.app.inject({ method: 'GET', url: beaconOf().url.pathname, headers: { 'x-junk': 'x'.repeat(4000), 'user-agent': 'u'.repeat(5000) } });
      expect(res.statusCode).toBe(200);
      await settle();
      const rows = await events();
      expect(rows.every((r) => (r.user_agent ?? '').length <= 512 && r.headers.length < 30 * 600)).toBe(true);
    });

    it('answers any junk path under /c/ plausibly, never with a server error', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 300 }), async (junk) => {
          const res = await t.app.inject({ method: 'GET', url: `/c/${encodeURIComponent(junk)}` });
          expect(res.statusCode).toBeLessThan(500);
        }),
        { numRuns: 150 },
      );
    });

    it('extracts only well-shaped tokens', () => {
      expect(canaryToken('/c/static/img/AbCdEfGhIjKlMnOpQrStUv.png')).toBe('AbCdEfGhIjKlMnOpQrStUv');
      expect(canaryToken('/c/x/<script>')).toBeUndefined();
      expect(canaryToken(`/c/${'a'.repeat(1000)}`)).toBeUndefined();
    });

    it('shows a branded portal and alerts on a honey credential naming the mailbox', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/owa/dep-sensors-test' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('En Marche');
      const cred = kit.credentials.find((c) => c.service === 'webmail');
      if (!cred) return expect.fail('the kit must leave honey credentials in a notes file');
      const res = await t.app.inject({ method: 'POST', url: '/owa/dep-sensors-test', payload: `username=${encodeURIComponent(cred.login)}&password=${encodeURIComponent(cred.password)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/incorrect|Wrong/);
      const ev = (await events()).find((e) => e.kind === 'portal' && e.username === cred.login);
      expect(ev?.honey_password).toBe(1);
      const alert = (await listAlerts(t.ctx.store.db, { source: 'sensors' })).find((a) => a.details.kind === 'portal');
      expect(alert?.title).toContain(cred.login);
      expect(alert?.details.honeyPassword).toBe(true);
    });

    it('never stores a password that is not a honey credential', async () => {
      const secret = 'MyRealSecret-7f3a91c2';
      for (const style of ['owa', 'onedrive', 'accounts'])
        await t.app.inject({ method: 'POST', url: `/${style}/dep-sensors-test`, payload: `username=claire.vasseur%40en-marche.fr&password=${secret}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      const ev = (await events()).filter((e) => e.username === 'claire.vasseur@en-marche.fr');
      expect(ev).toHaveLength(3);
      expect(ev.every((e) => e.honey_password === 0)).toBe(true);
      expect(JSON.stringify(ev)).not.toContain(secret);
      if (kind === 'sqlite') {
        const file = t.t.url.replace(/^sqlite:/, '');
        const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
        expect(bytes.length).toBeGreaterThan(0);
        expect(bytes).not.toContain(secret);
      }
    });
  });
}
