import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { testBackends } from '../store/testing.ts';
import { LogSensor } from './logs/sensor.ts';
import { createSensors } from './service.ts';
import { makeTestKit, type TestKit } from './testing.ts';

interface TimelineBody {
  from: string;
  to: string;
  days: Array<{ day: string; counts: Record<string, number> }>;
}

/** What the dashboard's decoy and sensor pages read: the timeline, the decorated feed, a deployment's detail. */
for (const kind of testBackends) {
  describe(`decoy and sensor pages API (${kind})`, () => {
    let t: TestApp;
    let kit: TestKit;
    let viewer: Record<string, string>;
    let docId = '';
    let docMailbox = '';
    let docKind = '';
    beforeAll(async () => {
      t = await createTestApp(kind);
      kit = await makeTestKit(t.ctx.store, t.ctx.box, { seed: 'dash', personas: 2 });
      viewer = await t.as('viewer');
      const doc = kit.kit.artifacts.find((a) => a.kind !== 'message' && a.markers.some((m) => m.kind === 'beacon'));
      const token = (doc?.markers.find((m) => m.kind === 'beacon')?.detail.split('/').pop() ?? '').replace(/\.\w+$/, '');
      docKind = doc?.kind ?? '';
      docId = doc?.id ?? '';
      docMailbox = doc?.mailbox ?? '';
      const sensors = createSensors(t.ctx.store, t.ctx.box);
      // Two opens on 27 April, one on 28 April, a scanner on 28 April (not counted), a mailbox login on 28 April.
      for (const [at, scanner] of [
        ['2017-04-27T09:00:00Z', false],
        ['2017-04-27T22:00:00Z', false],
        ['2017-04-28T01:14:00Z', false],
        ['2017-04-28T02:00:00Z', true],
      ] as const)
        await sensors.recorder.recordNow({ kind: 'beacon', at: new Date(at), source: scanner ? '66.102.0.1' : '185.86.148.227', userAgent: 'Microsoft Office Word 2014', token, scanner });
      const logs = new LogSensor(sensors.lookup, sensors.recorder, '/var/log/mail.log', 'dovecot');
      await logs.line(`2017-04-28T03:12:44+02:00 mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<${kit.kit.personas[1].email}>, method=PLAIN, rip=185.86.148.227, lip=10.0.0.2, TLS`, 1);
      await sensors.recorder.close();
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      kit?.cleanup();
    });

    it('counts touches per day and kind up to the latest touch, scanners left out', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/sensors/timeline?days=3', headers: viewer });
      expect(r.statusCode).toBe(200);
      const body = r.json<TimelineBody>();
      expect(body).toMatchObject({ from: '2017-04-26', to: '2017-04-28' });
      expect(body.days.map((d) => d.day)).toEqual(['2017-04-26', '2017-04-27', '2017-04-28']);
      expect(body.days.map((d) => d.counts.beacon)).toEqual([0, 2, 1]);
      expect(body.days[2].counts.log).toBe(1);
      const fixed = (await t.app.inject({ method: 'GET', url: '/api/v1/sensors/timeline?days=2&until=2017-04-27', headers: viewer })).json<TimelineBody>();
      expect(fixed.days.map((d) => d.counts.beacon)).toEqual([0, 2]);
    });

    it('refuses garbage timeline queries and anonymous callers', async () => {
      for (const q of ['days=0', 'days=367', 'days=abc', 'until=2017-13-45', 'until=yesterday', `until=${'9'.repeat(500)}`]) {
        const r = await t.app.inject({ method: 'GET', url: `/api/v1/sensors/timeline?${q}`, headers: viewer });
        expect(r.statusCode, q).toBe(400);
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/sensors/timeline' })).statusCode).toBe(401);
    });

    it('names the touched decoy in the event feed', async () => {
      const ev = (await t.app.inject({ method: 'GET', url: '/api/v1/sensors/events?kind=beacon', headers: viewer })).json<{ events: Array<{ artifact_id: string; decoy: { title: string; kind: string } | null }> }>();
      expect(ev.events).toHaveLength(4);
      const title = kit.kit.artifacts.find((a) => a.id === docId)?.title;
      expect(ev.events[0]).toMatchObject({ artifact_id: docId, decoy: { title, kind: docKind } });
    });

    it('shows a deployment: decoy staff with their touches, counts per kind, documents, honey logins, touched decoys', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/blur/deployments/dep-dash', headers: viewer });
      expect(r.statusCode).toBe(200);
      const d = r.json<{
        deployment: { id: string; personas: number };
        counts: Record<string, number>;
        personas: Array<{ email: string; fullName: string; role: string; touches: number; counts: Record<string, number> }>;
        documents: Array<{ id: string; kind: string }>;
        credentials: Array<{ login: string }>;
        touched: Array<{ artifactId: string; touches: number; title: string; mailbox: string }>;
      }>();
      expect(d.deployment).toMatchObject({ id: 'dep-dash', personas: 2 });
      expect(d.personas.map((p) => p.email).sort()).toEqual(kit.kit.personas.map((p) => p.email).sort());
      expect(d.counts.message).toBe(kit.kit.artifacts.filter((a) => a.kind === 'message').length);
      for (const k of ['docx', 'xlsx', 'pdf', 'credentials'] as const) expect(d.counts[k] ?? 0, k).toBe(kit.kit.artifacts.filter((a) => a.kind === k).length);
      expect(d.documents.every((x) => x.kind !== 'message')).toBe(true);
      expect(d.documents.some((x) => x.id === docId)).toBe(true);
      expect(d.credentials.length).toBe(kit.credentials.length);
      expect(d.credentials.length).toBeGreaterThan(0);
      expect(JSON.stringify(d)).not.toContain(kit.credentials[0]?.password ?? '§');
      // Newest touch first: the 03:12 mailbox login (resolved to that account's decoy), then the document.
      expect(d.touched.find((x) => x.artifactId === docId)).toMatchObject({ touches: 3, mailbox: docMailbox });
      expect(d.touched.reduce((n, x) => n + x.touches, 0)).toBe(4);
      const login = d.touched.find((x) => x.artifactId.startsWith('credential:'));
      expect(login).toMatchObject({ kind: 'credentials', mailbox: kit.kit.personas[1].email });
      expect(login?.title).toContain(kit.kit.personas[1].email.split('@')[0]);
      const owner = d.personas.find((p) => p.email === docMailbox);
      expect(owner?.touches).toBe(3);
      expect(d.personas.find((p) => p.email === kit.kit.personas[1].email)?.touches).toBe(docMailbox === kit.kit.personas[1].email ? 4 : 1);
    });

    it('answers 404 for an unknown deployment and 400 for an oversized id', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/blur/deployments/nope', headers: viewer })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/blur/deployments/${'x'.repeat(65)}`, headers: viewer })).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/blur/deployments/dep-dash' })).statusCode).toBe(401);
    });
  });
}
