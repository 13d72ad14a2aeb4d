/**
 * Training benchmark: email disarming throughput, public page rendering, staff answer recording.
 * Prints rates and peak memory; not a test. `npm run bench:train [-- --emails 2000 --requests 2000 --people 200]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/core/config.ts';
import { silentLogger } from '../src/core/logger.ts';
import { SecretBox } from '../src/core/secrets.ts';
import { buildApp } from '../src/server/app.ts';
import { openStore } from '../src/store/index.ts';
import { disarmEmailHtml, enrolAfterDrillFailure, openStaffSession, recordStaffAnswer, trainingContent } from '../src/train/index.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const EMAILS = arg('emails', 2000);
const REQUESTS = arg('requests', 2000);
const PEOPLE = arg('people', 200);

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

function syntheticEmail(i: number): string {
  const rows = Array.from({ length: 40 }, (_, j) => `<tr><td style="color:red">Ligne ${j}</td><td><a href="https://lookalike-${i}.example/${j}" onclick="x()">https://en-marche.fr/doc/${j}</a></td><td><img src="https://t.example/${i}/${j}.gif" alt="px"></td></tr>`).join('');
  return `<html><head><style>td{}</style><script>track(${i})</script></head><body><p>Bonjour,</p><table>${rows}</table><form action="https://e.example"><input type="password" name="pw"></form></body></html>`;
}

const emails = Array.from({ length: EMAILS }, (_, i) => syntheticEmail(i));
const bytes = emails.reduce((a, e) => a + e.length, 0);
let t = performance.now();
let links = 0;
for (const e of emails) links += disarmEmailHtml(e).report.links.length;
let s = (performance.now() - t) / 1000;
console.log(`disarm: ${EMAILS} emails (${mb(bytes)} MB, ${links} links) in ${s.toFixed(2)} s = ${(EMAILS / s).toFixed(0)} emails/s, ${(bytes / 1024 / 1024 / s).toFixed(1)} MB/s`);

const dir = mkdtempSync(join(tmpdir(), 'rempart-bench-train-'));
const store = await openStore(`sqlite:${join(dir, 'b.db')}`);
const app = await buildApp({ config: loadConfig({}, {}), store, logger: silentLogger(), box: SecretBox.fromKey('d'.repeat(64)) }, { webDir: '/nonexistent' });
const content = trainingContent();
const ids = content.exercises.byLang.fr.map((x) => x.id);

t = performance.now();
for (let i = 0; i < REQUESTS; i++) {
  // One address per request: the pages' per-IP rate limit (240/min) is not what is measured.
  const r = await app.inject({ remoteAddress: `10.0.${(i >> 8) & 255}.${i & 255}`, url: i % 2 ? `/apprendre/exercices/${ids[i % ids.length]}` : `/learn/${content.lessons.ids[i % content.lessons.ids.length]}` });
  if (r.statusCode !== 200) throw new Error(`HTTP ${r.statusCode}`);
}
s = (performance.now() - t) / 1000;
console.log(`public pages: ${REQUESTS} GET (lessons and exercises, in-process) in ${s.toFixed(2)} s = ${(REQUESTS / s).toFixed(0)} pages/s`);

t = performance.now();
let answers = 0;
for (let i = 0; i < PEOPLE; i++) {
  const [a] = await enrolAfterDrillFailure(store, { staffEmail: `p${i}@en-marche.fr`, lureKind: 'colleague', failedStep: 'clicked' }, { content });
  const token = a.path.split('/').pop() ?? '';
  const session = await openStaffSession(store.db, token, { content });
  for (const x of session.exercises) {
    await recordStaffAnswer(store, token, x.id, x.verdict, { content });
    answers++;
  }
}
s = (performance.now() - t) / 1000;
console.log(`staff: ${PEOPLE} enrolments and ${answers} recorded answers on SQLite in ${s.toFixed(2)} s = ${(answers / s).toFixed(0)} answers/s`);

clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(`peak RSS: ${mb(peak)} MB`);
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
