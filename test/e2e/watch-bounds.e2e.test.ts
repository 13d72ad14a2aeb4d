import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'rempart-watch-bounds-'));
const run = (db: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, 'bin/rempart.js'), ...args], { env: { ...process.env, REMPART_DATABASE_URL: `sqlite:${join(dir, db)}`, REMPART_DATA_DIR: dir, REMPART_NO_PROGRESS: '1' }, encoding: 'utf8', cwd: dir, timeout: 240_000, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('watch on viral streams, as a user runs it', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('simulate --zipf writes the QUT CSV; ingest and coordination --window auto finish', () => {
    const csv = join(dir, 'zipf.csv');
    const s = run('z.db', 'watch', 'simulate', csv, '--zipf', '1.1', '--posts', '20000', '--format', 'qut-csv', '--seed', '4');
    expect(s.code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('message_id,user_id,username,repost_id,reply_id,message,timestamp,urls');
    expect(lines.length).toBeGreaterThan(20_000);
    const i = run('z.db', 'watch', 'ingest', '--format', 'qut-csv', '--json', csv);
    expect(i.code).toBe(0);
    expect(JSON.parse(i.out.trim()).inserted).toBe(lines.length - 1);
    const c = run('z.db', 'watch', 'coordination', '--type', 'corepost', '--window', 'auto', '--json');
    expect(c.err).toBe('');
    expect(c.code).toBe(0);
    expect(c.out.trim().split('\n').length).toBeGreaterThan(10);
  }, 300_000);

  it('one item reposted by 30,000 accounts in a minute at a 60 s window: watch.too_many_pairs, not a crash', () => {
    const csv = join(dir, 'viral.csv');
    const rows = ['message_id,user_id,username,repost_id,reply_id,message,timestamp,urls'];
    for (let k = 0; k < 30_000; k++) rows.push(`${k},u${k},user${k},viral,,RT,${1493996400 + Math.floor((k * 60) / 30_000)},`);
    writeFileSync(csv, rows.join('\n') + '\n');
    expect(run('v.db', 'watch', 'ingest', '--format', 'qut-csv', csv).code).toBe(0);
    const c = run('v.db', 'watch', 'coordination', '--type', 'corepost', '--window', '60');
    expect(c.code).not.toBe(0);
    expect(c.err).toMatch(/watch\.too_many_pairs/);
    expect(c.err).toMatch(/--window/);
  }, 300_000);
});
