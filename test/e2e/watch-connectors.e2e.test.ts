/**
 * The watch connector verbs as users run them: the built `bin/rempart.js` against replay servers
 * on loopback (a Jetstream WebSocket that disconnects), then status, disable, archives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startJetstream, v2Tweet, type Replay } from '../helpers/platforms.ts';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/rempart.js');
const dir = mkdtempSync(join(tmpdir(), 'rempart-connect-'));
const env = { ...process.env, REMPART_DATABASE_URL: `sqlite:${join(dir, 'r.db')}`, REMPART_DATA_DIR: dir, REMPART_X_BEARER_TOKEN: '' };
const rempart = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('rempart watch connect / status / connector (built CLI)', () => {
  let js: Replay;
  beforeAll(async () => {
    js = await startJetstream({ cutAfter: 3 });
  });
  afterAll(async () => {
    await js?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a Bluesky Jetstream until Ctrl-C, resuming after a disconnect, and prints its totals', async () => {
    const p = spawn(process.execPath, [bin, 'watch', 'connect', 'bluesky', '--endpoint', js.url], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    // Until the status line shows every post stored (the reconnect included), then Ctrl-C.
    const deadline = Date.now() + 20_000;
    while (!/ 4 stockés/.test(err) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    p.kill('SIGINT');
    const code = await new Promise<number | null>((r) => p.on('exit', r));
    expect(code, err).toBe(0);
    expect(out).toMatch(/^bluesky: 4 messages stockés \/ posts stored, \d+ événements \/ events, \d+ ignorés \/ skipped\n$/);
    expect(js.requests.length).toBeGreaterThanOrEqual(2);
    const status = rempart('watch', 'status', '--json');
    expect(status.code).toBe(0);
    const s = JSON.parse(status.out.trim()) as { name: string; state: string; postsTotal: number; reconnects: number; skipped: Record<string, number> };
    expect(s).toMatchObject({ name: 'bluesky', state: 'stopped', postsTotal: 4 });
    expect(s.reconnects).toBeGreaterThanOrEqual(1);
    expect(s.skipped.deleted).toBe(1);
    const table = rempart('watch', 'status');
    expect(table.out).toMatch(/^NAME\s+PLATFORM\s+STATE\s+POSTS\/S/);
    expect(table.out).toMatch(/bluesky\s+bluesky\s+stopped/);
  }, 30_000);

  // Eight CLI runs: on a loaded two-core machine each can take seconds.
  it('saves without running, disables and deletes a connector; refuses a missing credential by name', { timeout: 120_000 }, () => {
    expect(rempart('watch', 'connect', 'mastodon', '--instance', 'social.example', '--hashtag', 'MacronLeaks', '--no-run').out).toMatch(/^mastodon \(mastodon\) : social\.example #MacronLeaks — enregistré \/ saved\n$/);
    expect(rempart('watch', 'connector', 'disable', 'mastodon').out).toMatch(/désactivé \/ disabled/);
    const st = rempart('watch', 'status', '--json').out.trim().split('\n').map((l) => JSON.parse(l) as { name: string; enabled: boolean });
    expect(st.find((x) => x.name === 'mastodon')?.enabled).toBe(false);
    expect(rempart('watch', 'connector', 'rm', 'mastodon').code).toBe(0);
    const missing = rempart('watch', 'connect', 'x', '--query', '#MacronLeaks', '--no-run');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/REMPART_X_BEARER_TOKEN.*\[watch\.missing_credential\]$/m);
    const bad = rempart('watch', 'connect', 'myspace');
    expect(bad.err).toMatch(/\[watch\.unknown_platform\]$/m);
    const badOpt = rempart('watch', 'connect', 'youtube', '--video', 'not-an-id', '--no-run');
    expect(badOpt.err).toMatch(/\[watch\.(bad_connector_options|missing_credential)\]$/m);
  });

  it('ingests a twarc2 archive through watch ingest --format twarc2', { timeout: 60_000 }, () => {
    const f = join(dir, 'archive.jsonl');
    const page = v2Tweet('1050000000000000401', { author: 'u1', username: 'leaker' });
    writeFileSync(f, `${JSON.stringify({ data: [page.data], includes: page.includes })}\n{broken\n`);
    const r = rempart('watch', 'ingest', '--format', 'twarc2', '--json', f);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out.trim())).toMatchObject({ rows: 2, inserted: 1, issueCount: 1 });
  });
});
