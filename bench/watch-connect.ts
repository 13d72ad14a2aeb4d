/**
 * Connector path of the influence watch: a Bluesky Jetstream replayed from loopback (default
 * 100,000 events: posts with tags and links, reposts of a few popular posts, some deletions), read
 * and stored in SQLite (1) in process by the connector runner and (2) by the built CLI as a user
 * runs it (`rempart watch connect bluesky --endpoint …`, process start included, stopped with
 * Ctrl-C once everything is stored). Prints posts/s, CPU-seconds and peak RSS for both.
 * `--events=N` for another size.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { SecretBox } from '../src/core/secrets.ts';
import { openStore } from '../src/store/index.ts';
import { saveConnector } from '../src/watch/connectors/repo.ts';
import { runConnector } from '../src/watch/connectors/runner.ts';
import { CLI, int, selfPeakMb } from './lib/process.ts';

const N = Number(process.argv.find((a) => a.startsWith('--events='))?.split('=')[1] ?? 100_000);
let seed = 7;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const T0 = Date.parse('2017-05-05T18:30:00Z') * 1000;
const frames: string[] = [];
let expected = 0;
for (let i = 0; i < N; i++) {
  const did = `did:plc:acct${Math.floor(rnd() * 20_000)}`;
  const time_us = T0 + i * 1000;
  const r = rnd();
  if (r < 0.02) frames.push(JSON.stringify({ did, time_us, kind: 'commit', commit: { operation: 'delete', collection: 'app.bsky.feed.post', rkey: `d${i}` } }));
  else if (r < 0.35) {
    expected++;
    frames.push(JSON.stringify({ did, time_us, kind: 'commit', commit: { rev: `r${i}`, operation: 'create', collection: 'app.bsky.feed.repost', rkey: `p${i}`, record: { $type: 'app.bsky.feed.repost', subject: { uri: `at://did:plc:acct${Math.floor(rnd() * 50)}/app.bsky.feed.post/top${Math.floor(rnd() * 20)}` }, createdAt: new Date(time_us / 1000).toISOString() } } }));
  } else {
    expected++;
    const tag = ['MacronLeaks', 'presidentielle2017', 'EnMarche', 'FauxDocuments'][Math.floor(rnd() * 4)];
    frames.push(
      JSON.stringify({
        did,
        time_us,
        kind: 'commit',
        commit: { rev: `r${i}`, operation: 'create', collection: 'app.bsky.feed.post', rkey: `p${i}`, record: { $type: 'app.bsky.feed.post', text: `#${tag} les documents https://example.org/a/${Math.floor(rnd() * 500)} message ${i}`, createdAt: new Date(time_us / 1000).toISOString(), langs: ['fr'], facets: [{ index: { byteStart: 0, byteEnd: tag.length + 1 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag }] }, { index: { byteStart: 0, byteEnd: 1 }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: `https://example.org/a/${Math.floor(rnd() * 500)}` }] }] } },
      }),
    );
  }
}

// The replay server: every connection gets the frames from its cursor on, as fast as the socket takes them.
const server = createServer();
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => {
  const cursor = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('cursor') ?? 0);
  let i = cursor ? Math.max(0, Math.floor((cursor - T0) / 1000)) : 0;
  const pump = () => {
    while (i < frames.length && ws.bufferedAmount < 4 * 1024 * 1024) ws.send(frames[i++]);
    if (i < frames.length) setTimeout(pump, 5);
  };
  pump();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/subscribe`;
console.log(`bench:watch-connect ${int(N)} Jetstream events (${int(expected)} posts and reposts) replayed from loopback; load average ${loadavg()[0].toFixed(2)} on ${cpus().length} cores`);

// 1. In process: the runner and the storage, no CLI.
{
  const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-connect-'));
  const store = await openStore(`sqlite:${join(dir, 'r.db')}`);
  const box = SecretBox.fromKey('1'.repeat(64));
  await saveConnector(store.db, box, { name: 'bench', platform: 'bluesky', options: { endpoint: url } });
  const stop = new AbortController();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await runConnector(store, box, 'bench', { signal: stop.signal, onStatus: (x) => x.postsTotal >= expected && stop.abort() });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`in process: ${int(s.postsTotal)} posts stored in ${wall.toFixed(2)} s = ${int(s.postsTotal / wall)} posts/s, ${cpuS.toFixed(2)} CPU-s (replay server included) = ${int(s.postsTotal / cpuS)} posts/CPU-s; peak RSS ${int(selfPeakMb())} MB (the generated stream included)`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

// 2. The built CLI, process start included: stopped with SIGINT once the status line shows all posts.
{
  const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-connect-cli-'));
  const report = join(dir, 'time');
  const withTime = existsSync('/usr/bin/time');
  const argv = [...(withTime ? ['/usr/bin/time', '-f', '%e %U %S %M', '-o', report] : []), ...CLI, 'watch', 'connect', 'bluesky', '--endpoint', url];
  const t0 = performance.now();
  const child = spawn(argv[0], argv.slice(1), { env: { ...process.env, REMPART_DATABASE_URL: `sqlite:${join(dir, 'r.db')}`, REMPART_DATA_DIR: dir }, stdio: ['ignore', 'pipe', 'pipe'], });
  let err = '';
  let out = '';
  let stopping = false;
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    err = (err + c.toString()).slice(-4000);
    const m = [...err.matchAll(/ (\d+) stockés/g)].pop();
    if (m && Number(m[1]) >= expected && !stopping) {
      stopping = true;
      // Ctrl-C goes to rempart itself (GNU time, its parent, would die of it and lose the report).
      const kids = withTime ? readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [child.pid!];
      for (const k of kids) process.kill(k, 'SIGINT');
    }
  });
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  const wall = (performance.now() - t0) / 1000;
  const stored = Number(/(\d+) messages stockés/.exec(out)?.[1] ?? 0);
  if (code !== 0 || !stored) console.log(`CLI path failed (exit ${code}): ${err.slice(-300)}`);
  else if (withTime && existsSync(report)) {
    const [e, u, s, m] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    console.log(`built CLI (watch connect bluesky): ${int(stored)} posts stored in ${e.toFixed(2)} s wall = ${int(stored / e)} posts/s, ${(u + s).toFixed(2)} CPU-s = ${int(stored / (u + s))} posts/CPU-s, peak RSS ${int(m / 1024)} MB`);
  } else console.log(`built CLI (watch connect bluesky): ${int(stored)} posts stored in ${wall.toFixed(2)} s wall = ${int(stored / wall)} posts/s`);
  rmSync(dir, { recursive: true, force: true });
}

for (const c of wss.clients) c.terminate();
wss.close();
server.close();
