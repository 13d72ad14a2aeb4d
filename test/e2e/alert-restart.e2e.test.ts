import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemActor } from '../../src/access/index.ts';
import { addChannel, raiseAlert } from '../../src/alerts/index.ts';
import { SecretBox } from '../../src/core/secrets.ts';
import { openStore } from '../../src/store/index.ts';

const root = resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => r(p));
    });
  });
}

/** Starts a real `rempart serve` process and resolves once it listens. */
function serve(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((ok, fail) => {
    const p = spawn(process.execPath, [join(root, 'bin/rempart.js'), 'serve', '--port', '0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      if (/Rempart http:\/\//.test(err)) ok(p);
    });
    p.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function until(cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

describe('alert delivery across a process restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rempart-restart-'));
  const procs: ChildProcess[] = [];
  let target: Server | undefined;
  afterAll(() => {
    for (const p of procs) p.kill('SIGKILL');
    target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers an alert raised while the webhook was down, after a crash and a restart', async () => {
    const url = `sqlite:${join(dir, 'r.db')}`;
    const env = { REMPART_DATABASE_URL: url, REMPART_DATA_DIR: dir, REMPART_DELIVERY_INTERVAL_SECONDS: '0.2', REMPART_LOG_LEVEL: 'silent' };
    const port = await freePort();
    const store = await openStore(url);
    const box = SecretBox.fromConfig(undefined, dir);
    await addChannel(store, box, systemActor, { name: 'soc', kind: 'webhook', config: { url: `http://127.0.0.1:${port}/hook` } });

    const first = await serve(env);
    procs.push(first);
    const { alert } = await raiseAlert(store, { source: 'sensors', severity: 'critical', title: 'Leurre touché' });
    // The first process tries while nothing listens on the target port.
    expect(await until(async () => ((await store.db.selectFrom('alert_deliveries').select('attempts').executeTakeFirst())?.attempts ?? 0) >= 1, 10_000)).toBe(true);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const pending = await store.db.selectFrom('alert_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(pending.status).toBe('pending');
    expect(pending.last_error).toBeTruthy();

    const received: string[] = [];
    target = createServer((req, res) => {
      let b = '';
      req.on('data', (c: Buffer) => (b += c.toString()));
      req.on('end', () => {
        received.push(b);
        res.end();
      });
    });
    await new Promise<void>((r) => target!.listen(port, '127.0.0.1', () => r()));

    const second = await serve(env);
    procs.push(second);
    expect(await until(async () => received.length > 0, 25_000)).toBe(true);
    expect(JSON.parse(received[0]).alert.id).toBe(alert.id);
    expect(await until(async () => (await store.db.selectFrom('alert_deliveries').select('status').executeTakeFirstOrThrow()).status === 'delivered', 5000)).toBe(true);
    await store.close();
  }, 60_000);
});
