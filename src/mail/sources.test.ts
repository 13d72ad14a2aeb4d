import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMessages, type RawItem } from './sources.ts';

const dir = mkdtempSync(join(tmpdir(), 'rempart-mbox-'));
async function all(path: string): Promise<RawItem[]> {
  const out: RawItem[] = [];
  for await (const it of readMessages([path])) out.push(it);
  return out;
}

describe('mbox input: every message gets exactly one outcome', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file holding only a "From " line gets an error, not silence', async () => {
    const f = join(dir, 'only-from');
    writeFileSync(f, 'From someone@example.org Fri Dec  4 10:00:00 2026\n');
    const items = await all(f);
    expect(items).toHaveLength(1);
    expect(items[0].error?.id).toBe('mail.empty_message');
  });

  it('two separators in a row give an error for the empty one and the message for the next', async () => {
    const f = join(dir, 'a.mbox');
    writeFileSync(f, 'From a@x Fri Dec  4 10:00:00 2026\nFrom b@x Fri Dec  4 10:00:00 2026\nFrom: b@x\nSubject: hi\n\nbody\n>From the start\n');
    const items = await all(f);
    expect(items.map((i) => i.name)).toEqual([`${f}#1`, `${f}#2`]);
    expect(items[0].error?.id).toBe('mail.empty_message');
    expect(items[1].raw?.toString()).toContain('From the start');
  });

  it('an empty .mbox file gets one error line', async () => {
    const f = join(dir, 'empty.mbox');
    writeFileSync(f, '');
    const items = await all(f);
    expect(items).toHaveLength(1);
    expect(items[0].error?.id).toBe('mail.empty_message');
  });
});
