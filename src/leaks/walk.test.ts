import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import fc from 'fast-check';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Walker, type LeakItem } from './walk.ts';

async function tarOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of Object.entries(files)) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

async function walk(paths: string[], limits = {}): Promise<LeakItem[]> {
  const out: LeakItem[] = [];
  await new Walker(async (i) => void out.push(i), { maxItemBytes: 8 * 1024 * 1024, maxDepth: 3, maxArchiveBytes: 64 * 1024 * 1024, maxRatio: 200, maxEntries: 10_000, ...limits }).walkPaths(paths);
  return out;
}

describe('dump walker', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'walk-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names members of nested archives dump.zip!inner/path and reads tar.gz and mbox', async () => {
    const inner = zipSync({ 'deep/note.txt': new TextEncoder().encode('bonjour') });
    const t = await tarOf({ 'a/b.txt': 'texte', 'c.eml': 'Subject: x\n\nhello' });
    writeFileSync(join(dir, 'dump.zip'), zipSync({ 'inner/x.txt': new TextEncoder().encode('x'), 'inner/nested.zip': inner, 'mail.tar.gz': new Uint8Array(gzipSync(t)) }));
    writeFileSync(join(dir, 'box.mbox'), 'From a@b Thu Mar  9 10:00:00 2017\nSubject: un\n\ncorps 1\n>From here\n\nFrom c@d Thu Mar  9 11:00:00 2017\nSubject: deux\n\ncorps 2\n');
    const items = await walk([join(dir, 'dump.zip'), join(dir, 'box.mbox')]);
    const paths = items.map((i) => i.path.replace(dir, ''));
    expect(paths).toEqual(['/dump.zip!inner/x.txt', '/dump.zip!inner/nested.zip!deep/note.txt', '/dump.zip!mail.tar.gz!a/b.txt', '/dump.zip!mail.tar.gz!c.eml', '/box.mbox!1.eml', '/box.mbox!2.eml']);
    expect(items[5].data?.toString()).toContain('corps 2');
    expect(items[4].data?.toString()).toContain('From here');
  });

  it('reports a zip bomb, an over-deep nesting and path traversal names without writing anything', async () => {
    const bomb = zipSync({ 'zeros.bin': new Uint8Array(50 * 1024 * 1024) }, { level: 9 });
    let nest: Uint8Array = zipSync({ 'core.txt': new TextEncoder().encode('x') });
    for (let i = 0; i < 6; i++) nest = zipSync({ [`l${i}.zip`]: nest }, { level: 0 });
    writeFileSync(join(dir, 'bad.zip'), zipSync({ '../../../../tmp/evil.txt': new TextEncoder().encode('evil'), '/etc/passwd': new TextEncoder().encode('root'), 'bomb.zip': bomb, 'nest.zip': nest }, { level: 0 }));
    const before = readdirSync(dir).sort();
    const items = await walk([join(dir, 'bad.zip')]);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(items.find((i) => i.path.endsWith('!../../../../tmp/evil.txt'))?.data?.toString()).toBe('evil');
    expect(items.find((i) => i.path.includes('bomb.zip!zeros.bin'))?.error?.id).toBe('leaks.bomb');
    expect(items.some((i) => i.error?.id === 'leaks.too_deep')).toBe(true);
  });

  it('gives per-item errors for encrypted entries, corrupt archives, unreadable and oversized files', async () => {
    // A zip whose only entry has the "encrypted" flag set (traditional PKWARE encryption).
    const z = Buffer.from(zipSync({ 'secret.docx': new TextEncoder().encode('x'.repeat(100)) }, { level: 6 }));
    for (let i = 0; i + 4 < z.length; i++) {
      const sig = z.readUInt32LE(i);
      if (sig === 0x04034b50) z.writeUInt16LE(z.readUInt16LE(i + 6) | 1, i + 6);
      if (sig === 0x02014b50) z.writeUInt16LE(z.readUInt16LE(i + 8) | 1, i + 8);
    }
    writeFileSync(join(dir, 'enc.zip'), z);
    writeFileSync(join(dir, 'corrupt.zip'), Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 7)]));
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(9 * 1024 * 1024));
    writeFileSync(join(dir, 'locked.txt'), 'x');
    chmodSync(join(dir, 'locked.txt'), 0);
    const items = await walk([join(dir, 'enc.zip'), join(dir, 'corrupt.zip'), join(dir, 'big.bin'), join(dir, 'locked.txt'), join(dir, 'missing')]);
    expect(items.map((i) => i.error?.id)).toEqual(['leaks.encrypted', 'leaks.corrupt_archive', 'leaks.too_large', process.getuid?.() === 0 ? undefined : 'leaks.unreadable', 'leaks.unreadable']);
  });

  it('never throws on random bytes presented as any container', async () => {
    const sub = join(dir, 'fuzz');
    mkdirSync(sub, { recursive: true });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('x.zip', 'x.tar', 'x.tar.gz', 'x.mbox', 'x.gz', 'x'), fc.constantFrom('', 'PK\u0003\u0004', '\u001f\u008b', 'From x\nA: b\n'), async (bytes, name, prefix) => {
        const f = join(sub, name);
        writeFileSync(f, Buffer.concat([Buffer.from(prefix, 'latin1'), Buffer.from(bytes)]));
        const items = await walk([f]);
        expect(Array.isArray(items)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
