import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/access/index.ts';
import { PostCollector, simulateStream, storePosts } from '../../src/watch/index.ts';
import { chromiumAvailable, ensureWebBuilt, launchChromium, startDashboardServer, type DashboardServer, logIn } from './harness.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A stream with three planted groups reposting campaign items within seconds, among 400 ordinary accounts. */
const sim = simulateStream({ seed: 21, accounts: 400, ordinaryPosts: 4000, groups: 3, groupSize: [8, 12], campaigns: [10, 12], participation: 1, hyperactive: 3, hyperactivePosts: 300, originals: 0.1 });

/** Pixels of a colour in an element's screenshot, counted in the page (a WebGL canvas cannot be read back once drawn). */
async function pixelsOf(page: Page, selector: string, rgb: [number, number, number]): Promise<number> {
  const png = await page.locator(selector).screenshot();
  return page.evaluate(
    async ({ b64, rgb }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d') as CanvasRenderingContext2D;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) < 30) n++;
      return n;
    },
    { b64: png.toString('base64'), rgb },
  );
}

describe.runIf(chromiumAvailable())('influence watch in Chromium', () => {
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startDashboardServer({
      seed: async (store) => {
        // Through the same path as `watch ingest` and POST /watch/posts: canonicalisation, then storage.
        const collector = new PostCollector();
        sim.posts.forEach((p, i) => collector.add(i + 1, p));
        await storePosts(store, systemActor, 'e2e', collector);
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await logIn(page, server);
    await page.getByTestId('open-alerts').waitFor();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the coordination network with every account the server placed, the planted groups in colour', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Veille' }).click();
    await page.getByRole('tab', { name: 'Réseau de coordination' }).click();
    await page.getByLabel('Actions communes').selectOption('1');
    const canvas = page.locator('[data-testid="graph-canvas"][data-nodes]');
    await canvas.waitFor();
    const expected = await page.evaluate(async () => (await (await fetch('/api/v1/watch/graph?type=corepost&window=60&minWeight=1')).json()) as { nodes: Array<{ id: string; cluster: number }>; edges: unknown[] });
    expect(Number(await canvas.getAttribute('data-nodes'))).toBe(expected.nodes.length);
    expect(Number(await canvas.getAttribute('data-edges'))).toBe(expected.edges.length);
    expect(expected.nodes.length).toBeGreaterThan(100);
    const clusterOf = new Map(expected.nodes.map((n) => [n.id, n.cluster]));
    for (const g of sim.groups) {
      const c = new Set(g.map((a) => clusterOf.get(a)));
      expect(c.size).toBe(1);
      expect([...c][0]).toBeGreaterThan(0);
    }
    await expect(page.locator('.cluster-list li').count()).resolves.toBe(3);
    // The canvas really shows the clusters: pixels of the first three cluster colours.
    await page.waitForTimeout(500);
    for (const rgb of [[0x1c, 0x3f, 0x94], [0x0e, 0x93, 0x84], [0xc1, 0x15, 0x74]] as Array<[number, number, number]>) expect(await pixelsOf(page, '[data-testid="graph-canvas"]', rgb)).toBeGreaterThan(20);
  });

  it('finds an account, picks it on the canvas, and shows the evidence of one of its links', async () => {
    const account = sim.groups[0][0];
    await page.getByLabel('Compte (identifiant)').fill(account);
    await page.getByRole('button', { name: 'Trouver' }).click();
    await expect(page.getByTestId('node-panel').locator('h2').innerText()).resolves.toBe(account);
    // The camera centres the account: a click in the middle of the canvas lands on it.
    await page.waitForTimeout(900);
    await page.getByRole('button', { name: /Groupe 2/ }).click();
    await page.waitForTimeout(900);
    const box = await page.getByTestId('graph-canvas').boundingBox();
    if (!box) throw new Error('no canvas');
    const before = await page.getByTestId('node-panel').locator('h2').innerText();
    expect(sim.groups.flat()).toContain(before);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('node-panel').locator('h2').innerText()).resolves.toBe(before);

    await page.getByTestId('node-panel').locator('.partner-list .row-link').first().click();
    const pair = page.getByTestId('pair-panel');
    await pair.locator('.evidence-list li').first().waitFor();
    await expect(pair.innerText()).resolves.toContain('Coordination au-delà du hasard');
    const keys = await pair.locator('.evidence-list code').allInnerTexts();
    // Mostly campaign items of their group (members also repost ordinary items, and may meet on one by chance).
    expect(keys.filter((k) => /^camp\d_\d+$/.test(k)).length).toBeGreaterThanOrEqual(3);
  });

  it('opens a narrative page and shows its posts as evidence', async () => {
    await page.getByRole('tab', { name: 'Récits' }).click();
    const link = page.locator('.narrative-link').first();
    const label = await link.innerText();
    await link.click();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(label);
    expect(page.url()).toMatch(/\/watch\?narrative=n-/);
    const rows = page.getByTestId('narrative-evidence').locator('tbody tr');
    await rows.first().waitFor();
    const id = new URL(page.url()).searchParams.get('narrative') ?? '';
    const detail = await page.evaluate(async (nid) => (await (await fetch(`/api/v1/watch/narrative?id=${encodeURIComponent(nid)}`)).json()) as { evidence: Array<{ text: string }>; narrative: { posts: number } }, id);
    await expect(rows.count()).resolves.toBe(Math.min(50, detail.evidence.length));
    await expect(rows.first().locator('td').nth(2).innerText()).resolves.toBe(detail.evidence[0].text);
    await page.getByRole('link', { name: /Tous les récits/ }).click();
    await page.locator('.narrative-link').first().waitFor();
  });

  it('has no serious accessibility violation on the overview and the network view', async () => {
    for (const tab of ['', '?tab=network']) {
      await page.goto(`${server.url}/watch${tab}`);
      await page.locator(tab ? '[data-testid="graph-canvas"][data-nodes]' : '.time-chart canvas').first().waitFor();
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target) }));
      });
      expect(violations, tab).toEqual([]);
    }
  });
});
