import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { scanLeaks } from '../leaks/index.ts';
import { systemActor } from '../access/index.ts';
import { makeTestKit, type TestKit } from './testing.ts';

describe('sensors and leaks API', () => {
  let t: TestApp;
  let kit: TestKit;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    kit = await makeTestKit(t.ctx.store, t.ctx.box, { seed: 'api' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    kit?.cleanup();
  });

  it('shows the event feed, the last touch per deployment, the overview tile and leak reports', async () => {
    const art = kit.kit.artifacts.find((a) => a.markers.some((m) => m.kind === 'beacon'));
    const url = new URL(art?.markers.find((m) => m.kind === 'beacon')?.detail ?? '');
    await t.app.inject({ method: 'GET', url: url.pathname, headers: { 'user-agent': 'Thunderbird' } });
    for (let i = 0; i < 40 && !(await t.ctx.store.db.selectFrom('sensor_events').select('id').executeTakeFirst()); i++) await new Promise((r) => setTimeout(r, 100));
    const viewer = await t.as('viewer');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/sensors/events' })).statusCode).toBe(401);
    const ev = (await t.app.inject({ method: 'GET', url: '/api/v1/sensors/events?limit=10', headers: viewer })).json<{ events: Array<{ artifact_id: string; mailbox: string }> }>();
    expect(ev.events[0]).toMatchObject({ artifact_id: art?.id, mailbox: art?.mailbox });
    const deps = (await t.app.inject({ method: 'GET', url: '/api/v1/sensors/deployments', headers: viewer })).json<{ deployments: Array<{ id: string; lastTouch: string | null; touches: number }> }>();
    expect(deps.deployments.find((d) => d.id === 'dep-api')).toMatchObject({ touches: 1 });
    const overview = (await t.app.inject({ method: 'GET', url: '/api/v1/overview', headers: viewer })).json<{ tiles: Array<{ id: string; value: number }> }>();
    expect(overview.tiles.find((x) => x.id === 'sensors.decoys_touched')?.value).toBe(1);

    const { id } = await scanLeaks(t.ctx.store, t.ctx.box, systemActor, [`${kit.dir}/documents`]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/leaks/reports', headers: viewer })).json<{ reports: Array<{ id: string; summary: { counts: { decoy: number } } }> }>();
    expect(list.reports[0].id).toBe(id);
    expect(list.reports[0].summary.counts.decoy).toBeGreaterThan(0);
    const html = await t.app.inject({ method: 'GET', url: `/api/v1/leaks/reports/${id}?format=html`, headers: viewer });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(kit.kit.personas.some((p) => html.body.includes(p.email))).toBe(true);
    expect(html.body).not.toMatch(/<script|<link|src="http/);
  });
});
