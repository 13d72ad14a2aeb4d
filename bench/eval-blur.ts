/**
 * Variety evaluation of a generated kit (~20,000 messages with 50 personas × 6 months):
 * max MinHash Jaccard between message bodies of different threads (LSH-banded search; target < 0.5),
 * and the coefficient of variation of file sizes per document type (target > 0.3).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { generateKit } from '../src/blur/kit.ts';
import { maxCrossGroupSimilarity, shingles, signature } from '../src/blur/minhash.ts';
import { canonicalWords } from '../src/blur/markers/watermark.ts';

const personas = Number(process.env.BLUR_PERSONAS ?? 50);
const months = Number(process.env.BLUR_MONTHS ?? 6);
const out = mkdtempSync(join(tmpdir(), 'blur-eval-'));
const kit = await generateKit({
  org: { name: 'Eval', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] },
  personas, months, seed: 'eval', outDir: out, key: Buffer.alloc(32, 2), publicUrl: 'https://rempart.example.org', deploymentId: 'eval',
});
const items: Array<{ sig: Uint32Array; group: string }> = [];
const bodies: string[] = [];
for (const a of kit.artifacts) {
  if (a.kind !== 'message') continue;
  const m = await simpleParser(readFileSync(join(out, a.path)), { skipHtmlToText: true, skipTextToHtml: true });
  // The message's own text: quoted history and forwarded copies belong to their own thread anyway.
  const own = (m.text ?? '').split(/\n(?:Le .{5,80} a écrit :|On .{5,80} wrote:|-{5,} (?:Message transféré|Forwarded message) -{5,})/)[0];
  const body = canonicalWords(own.split('\n').filter((l) => !l.startsWith('>')).join('\n'));
  items.push({ sig: signature(shingles(body)), group: a.threadId ?? a.id });
  bodies.push(body);
}
const r = maxCrossGroupSimilarity(items);
console.log(`messages: ${items.length}; pairs compared after LSH: ${r.compared}`);
console.log(`max MinHash Jaccard between bodies of different threads: ${r.max.toFixed(3)} (target < 0.5) → ${r.max < 0.5 ? 'OK' : 'MISSED'}`);
if (r.pair && process.env.BLUR_SHOW) console.log('---\n' + bodies[r.pair[0]] + '\n---\n' + bodies[r.pair[1]]);
const byType = new Map<string, number[]>();
for (const a of kit.artifacts) if (a.kind === 'docx' || a.kind === 'xlsx' || a.kind === 'pdf') byType.set(a.kind, [...(byType.get(a.kind) ?? []), a.size]);
for (const [type, sizes] of byType) {
  const mean = sizes.reduce((s, x) => s + x, 0) / sizes.length;
  const sd = Math.sqrt(sizes.reduce((s, x) => s + (x - mean) ** 2, 0) / sizes.length);
  console.log(`${type}: ${sizes.length} files, mean ${(mean / 1024).toFixed(1)} KiB, coefficient of variation ${(sd / mean).toFixed(2)} (target > 0.3) → ${sd / mean > 0.3 ? 'OK' : 'MISSED'}`);
}
rmSync(out, { recursive: true, force: true });
