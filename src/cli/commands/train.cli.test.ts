import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../main.ts';

/** Runs one CLI verb in-process and returns what it printed on stdout. */
async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await (await buildProgram(args)).exitOverride().parseAsync(['node', 'rempart', ...args]);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out.join('');
}

describe('rempart train', () => {
  let dir: string;
  const env = { ...process.env };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rempart-train-cli-'));
    process.env.REMPART_DATABASE_URL = `sqlite:${join(dir, 'r.db')}`;
    process.env.REMPART_DATA_DIR = dir;
  });
  afterAll(() => {
    process.env = env;
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists lessons as one JSON line each, with the same ids in French and English', async () => {
    const parse = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l) as { id: string; lang: string; title: string });
    const fr = parse(await run(['train', 'lessons', '--json']));
    const en = parse(await run(['train', 'lessons', '--lang', 'en', '--json']));
    expect(fr.length).toBeGreaterThanOrEqual(13);
    expect(fr.every((l) => l.lang === 'fr' && l.title)).toBe(true);
    expect(en.map((l) => l.id)).toEqual(fr.map((l) => l.id));
    expect(en[0].lang).toBe('en');
  });

  it('assigns by hand and after a drill lure, then reports progress as JSON lines', async () => {
    const manual = JSON.parse((await run(['train', 'assign', '--to', 'a@en-marche.fr', '--lesson', 'report', '--json'])).trim()) as { lessonId: string; created: boolean };
    expect(manual).toMatchObject({ lessonId: 'report', created: true });
    const drill = (await run(['train', 'assign', '--to', 'b@en-marche.fr', '--lure', 'attachment', '--step', 'opened_attachment', '--json'])).trim().split('\n');
    expect(drill.map((l) => (JSON.parse(l) as { lessonId: string }).lessonId)).toEqual(['attachments']);
    const lines = (await run(['train', 'progress', '--json'])).trim().split('\n').map((l) => JSON.parse(l) as { kind: string; assigned?: number });
    expect(lines.filter((l) => l.kind === 'person')).toHaveLength(2);
    expect(lines.find((l) => l.kind === 'group')?.assigned).toBe(2);
  });
});
