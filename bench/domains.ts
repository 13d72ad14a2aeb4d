/**
 * Lookalike matching benchmark: one million generated domains (a realistic mix of ordinary names,
 * subdomains, IDNs and ~1 % lookalikes) against 100 protected domains, on one core. Prints
 * domains/s and peak memory. Target: ≥ 500,000 domains/s.
 */
import os from 'node:os';
import { buildMatcher } from '../src/domains/index.ts';

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
