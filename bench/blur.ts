/** Decoy kit benchmark: 50 personas × 6 months (override with BLUR_PERSONAS / BLUR_MONTHS). Target: < 60 s on one core. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKit, registerKit } from '../src/blur/kit.ts';
import { migrateToLatest, openStore } from '../src/store/index.ts';
import { CLI, describeRun, timeOnce } from './lib/process.ts';

const personas = Number(process.env.BLUR_PERSONAS ?? 50);
const months = Number(process.env.BLUR_MONTHS ?? 6);
const out = mkdtempSync(join(tmpdir(), 'blur-bench-'));
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const kit = await generateKit({
  org: { name: 'Bench', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] },
  personas, months, seed: 'bench', outDir: out, key: Buffer.alloc(32, 1), publicUrl: 'https://rempart.example.org', deploymentId: 'bench',
});
const genS = (performance.now() - t0) / 1000;
const cpuGen = process.cpuUsage(cpu0);
// Registration in a fresh SQLite registry, one transaction (what `rempart blur generate` does next).
const store = await openStore(`sqlite:${join(out, 'registry.db')}`);
await migrateToLatest(store.db);
const tr = performance.now();
await registerKit(store, kit, { label: 'bench', months, lang: 'fr', kitDir: out });
const regS = (performance.now() - tr) / 1000;
await store.close();
const s = genS + regS;
const cpuAll = process.cpuUsage(cpu0);
const cpuS = (cpuAll.user + cpuAll.system) / 1e6;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
const { messages, documents } = kit.manifest.counts;
console.log(`blur kit: ${personas} personas × ${months} months: ${messages} messages, ${documents} documents in ${s.toFixed(1)} s (generation ${genS.toFixed(1)} s, registration ${regS.toFixed(1)} s, ${kit.artifacts.reduce((n, a) => n + a.markers.length, 0)} marker rows)`);
const docS = kit.timings.documentsMs / 1000;
console.log(`messages/s: ${(messages / (genS - docS)).toFixed(0)} (time outside document rendering)   documents/s: ${(documents / docS).toFixed(1)} (rendering, markers, read-back)`);
console.log(`CPU time: generation ${((cpuGen.user + cpuGen.system) / 1e6).toFixed(1)} s, with registration ${cpuS.toFixed(1)} s (wall time is inflated when other processes share the cores; load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
console.log(`peak RSS: ${(peak / 1048576).toFixed(0)} MB   target: full kit < 60 s on one core → wall ${s < 60 ? 'OK' : 'MISSED'}, CPU ${cpuS < 60 ? 'OK' : 'MISSED'}`);
rmSync(out, { recursive: true, force: true });

// The path users run: `rempart blur generate` through the built CLI, process start and the
// database registration included.
{
  const dir = mkdtempSync(join(tmpdir(), 'blur-bench-cli-'));
  const env = { REMPART_DATABASE_URL: `sqlite:${join(dir, 'r.db')}`, REMPART_DATA_DIR: dir };
  timeOnce([...CLI, 'org', 'domains', 'add', 'en-marche.fr'], { env });
  const r = timeOnce([...CLI, 'blur', 'generate', '--personas', String(personas), '--months', String(months), '--seed', 'bench', '--out', join(dir, 'kit'), '--json'], { env, stdout: join(dir, 'out.json') });
  if (r.code !== 0) console.log(`built CLI (blur generate) failed: ${r.stderr.slice(-300)}`);
  else {
    const { messages: m, documents: d } = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'out.json'), 'utf8')) as { messages: number; documents: number };
    console.log(`${describeRun('built CLI (blur generate)', m + d, 'artifacts', r)} (${m} messages, ${d} documents)`);
  }
  rmSync(dir, { recursive: true, force: true });
}
