/**
 * Sensors benchmark: canary hits/s recorded by a `rempart serve` process on loopback, loaded by
 * autocannon with the beacon URLs of a real decoy kit. Afterwards the server is stopped (it writes
 * what is queued) and the rows are counted: recorded = 2xx answered means no loss. The per-source
 * rate limit and the rows-per-bucket cap are raised for the run (all load comes from 127.0.0.1);
 * in production they bound floods instead. Target: ≥ 5,000 hits/s recorded without loss.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

const root = resolve(import.meta.dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-sensors-'));
const db = join(dir, 'bench.db');
const cfg = join(dir, 'sensors.json');
writeFileSync(cfg, JSON.stringify({ perSourcePerSecond: 1e6, perSourceBurst: 1e6, maxRowsPerBucket: 100_000, maxQueue: 1_000_000 }));
const env = { ...process.env, REMPART_DATABASE_URL: `sqlite:${db}`, REMPART_DATA_DIR: dir, REMPART_LOG_LEVEL: 'silent', REMPART_SENSORS_CONFIG: cfg, REMPART_PUBLIC_URL: 'http://127.0.0.1:1' };
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, 'bin/rempart.js'), ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`rempart ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

function peakRssKb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

try {
  cli('org', 'domains', 'add', 'en-marche.fr');
  cli('blur', 'generate', '--out', join(dir, 'kit'), '--personas', '3', '--months', '1', '--seed', 'bench');
  const manifest = JSON.parse(readFileSync(join(dir, 'kit', 'manifest.json'), 'utf8')) as { artifacts: Array<{ markers: Array<{ kind: string; value: string }> }> };
  const tokens = manifest.artifacts.flatMap((a) => a.markers.filter((m) => m.kind === 'beacon').map((m) => m.value)).slice(0, 200);
  const server = spawn(process.execPath, [join(root, 'bin/rempart.js'), 'serve', '--port', '0'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((ok, fail) => {
    let err = '';
    server.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /Rempart (http:\/\/\S+)/.exec(err);
      if (m) ok(m[1]);
    });
    server.on('exit', (code) => fail(new Error(`server exited ${code}: ${err}`)));
  });
  let i = 0;
  const result = await autocannon({
    url,
    connections: 20,
    duration: seconds,
    requests: [{ setupRequest: (r) => ({ ...r, path: `/c/static/img/${tokens[i++ % tokens.length]}.png`, headers: { 'user-agent': 'Microsoft Office Word 2014' } }) }],
  });
  const rss = peakRssKb(server.pid!);
  await new Promise<void>((r) => {
    server.once('exit', () => r());
    server.kill('SIGTERM');
  });
  const sq = new Database(db, { readonly: true });
  const rows = (sq.prepare('select count(*) as n from sensor_events where kind = ?').get('beacon') as { n: number }).n;
  const counted = (sq.prepare('select coalesce(sum(stored + overflow), 0) as n from sensor_buckets').get() as { n: number }).n;
  const alerts = (sq.prepare("select count(*) as n from alerts where source = 'sensors'").get() as { n: number }).n;
  sq.close();
  const ok = result['2xx'];
  console.log(`Canary: ${Math.round(result.requests.average).toLocaleString('en')} hits/s answered (20 connections, ${seconds} s, ${tokens.length} beacon URLs), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  console.log(`Recorded: ${rows} rows for ${ok} answered hits (${ok ? ((100 * rows) / ok).toFixed(2) : 0} %), buckets count ${counted}; ${(rows / seconds).toFixed(0)} hits/s recorded (target ≥ 5,000 without loss); alerts raised ${alerts} (deduplicated per artifact × source × hour)`);
  console.log(`Server peak RSS ${(rss / 1024).toFixed(0)} MB; errors ${result.errors + result.non2xx}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
