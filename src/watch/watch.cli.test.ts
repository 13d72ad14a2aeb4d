import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateStream } from './simulate.ts';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/rempart.js');
const dir = mkdtempSync(join(tmpdir(), 'rempart-watch-cli-'));
const env = { ...process.env, REMPART_DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, REMPART_DATA_DIR: dir, REMPART_SECRET_KEY: 'cd'.repeat(32), REMPART_NO_PROGRESS: '1' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rempart watch CLI', () => {
  it('ingests JSON lines and prints QUT edges then clusters as JSON lines', async () => {
    const sim = simulateStream({ seed: 5, accounts: 200, ordinaryPosts: 2000, groups: 1, groupSize: [6, 6], campaigns: [8, 8], participation: 1, hyperactive: 2, hyperactivePosts: 200, originals: 0 });
    const file = join(dir, 'posts.jsonl');
    writeFileSync(file, sim.posts.map((p) => JSON.stringify(p)).join('\n') + '\n{"broken\n');
    const ing = await run(bin, ['watch', 'ingest', file, '--json'], { env });
    const summary = JSON.parse(ing.stdout.trim()) as { inserted: number; issues: Array<{ line: number }> };
    expect(summary.inserted).toBe(sim.posts.length);
    expect(summary.issues[0].line).toBe(sim.posts.length + 1);
    const out = await run(bin, ['watch', 'coordination', '--type', 'corepost', '--window', '60', '--min-weight', '3', '--json'], { env, maxBuffer: 64 * 1024 * 1024 });
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const edges = lines.filter((l) => 'user_1' in l);
    const clusters = lines.filter((l) => 'cluster' in l) as Array<{ accounts: string[]; score: number }>;
    expect(edges.every((e) => (e.weight as number) >= 3)).toBe(true);
    expect(lines.findIndex((l) => 'cluster' in l)).toBe(edges.length);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].accounts.sort()).toEqual([...sim.coordinated].sort());
    expect(clusters[0].score).toBeGreaterThan(0);
  }, 60_000);

  it('fails with one line on a bad option', async () => {
    await expect(run(bin, ['watch', 'coordination', '--type', 'cofoo'], { env })).rejects.toMatchObject({ stderr: expect.stringMatching(/--type/) });
  });
});
