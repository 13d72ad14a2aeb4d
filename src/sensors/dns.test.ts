import dns2 from 'dns2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts } from '../alerts/index.ts';
import { openTestStore, type TestStore } from '../store/testing.ts';
import { SecretBox } from '../core/secrets.ts';
import { startDnsCanary, dnsToken, type DnsCanary } from './dns.ts';
import { createSensors, type Sensors } from './service.ts';
import { makeTestKit, type TestKit } from './testing.ts';

describe('DNS canary', () => {
  let t: TestStore;
  let kit: TestKit;
  let sensors: Sensors;
  let canary: DnsCanary;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    const box = SecretBox.fromKey('1'.repeat(64));
    kit = await makeTestKit(t.store, box, { seed: 'dns' });
    sensors = createSensors(t.store, box, { options: { dnsZone: 'cdn-static.example.org', flushMs: 10 } });
    canary = await startDnsCanary(sensors.recorder, { zone: 'cdn-static.example.org', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await canary?.close();
    await sensors?.recorder.close();
    await t?.cleanup();
    kit?.cleanup();
  });

  it('parses only tokens inside the zone', () => {
    expect(dnsToken('AbCdEfGhIjKlMnOpQrStUv.cdn-static.example.org.', 'cdn-static.example.org')).toBe('AbCdEfGhIjKlMnOpQrStUv');
    expect(dnsToken('x.AbCdEfGhIjKlMnOpQrStUv.cdn-static.example.org', 'cdn-static.example.org')).toBe('AbCdEfGhIjKlMnOpQrStUv');
    expect(dnsToken('AbCdEfGhIjKlMnOpQrStUv.other.org', 'cdn-static.example.org')).toBeUndefined();
    expect(dnsToken('cdn-static.example.org', 'cdn-static.example.org')).toBeUndefined();
  });

  it('answers a lookup of a decoy token on a loopback port and records it with an alert', async () => {
    const art = kit.kit.artifacts.find((a) => a.markers.some((m) => m.kind === 'beacon'));
    const token = art?.markers.find((m) => m.kind === 'beacon')?.value ?? '';
    const client = new dns2({ nameServers: ['127.0.0.1'], port: canary.port, recursive: false });
    const res = await client.resolveA(`${token}.cdn-static.example.org`);
    expect(res.answers[0]?.address).toBe('127.0.0.1');
    const junk = await client.resolveA('nothing.example.com');
    expect(junk.answers).toHaveLength(0);
    await sensors.recorder.flush();
    const rows = await t.store.db.selectFrom('sensor_events').selectAll().where('kind', '=', 'dns').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].artifact_id).toBe(art?.id);
    const alerts = await listAlerts(t.store.db, { source: 'sensors' });
    expect(alerts[0]?.details.mailbox).toBe(art?.mailbox);
  });
});
