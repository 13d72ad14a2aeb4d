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
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 'G0007', name: 'APT28', shared: [{ technique: 'T1566.001' }] });
    expect(typeof lines[0].score).toBe('number');
    // One technique is thin evidence: the verdict abstains and says what would settle it.
    expect(lines[1]).toMatchObject({ verdict: { status: 'abstain', reasons: expect.arrayContaining(['thin_evidence']) } });
    await cli('indicators', 'add', 'evil-en-marche.fr', '--source', 'CERT-FR — Sofacy phishing domains', '--confidence', '80');
    const withInfra = await cli('attribute', '--technique', 'T1566.001', '--indicator', 'login.evil-en-marche.fr', '--indicator', 'unknown.example', '--json');
    const l2 = withInfra.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(l2[0]).toMatchObject({ id: 'G0007', sharedInfrastructure: [{ indicator: 'evil-en-marche.fr', actor: 'sofacy', groups: ['G0007'] }] });
    expect((l2[0].contributions as Record<string, number>).infrastructure).toBeGreaterThanOrEqual(0);
    expect(l2[1]).toMatchObject({ verdict: { status: 'attributed' }, infrastructure: { matched: 1, unmatched: ['unknown.example'] } });
    const text = await cli('attribute', '--technique', 'T1566.001');
    expect(text.stdout).toContain('no confident attribution');
    const actor = JSON.parse((await cli('actor', 'sofacy', '--json')).stdout) as Record<string, unknown>;
    expect(actor).toMatchObject({ id: 'G0007', name: 'APT28', aliases: ['Sofacy'], techniques: ['T1566.001'], software: ['X-Agent'] });
    const bad = await cli('import', join(dir, 'nope.json')).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: expect.any(Number) });
    expect((bad as { stderr: string }).stderr).toContain('intel.no_file');
  }, 60_000);
});
