/**
 * Influence-watch benchmark: a synthetic stream (default 1,000,000 posts, 100,000 accounts,
 * heavy-tailed), canonicalised in memory (timestamps, link normalisation, entity extraction,
 * schema check, dedup), then the co-repost, co-link and near-duplicate networks, one core.
 * Prints rates and peak RSS. `--posts=N --accounts=N` for smaller runs; `--db=N` also measures
 * database insertion on an N-post sample (SQLite in a temporary file). `--scale` runs 250k, 500k and
 * 1M posts in turn, each in its own process, to show memory growing linearly. `--digest` prints a SHA-256
 * of the canonical posts and of each network (edges, strata, chance-model inputs), so a faster
 * version can be checked to give the same results.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostCollector } from '../src/watch/ingest/formats.ts';
import { buildTable, coordinationNetwork } from '../src/watch/networks/index.ts';
import { simulateStream } from '../src/watch/simulate.ts';
import type { RawPost } from '../src/watch/ingest/canonical.ts';

const arg = (name: string, def: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const nPosts = arg('posts', 1_000_000);
const nAccounts = arg('accounts', 100_000);
const dbSample = arg('db', 20_000);
const digest = process.argv.includes('--digest');
const sha = (parts: Iterable<ArrayBufferView | string>) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' ? p : new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  return h.digest('hex').slice(0, 16);
};

const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
/** Peak resident memory of the process so far, as the kernel counts it (no sampling gaps). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;
/** Wall and CPU seconds of one phase: on a shared machine the CPU time is the steadier figure. */
function timed<T>(run: () => T): { value: T; wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = run();
  const used = process.cpuUsage(c);
  return { value, wall: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6 };
}
const secs = (r: { wall: number; cpu: number }) => `${r.wall.toFixed(2)} s (cpu ${r.cpu.toFixed(2)} s)`;

if (process.argv.includes('--scale')) {
  // Memory should grow linearly: the same run at 250k, 500k and 1M posts, each in its own process (own peak RSS).
  for (const n of [250_000, 500_000, 1_000_000]) {
    console.log(`--- ${n} posts, ${n / 10} accounts`);
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), `--posts=${n}`, `--accounts=${n / 10}`, '--db=0'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  process.exit(0);
}

// Figures depend on what else runs: say so next to them.
console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start`);
const t0 = performance.now();
const sim = simulateStream({ seed: 7, accounts: nAccounts, ordinaryPosts: Math.round(nPosts * 0.95), items: Math.max(1000, Math.round(nPosts / 4)), zipf: 0.8, delayHours: 12, groups: 50, hyperactive: 50, days: 7 });
// What arrives on the wire: epoch timestamps, links with tracking parameters, no extracted entities.
const raw: RawPost[] = sim.posts.map((p) => ({ ...p, created_at: Date.parse(p.created_at) / 1000, hashtags: undefined, mentions: undefined }));
sim.posts.length = 0;
console.log(`stream: ${raw.length} posts generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (not counted)`);

const ingest = timed(() => {
  const collector = new PostCollector();
  for (let i = 0; i < raw.length; i++) collector.add(i + 1, raw[i]);
  return collector;
});
raw.length = 0;
const collector = ingest.value;
const posts = collector.posts;
console.log(`ingest (canonicalise + normalise + dedup, in memory): ${posts.length} posts in ${secs(ingest)} = ${Math.round(posts.length / ingest.wall)} posts/s (${collector.issueCount} refused)`);
if (digest) console.log(`digest posts ${sha(posts.map((p) => JSON.stringify(p)))}`);

const built = timed(() => buildTable(posts));
const table = built.value;
console.log(`table (intern accounts, sort by time): ${table.userIds.length} accounts in ${secs(built)}`);
let total = ingest.wall + built.wall;
let totalCpu = ingest.cpu + built.cpu;
for (const type of ['corepost', 'colink', 'cosimilar'] as const) {
  const r = timed(() => coordinationNetwork(table, type, 60, { similarity: 0.8 }));
  const net = r.value;
  total += r.wall;
  totalCpu += r.cpu;
  console.log(`${type}: ${net.edges.from.length} edges (window 60 s) in ${secs(r)}`);
  if (digest) {
    const e = net.edges;
    const u = e.uses;
    console.log(`digest ${type} ${sha([e.from, e.to, e.weight, e.strata, u.ukStart, u.keyMessages, u.keyAccounts, u.inWindow, u.messagesOf, String(u.totalMessages), net.sorted.order, net.sorted.groupStart])}`);
  }
}
if (digest) {
  // The other network types share the engine: checked too, not timed.
  for (const type of ['coreply', 'cotext', 'cohashtag'] as const) {
    const e = coordinationNetwork(table, type, 60).edges;
    console.log(`digest ${type} ${sha([e.from, e.to, e.weight, e.strata, e.uses.ukStart, e.uses.keyMessages, e.uses.inWindow])}`);
  }
}
console.log(
  `total ingest + three networks: ${total.toFixed(2)} s wall, ${totalCpu.toFixed(2)} s cpu (target < 20 s) for ${posts.length} posts; peak RSS ${mb(peakRss())} (${Math.round(peakRss() / posts.length)} bytes/post); load average now ${loadavg()[0].toFixed(1)}`,
);

if (dbSample > 0) {
  const { openStore } = await import('../src/store/index.ts');
  const { savePosts } = await import('../src/watch/repo.ts');
  const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-'));
  const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
  const part = posts.slice(0, dbSample);
  const t = performance.now();
  await savePosts(store, part);
  const s = (performance.now() - t) / 1000;
  console.log(`database insertion (SQLite, ${part.length} posts sample): ${Math.round(part.length / s)} posts/s`);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
