/**
 * API benchmark: requests/s for an authenticated read (GET /api/v1/alerts with an API token) on
 * SQLite and, when reachable, PostgreSQL. The server runs as its own process; autocannon loads it
 * from this one over loopback. Prints rates, latency and the server's peak memory.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

function cli(env: NodeJS.ProcessEnv, ...args: string[]): string {
  const r = spawnSync(process.execPath, [join(root, 'bin/rempart.js'), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`rempart ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function peakRssKb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function run(label: string, databaseUrl: string, dataDir: string): Promise<void> {
  const env = { REMPART_DATABASE_URL: databaseUrl, REMPART_DATA_DIR: dataDir, REMPART_LOG_LEVEL: 'silent' };
  cli(env, 'demo');
  cli(env, 'user', 'add', 'bench', '--role', 'viewer');
  const token = cli(env, 'user', 'token', 'bench');
  const server = spawn(process.execPath, [join(root, 'bin/rempart.js'), 'serve', '--port', '0'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((ok, fail) => {
    let err = '';
    server.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /Rempart (http:\/\/\S+)/.exec(err);
      if (m) ok(m[1]);
    });
    server.on('exit', (code) => fail(new Error(`server exited ${code}: ${err}`)));
  });
  try {
    const result = await autocannon({ url: `${url}/api/v1/alerts?limit=20`, headers: { authorization: `Bearer ${token}` }, connections: 10, duration: seconds });
    const ok = result['2xx'];
    console.log(
      `${label.padEnd(10)} ${Math.round(result.requests.average).toLocaleString('en')} req/s (authenticated GET /api/v1/alerts, 20 rows)  ` +
        `p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  2xx ${ok}/${result.requests.total}  errors ${result.errors + result.non2xx}  server peak RSS ${(peakRssKb(server.pid!) / 1024).toFixed(0)} MB`,
    );
  } finally {
    server.kill('SIGTERM');
  }
}

const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-'));
console.log(`rempart bench: API, ${seconds} s per back end, 10 connections, loopback`);
try {
  await run('SQLite', `sqlite:${join(dir, 'bench.db')}`, dir);
  const admin = process.env.REMPART_BENCH_DATABASE_URL ?? process.env.REMPART_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `rempart_bench_${Date.now()}`;
  const c = new pg.Client({ connectionString: admin });
  try {
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    await run('PostgreSQL', u.toString(), dir);
    await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
  } catch (e) {
    console.log(`PostgreSQL skipped: ${(e as Error).message}`);
  } finally {
    await c.end().catch(() => undefined);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
