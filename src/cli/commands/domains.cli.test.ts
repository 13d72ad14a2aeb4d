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

  it('match reads a brands file and the organisation’s brand model, explains in French, and counts a 20 MB line as one skipped line', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, ['colissimo-suivi-colis.weebly.com', 'x'.repeat(20 * 1024 * 1024), 'exmut-remboursement.com', 'boulangerie.fr', 'éxemple.fr', '{"all_domains":["*.paypal-login-secure.com"]}'].join('\n'));
    writeFileSync(join(dir, 'brands.jsonl'), '{"name":"Exemple Mutuelle","domains":["exemple-mutuelle.fr"],"aliases":["exmut"]}\n');
    const r = await cli('domains', 'match', '--protect', 'en-marche.fr', '--brands-file', join(dir, 'brands.jsonl'), '--explain', big);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.domain, l.protected, l.kind])).toEqual([
      ['colissimo-suivi-colis.weebly.com', 'laposte.fr', 'hosting'],
      ['exmut-remboursement.com', 'exemple-mutuelle.fr', 'alias'],
      ['paypal-login-secure.com', 'paypal.com', 'affix'],
    ]);
    expect(lines[0].explanation).toMatch(/« colissimo » est un autre nom de La Poste/);
    expect(r.stderr).toMatch(/1 lignes ignorées \/ lines skipped \(1 trop longues/);

    writeFileSync(join(dir, 'bad.jsonl'), '{"name":"A","domains":["a.fr"]}\n{"name":"B","domains":["b.fr"],"aliases":"oops"}\n');
    const bad = await cli('domains', 'match', '--protect', 'en-marche.fr', '--brands-file', join(dir, 'bad.jsonl'), big).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: expect.any(Number) });
    expect((bad as { stderr: string }).stderr).toMatch(/line 2: aliases/);

    await cli('org', 'domains', 'add', 'exemple-asso.org', '--alias', 'exasso', '--name', 'Exemple Asso');
    writeFileSync(join(dir, 'feed2.txt'), 'exasso-adherent-connexion.com\n');
    const own = await cli('domains', 'match', join(dir, 'feed2.txt'));
    expect(JSON.parse(own.stdout.trim())).toMatchObject({ domain: 'exasso-adherent-connexion.com', protected: 'exemple-asso.org', kind: 'alias' });
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
