import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startTestZone } from '../../domains/testing.ts';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../../bin/rempart.js');

describe('rempart domains (CLI)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let zone: Awaited<ReturnType<typeof startTestZone>>;
  const cli = (...args: string[]) => run(process.execPath, [bin, ...args], { env, cwd: dir });
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rempart-domains-cli-'));
    env = { ...process.env, REMPART_DATABASE_URL: `sqlite:${join(dir, 'r.db')}`, REMPART_DATA_DIR: dir, REMPART_NO_PROGRESS: '1' };
    zone = await startTestZone();
  });
  afterAll(async () => {
    await zone?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('match --resolve adds the DNS records of each lookalike, from the given server, and counts bad lines', async () => {
    writeFileSync(join(dir, 'feed.txt'), ['onedrive-en-marche.fr', '', 'xn--zz.fr', 'x'.repeat(10_000), 'boulangerie.fr', ''].join('\n'));
    const r = await cli('domains', 'match', '--protect', 'en-marche.fr', '--no-brands', '--resolve', '--dns-server', `127.0.0.1:${zone.port}`, '--dns-timeout', '500', join(dir, 'feed.txt'));
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ domain: 'onedrive-en-marche.fr', kind: 'affix', dns: { a: ['192.0.2.7'], mx: [{ exchange: 'mx1.bad-host.example' }, { exchange: 'mx2.bad-host.example' }], ns: ['ns1.bad-host.example'] } });
    expect(r.stderr).toMatch(/1 lignes ignorées \/ lines skipped/);
    expect(r.stderr).toMatch(/1 vides \/ empty, 1 noms invalides/);
  }, 60_000);

  it('watch follows an HTTP feed, stores and prints new lookalikes, and stops cleanly on Ctrl-C', async () => {
    await cli('org', 'domains', 'add', 'en-marche.fr');
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify({ message_type: 'certificate_update', data: { leaf_cert: { all_domains: ['onedrive-en-marche.fr', 'boulangerie.fr'] } } })}\n`);
      // The feed stays open, as certstream does.
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const child = spawn(process.execPath, [bin, 'domains', 'watch', `http://127.0.0.1:${(server.address() as AddressInfo).port}/ct`, '--resolve', '--dns-server', `127.0.0.1:${zone.port}`], { env, cwd: dir });
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      await new Promise<void>((ok, fail) => {
        const t = setTimeout(() => fail(new Error(`no lookalike printed; stderr: ${err}`)), 40_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) {
            clearTimeout(t);
            ok();
          }
        });
      });
      child.kill('SIGINT');
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      expect(code).toBe(0);
      expect(JSON.parse(out.trim())).toMatchObject({ domain: 'onedrive-en-marche.fr', protected: 'en-marche.fr', dns: { a: ['192.0.2.7'] } });
      expect(err).toMatch(/connecté \/ connected/);
      expect(err).toMatch(/1 nouveaux sosies \/ new lookalikes/);
      const alerts = await cli('alerts', 'list', '--json');
      expect(alerts.stdout).toContain('onedrive-en-marche.fr');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  }, 90_000);
});
