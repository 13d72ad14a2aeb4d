/** Decoy kit benchmark: 50 personas × 6 months (override with BLUR_PERSONAS / BLUR_MONTHS). Target: < 60 s on one core. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKit } from '../src/blur/kit.ts';

const personas = Number(process.env.BLUR_PERSONAS ?? 50);
const months = Number(process.env.BLUR_MONTHS ?? 6);
const out = mkdtempSync(join(tmpdir(), 'blur-bench-'));
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
const t0 = performance.now();
const kit = await generateKit({
  org: { name: 'Bench', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] },
  personas, months, seed: 'bench', outDir: out, key: Buffer.alloc(32, 1), publicUrl: 'https://rempart.example.org', deploymentId: 'bench',
});
const s = (performance.now() - t0) / 1000;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
const { messages, documents } = kit.manifest.counts;
console.log(`blur kit: ${personas} personas × ${months} months: ${messages} messages, ${documents} documents in ${s.toFixed(1)} s`);
console.log(`messages/s: ${(messages / s).toFixed(0)}   documents/s (overall kit rate): ${(documents / s).toFixed(1)}`);
console.log(`peak RSS: ${(peak / 1048576).toFixed(0)} MB   target: full kit < 60 s on one core → ${s < 60 ? 'OK' : 'MISSED'}`);
rmSync(out, { recursive: true, force: true });
