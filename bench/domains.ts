/**
 * Lookalike matching benchmark: one million generated domains (a realistic mix of ordinary names,
 * subdomains, IDNs and ~1 % lookalikes) against 100 protected domains and the built-in brands.
 * Times the in-process kernel, then the path users run: `rempart domains match` of the same names
 * from a file, the built CLI as a whole process (start included). Then generation for one domain
 * beside dnstwist's permutation of it (`dnstwist.py --format list`, no DNS), when its snapshot is
 * at $DNSTWIST_DIR (default /work/peers/dnstwist). Target: ≥ 500,000 domains/s end to end.
 */
import os from 'node:os';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMatcher, permute } from '../src/domains/index.ts';
import { CLI, describeRun, timeProcess } from './lib/process.ts';

const N = Number(process.env.BENCH_DOMAINS ?? 1_000_000);
let seed = 42;
const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
const words = 'maison jardin cuisine voyage sport musique photo auto moto velo sante beaute mode bijoux livre cafe pizza burger hotel camping immo credit assurance avocat notaire dentiste garage plombier ecole formation emploi job blog news info shop store market cloud data tech web app dev soft games play bet tv radio film cine art design studio agence conseil consulting digital media presse journal club team asso paris lyon marseille lille nantes bordeaux toulouse nice france europe monde global best top super mega smart green eco bio solar energy'.split(' ');
const tlds = ['com', 'fr', 'net', 'org', 'eu', 'io', 'co', 'info', 'de', 'be', 'ch', 'shop', 'online', 'xyz', 'app', 'co.uk'];
const protectedDomains = ['en-marche.fr', 'emmanuel-macron.fr', ...Array.from({ length: 98 }, (_, i) => `${pick(words)}-${pick(words)}${i}.${pick(['fr', 'org', 'com'])}`)];
const lookalike = (p: string) => {
  const [label, ...rest] = p.split('.');
  const tld = rest.join('.');
  switch (Math.floor(rnd() * 5)) {
    case 0: return `${pick(['mail', 'onedrive', 'secure', 'login', 'compte'])}-${label}.${tld}`;
    case 1: return `${label}.com`;
    case 2: return `${label.slice(0, 2)}${label[3] ?? ''}${label[2]}${label.slice(4)}.${tld}`;
    case 3: return `${p}.secure-${pick(words)}.com`;
    default: return `${label.replace('e', 'е')}.${tld}`;
  }
};
const domains: string[] = new Array(N);
for (let i = 0; i < N; i++) {
  const r = rnd();
  if (r < 0.01) domains[i] = lookalike(pick(protectedDomains));
  else if (r < 0.3) domains[i] = `${pick(['www', 'mail', 'shop', 'api', 'cdn', 'm', 'blog'])}.${pick(words)}${pick(words)}.${pick(tlds)}`;
  else domains[i] = `${pick(words)}${rnd() < 0.5 ? '-' : ''}${pick(words)}${rnd() < 0.2 ? Math.floor(rnd() * 100) : ''}.${pick(tlds)}`;
}

let peak = process.memoryUsage().rss;
const t0 = performance.now();
const matcher = buildMatcher(protectedDomains);
const buildMs = performance.now() - t0;
const t1 = performance.now();
const cpu0 = process.cpuUsage();
let hits = 0;
for (let i = 0; i < N; i++) {
  if (matcher.match(domains[i])) hits++;
  if ((i & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
const s = (performance.now() - t1) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;
peak = Math.max(peak, process.memoryUsage().rss);
console.log(`domains match: ${N.toLocaleString('en')} domains against ${protectedDomains.length} protected domains + built-in brands in ${s.toFixed(2)} s = ${Math.round(N / s).toLocaleString('en')} domains/s (target ≥ 500,000), ${hits.toLocaleString('en')} lookalikes`);
// On a shared machine the wall-clock rate falls with the load; the CPU-time rate much less.
console.log(`CPU time ${cpuS.toFixed(2)} s = ${Math.round(N / cpuS).toLocaleString('en')} domains per CPU-second; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
console.log(`index built in ${buildMs.toFixed(0)} ms; peak RSS ${(peak / 1048576).toFixed(0)} MB (includes the generated input)`);

// End to end: the same names from a file through the built CLI, process start included.
const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-domains-'));
try {
  const file = join(dir, 'names.txt');
  writeFileSync(file, `${domains.join('\n')}\n`);
  const cli = timeProcess([...CLI, 'domains', 'match', '--protect', protectedDomains.join(','), file], { runs: 3 });
  console.log(describeRun('CLI end to end (rempart domains match FILE)', N, 'domains', cli));
  console.log(`  kernel in process ${Math.round(N / cpuS).toLocaleString('en')} domains/CPU-s; the CLI reaches ${((100 * (N / cli.cpuS)) / (N / cpuS)).toFixed(0)} % of it per CPU-second`);
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  console.log(describeRun('CLI start alone (empty input)', 1, 'runs', timeProcess([...CLI, 'domains', 'match', '--protect', 'en-marche.fr', empty], { runs: 3 })));

  // Generation for one domain beside dnstwist on the same domain.
  const target = 'en-marche.fr';
  const g0 = process.cpuUsage();
  const t2 = performance.now();
  const perms = permute(target);
  const genS = (performance.now() - t2) / 1000;
  const gc = process.cpuUsage(g0);
  console.log(`permute ${target} in process: ${perms.length.toLocaleString('en')} names in ${(genS * 1000).toFixed(0)} ms wall, ${((gc.user + gc.system) / 1000).toFixed(0)} ms CPU`);
  const perm = timeProcess([...CLI, 'domains', 'permute', '--json', target], { runs: 3 });
  console.log(describeRun(`CLI rempart domains permute ${target}`, perms.length, 'names', perm));
  const dnstwist = join(process.env.DNSTWIST_DIR ?? '/work/peers/dnstwist', 'dnstwist.py');
  if (existsSync(dnstwist)) {
    const peer = timeProcess(['python3', dnstwist, '--format', 'list', target], { runs: 3, stdout: join(dir, 'dnstwist.txt') });
    const count = (await import('node:fs')).readFileSync(join(dir, 'dnstwist.txt'), 'utf8').trim().split('\n').length;
    console.log(describeRun(`dnstwist --format list ${target}`, count, 'names', peer));
    console.log(`  ratio: rempart permute ${(peer.wallS / perm.wallS).toFixed(2)}× dnstwist's speed (wall), ${(peer.cpuS / perm.cpuS).toFixed(2)}× (CPU-s); ${perms.length} names against dnstwist's ${count}`);
  } else console.log(`dnstwist: not at ${dnstwist}, peer skipped`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
