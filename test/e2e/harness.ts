import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { createUser, systemActor } from '../../src/access/index.ts';
import { configSchema, type Config } from '../../src/core/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { SecretBox } from '../../src/core/secrets.ts';
import { buildApp, WEB_DIST } from '../../src/server/app.ts';
import { openTestStore, type TestStore } from '../../src/store/testing.ts';
import type { Store } from '../../src/store/index.ts';

/** Browser and dashboard test support, shared by the e2e test and scripts/screenshot.ts. */

const repoRoot = resolve(import.meta.dirname, '../..');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the dashboard (`npm run build:web`) when dist/web is missing or older than web/. */
export function ensureWebBuilt(): void {
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(repoRoot, 'web'))) return;
  const r = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: repoRoot, stdio: 'pipe', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:web failed:\n${r.stdout}\n${r.stderr}`);
}

export interface DashboardServer {
  url: string;
  store: Store;
  app: FastifyInstance;
  username: string;
  password: string;
  close(): Promise<void>;
}

/** The real app on a temporary SQLite database, listening on a free loopback port, with one admin. */
export async function startDashboardServer(opts: { seed?: (store: Store, box: SecretBox, config: Config) => Promise<void> } = {}): Promise<DashboardServer> {
  const test: TestStore = await openTestStore('sqlite');
  const dataDir = mkdtempSync(join(tmpdir(), 'rempart-e2e-'));
  const config = configSchema.parse({ databaseUrl: test.url, dataDir, port: 0, logLevel: 'silent' });
  const box = SecretBox.fromKey(randomBytes(32).toString('hex'));
  const ctx = { config, store: test.store, box, logger: silentLogger() };
  const username = 'directrice';
  const password = `Rempart-${randomBytes(9).toString('base64url')}`;
  await createUser(test.store, systemActor, { username, displayName: 'Claire Dumont', role: 'admin', password });
  if (opts.seed) await opts.seed(test.store, box, config);
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    store: test.store,
    app,
    username,
    password,
    async close() {
      await app.close();
      await test.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in through the login form, as a person does (French or English labels), and waits for the
 * navigation. The page must be on the dashboard's login screen.
 */
export async function logIn(page: Page, server: Pick<DashboardServer, 'username' | 'password'>, user = { username: server.username, password: server.password }): Promise<void> {
  await page.getByLabel(/Identifiant|Username/).fill(user.username);
  await page.getByLabel(/Mot de passe|Password/).fill(user.password);
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  await page.getByRole('navigation', { name: /Navigation principale|Main navigation/ }).waitFor();
}

export { launchChromium, chromiumAvailable } from '../helpers/browser.ts';
