import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemActor } from '../access/index.ts';
import { SecretBox } from '../core/secrets.ts';
import { openTestStore, testBackends, type TestStore } from '../store/testing.ts';
import { addChannel, backoffMs, deliverDue, raiseAlert, signWebhook } from './index.ts';

function sink(): Promise<{ server: Server; url: string; received: Array<{ headers: Record<string, unknown>; body: string }>; status: { code: number } }> {
  const received: Array<{ headers: Record<string, unknown>; body: string }> = [];
  const status = { code: 200 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.statusCode = status.code;
      res.end();
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, status })));
}

describe('backoff', () => {
  it('grows exponentially and is capped at 15 minutes', () => {
    const fixed = () => 0.5;
    expect(backoffMs(1, fixed)).toBe(5000);
    expect(backoffMs(2, fixed)).toBe(10000);
    expect(backoffMs(30, fixed)).toBe(15 * 60_000);
  });
});

for (const kind of testBackends) {
  describe(`alert delivery on ${kind}`, () => {
    let t: TestStore;
    const box = SecretBox.fromKey('1'.repeat(64));
    beforeAll(async () => {
      t = await openTestStore(kind);
    });
    afterAll(async () => t?.cleanup());

    it('signs webhook bodies with HMAC-SHA256 over timestamp and body', async () => {
      const s = await sink();
      try {
        await addChannel(t.store, box, systemActor, { name: 'soc', kind: 'webhook', config: { url: s.url, secret: 'shared-secret-0123456789' } });
        const { alert } = await raiseAlert(t.store, { source: 'test', severity: 'high', title: 'Signé' });
        const r = await deliverDue(t.store, box, {});
        expect(r.delivered).toBe(1);
        const got = s.received[0];
        const ts = got.headers['x-rempart-timestamp'] as string;
        expect(got.headers['x-rempart-signature']).toBe(`sha256=${signWebhook('shared-secret-0123456789', ts, got.body)}`);
        expect(JSON.parse(got.body).alert.id).toBe(alert.id);
      } finally {
        s.server.close();
        await t.store.db.deleteFrom('alert_channels').execute();
      }
    });

    it('keeps an undeliverable alert pending and delivers it once the target is back', async () => {
      const s = await sink();
      s.status.code = 503;
      try {
        await addChannel(t.store, box, systemActor, { name: 'hook', kind: 'webhook', config: { url: s.url } });
        await raiseAlert(t.store, { source: 'test', severity: 'critical', title: 'Cible en panne' });
        const first = await deliverDue(t.store, box, {});
        expect(first).toMatchObject({ attempted: 1, delivered: 0, retried: 1 });
        // Not due again before the backoff expires.
        expect((await deliverDue(t.store, box, {})).attempted).toBe(0);
        s.status.code = 200;
        const later = await deliverDue(t.store, box, { now: new Date(Date.now() + 60_000) });
        expect(later.delivered).toBe(1);
        const rows = await t.store.db.selectFrom('alert_deliveries').selectAll().where('status', '=', 'delivered').execute();
        expect(rows.some((r) => r.attempts === 2)).toBe(true);
      } finally {
        s.server.close();
      }
    });

    it('does not send an alert twice when two workers poll at once', async () => {
      const s = await sink();
      try {
        await t.store.db.deleteFrom('alert_channels').execute();
        await addChannel(t.store, box, systemActor, { name: 'once', kind: 'webhook', config: { url: s.url } });
        for (let i = 0; i < 5; i++) await raiseAlert(t.store, { source: 'test', severity: 'high', title: `n${i}` });
        const [a, b] = await Promise.all([deliverDue(t.store, box, {}), deliverDue(t.store, box, {})]);
        expect(a.delivered + b.delivered).toBe(5);
        expect(s.received).toHaveLength(5);
      } finally {
        s.server.close();
      }
    });

    it('merges alerts with the same dedup key inside the window', async () => {
      const one = await raiseAlert(t.store, { source: 'sensors', severity: 'high', title: 'x', dedupKey: 'artifact-1:1.2.3.4' });
      const two = await raiseAlert(t.store, { source: 'sensors', severity: 'high', title: 'x', dedupKey: 'artifact-1:1.2.3.4' });
      expect(one.created).toBe(true);
      expect(two.created).toBe(false);
      expect(two.alert.id).toBe(one.alert.id);
    });
  });
}
