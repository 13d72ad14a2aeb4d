/**
 * Network view at 10,000 accounts: a synthetic stream (≈145,000 posts, 150 planted groups, chance
 * links between 12,000 ordinary accounts) stored in SQLite, served by the real app, opened in
 * headless Chromium. Prints the server time of GET /watch/graph, the time until the canvas holds the
 * graph, and frame times while panning (edges hidden on move) and while zooming (edges drawn).
 *
 * Headless Chromium here has no GPU: WebGL runs on SwiftShader (CPU), so frame times are an upper
 * bound of what a laptop with a GPU shows; the machine is shared, so figures are noisy.
 * Run: npm run bench:watch-view  (--accounts=N --posts=N --groups=N for other sizes)
 */
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { savePosts, simulateStream } from '../src/watch/index.ts';
import { ensureWebBuilt, launchChromium, startDashboardServer } from '../test/e2e/harness.ts';

const arg = (name: string, def: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const accounts = arg('accounts', 12_000);
const ordinaryPosts = arg('posts', 40_000);
const groups = arg('groups', 150);

console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start; Chromium headless, software WebGL`);
ensureWebBuilt();
const sim = simulateStream({ seed: 5, accounts, ordinaryPosts, groups, groupSize: [6, 30], items: 20_000, hyperactive: 10, hyperactivePosts: 500, delayHours: 1 });
let t = performance.now();
const server = await startDashboardServer({ seed: async (store) => void (await savePosts(store, sim.posts)) });
console.log(`stream: ${sim.posts.length} posts, ${groups} planted groups, stored in ${((performance.now() - t) / 1000).toFixed(1)} s (not counted below)`);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  await page.goto(server.url);
  await page.getByLabel('Identifiant').fill(server.username);
  await page.getByLabel('Mot de passe').fill(server.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('open-alerts').waitFor();

  const api = await page.evaluate(async () => {
    const t0 = performance.now();
    // The same request as the page (which draws 20,000 pairs at most).
    const r = await fetch('/api/v1/watch/graph?type=corepost&window=60&minWeight=1&maxEdges=20000');
    const text = await r.text();
    const g = JSON.parse(text) as { nodes: unknown[]; edges: unknown[]; totalNodes: number; totalEdges: number };
    return { ms: performance.now() - t0, bytes: text.length, nodes: g.nodes.length, edges: g.edges.length, totalNodes: g.totalNodes, totalEdges: g.totalEdges };
  });
  console.log(`GET /watch/graph: ${api.nodes} accounts and ${api.edges} links (of ${api.totalNodes} and ${api.totalEdges}), ${(api.bytes / 1048576).toFixed(1)} MB, ${(api.ms / 1000).toFixed(2)} s`);

  t = performance.now();
  await page.goto(`${server.url}/watch?tab=network&minWeight=1`);
  const canvas = page.locator('[data-testid="graph-canvas"][data-nodes]');
  await canvas.waitFor({ timeout: 120_000 });
  // Two animation frames: the first full draw is done.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  const span = (a: string, b: string) => ((marks[b] - marks[a]) / 1000).toFixed(2);
  console.log(`in the page: graphology graph built in ${span('watch:graph-start', 'watch:graph-built')} s, sigma set up in ${span('watch:graph-built', 'watch:sigma-ready')} s`);
  console.log(`page open to graph drawn: ${((performance.now() - t) / 1000).toFixed(2)} s (includes the same server computation), ${await canvas.getAttribute('data-nodes')} accounts on the canvas`);

  mkdirSync(resolve(import.meta.dirname, '../.tmp'), { recursive: true });
  await page.screenshot({ path: resolve(import.meta.dirname, '../.tmp/watch-10k.png') });
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  const record = () => page.evaluate('window.__frames = []; window.__stop = false; (function loop(ts) { window.__frames.push(ts); if (!window.__stop) requestAnimationFrame(loop); })(performance.now())');
  const stop = () =>
    page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      const f = w.__frames;
      const d = f.slice(1).map((x, i) => x - f[i]).sort((a, b) => a - b);
      const mean = d.reduce((s, x) => s + x, 0) / Math.max(1, d.length);
      return { frames: d.length, mean, median: d[d.length >> 1] ?? 0, p95: d[Math.floor(d.length * 0.95)] ?? 0, max: d[d.length - 1] ?? 0 };
    });
  const show = (what: string, r: { frames: number; mean: number; median: number; p95: number; max: number }) =>
    console.log(`${what}: ${r.frames} frames, mean ${r.mean.toFixed(1)} ms (${(1000 / r.mean).toFixed(0)} FPS), median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, worst ${r.max.toFixed(1)} ms`);

  // Pan: a 2-second drag across the canvas.
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await record();
  for (let i = 0; i < 120; i++) {
    await page.mouse.move(cx + Math.sin(i / 12) * 250, cy + Math.cos(i / 17) * 120);
    await page.waitForTimeout(16);
  }
  const pan = await stop();
  await page.mouse.up();
  show('pan (edges hidden while moving)', pan);

  // Zoom: wheel steps in and out; edges are drawn between steps.
  await page.waitForTimeout(500);
  await record();
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, i < 20 ? -120 : 120);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(400);
  show('zoom in and out (wheel)', await stop());
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await browser.close();
  await server.close();
}
