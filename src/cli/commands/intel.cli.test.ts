import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { miniBundle } from '../../intel/import/fixtures.ts';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../../bin/rempart.js');

describe('rempart intel (CLI)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const cli = (...args: string[]) => run(process.execPath, [bin, 'intel', ...args], { env, cwd: dir });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rempart-intel-cli-'));
    env = { ...process.env, REMPART_DATABASE_URL: `sqlite:${join(dir, 'r.db')}`, REMPART_DATA_DIR: dir, REMPART_NO_PROGRESS: '1' };
    writeFileSync(join(dir, 'mini.json'), JSON.stringify(miniBundle()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports, then prints one JSON line per group for attribute and the actor for any alias', async () => {
    const imp = await cli('import', join(dir, 'mini.json'), '--json');
    expect(JSON.parse(imp.stdout)).toMatchObject({ format: 'stix', created: 7 });
    const attr = await cli('attribute', '--technique', 'T1566.001', '--json');
    const lines = attr.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ id: 'G0007', name: 'APT28', shared: [{ technique: 'T1566.001' }] });
    expect(typeof lines[0].score).toBe('number');
    const actor = JSON.parse((await cli('actor', 'sofacy', '--json')).stdout) as Record<string, unknown>;
    expect(actor).toMatchObject({ id: 'G0007', name: 'APT28', aliases: ['Sofacy'], techniques: ['T1566.001'], software: ['X-Agent'] });
    const bad = await cli('import', join(dir, 'nope.json')).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: expect.any(Number) });
    expect((bad as { stderr: string }).stderr).toContain('intel.no_file');
  }, 60_000);
});
