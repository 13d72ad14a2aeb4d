import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { RempartError } from '../core/errors.ts';

/** Resolves a kit-relative path and refuses anything that would land outside the kit folder. */
export function safeJoin(root: string, rel: string): string {
  const base = resolve(root);
  const p = resolve(base, rel);
  const r = relative(base, p);
  if (!r || r.startsWith('..') || isAbsolute(r) || r.split(sep).includes('..')) throw new RempartError('blur.path_outside', `Chemin hors du dossier du kit / path outside the kit: ${rel}`, 400);
  return p;
}

/** Writes a file durably: temporary name, fsync, rename. A full disk fails here, before any registration. */
export function writeDurable(root: string, rel: string, data: Buffer | string, opts: { fsync?: boolean } = {}): string {
  const p = safeJoin(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  if (opts.fsync === false) {
    // Bulk kit files: one open and write; durability comes from flushKit before the manifest.
    try {
      writeFileSync(p, data, { mode: 0o640 });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') throw new RempartError('blur.disk_full', `Disque plein en écrivant ${rel} / disk full`, 507);
      throw e;
    }
    return p;
  }
  const tmp = `${p}.part`;
  const fd = openSync(tmp, 'w', 0o640);
  try {
    const b = typeof data === 'string' ? Buffer.from(data) : data;
    let off = 0;
    while (off < b.length) off += writeSync(fd, b, off, b.length - off);
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new RempartError('blur.disk_full', `Disque plein en écrivant ${rel} / disk full`, 507);
    throw e;
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, p);
  return p;
}

/**
 * Flushes a whole kit to disk in one call (`sync -f`, i.e. syncfs(2)) instead of one fsync per
 * file: twenty thousand fsyncs cost more than generating the kit. Falls back to fsyncing each file.
 */
export function flushKit(root: string, files: string[]): void {
  const r = spawnSync('sync', ['-f', resolve(root)], { timeout: 120_000 });
  if (r.status === 0) return;
  for (const rel of files) {
    const fd = openSync(safeJoin(root, rel), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
