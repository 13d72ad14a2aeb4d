import { closeSync, createReadStream, lstatSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import tar from 'tar-stream';
import yauzl from 'yauzl';

/** One file found in a dump: a file on disk, an archive member, a message of a mailbox. */
export interface LeakItem {
  /** Display path: `dump.zip!inner/dir/file.docx`, `box.mbox!12`. Never used to write anything. */
  path: string;
  /** Base name (extension hints only: content decides the format). */
  name: string;
  size: number;
  /** Bytes, when the item is within the per-item bound. */
  data?: Buffer;
  /** Per-item failure: the scan goes on. */
  error?: { id: string; message: string };
  /** Set when the item was recognised as media by its first bytes and not read further. */
  skippedBinary?: boolean;
}

/**
 * Bounds against hostile dumps. The defaults let a 15 GB dump through (streamed, archive by
 * archive) while a 42 KB zip bomb or a 2 GB single file becomes one error line.
 */
export interface WalkLimits {
  /** Largest single item read into memory. */
  maxItemBytes: number;
  /** Archives inside archives beyond this depth are reported, not opened. */
  maxDepth: number;
  /** Bytes one archive may expand to in total (zip bombs, gzip bombs). */
  maxArchiveBytes: number;
  /** Expansion ratio of one member above which it is treated as a bomb (when also > 1 MB). */
  maxRatio: number;
  /** Members per archive. */
  maxEntries: number;
}

export const defaultWalkLimits: WalkLimits = {
  maxItemBytes: 64 * 1024 * 1024,
  maxDepth: 4,
  maxArchiveBytes: 16 * 1024 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 1_000_000,
};

type Visit = (item: LeakItem) => Promise<void>;

const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 1000);
const baseName = (p: string) => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

/** What a buffer or file is, from its first bytes and, for text containers, its name. */
export function containerKind(name: string, head: Buffer): 'zip' | 'gzip' | 'tar' | 'mbox' | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length > 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  // DOCX/XLSX/PPTX/ODT are zips too, but they are documents: only `.zip` (or nameless PK) is walked.
  if (head[0] === 0x50 && head[1] === 0x4b && (/\.zip$/i.test(name) || !/\.[a-z0-9]{2,5}$/i.test(name))) return 'zip';
  if (/\.mbox$/i.test(name) || (/^From \S+.*\r?\n[A-Za-z-]+: /.test(head.subarray(0, 512).toString('latin1')) && !/\.eml$/i.test(name))) return 'mbox';
  return undefined;
}

function errItem(path: string, size: number, id: string, message: string): LeakItem {
  return { path: clean(path), name: baseName(path), size, error: { id, message } };
}

async function readBounded(stream: Readable, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of stream as AsyncIterable<Buffer>) {
    n += c.length;
    if (n > max) {
      stream.destroy();
      return undefined;
    }
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * Walks dump paths depth-first and calls `visit` for every leaf item, one at a time (back-pressure:
 * memory holds one item per open archive level). Never throws for a bad item; a path that does not
 * exist is an error item too.
 */
export class Walker {
  bytesSeen = 0;
  constructor(
    private readonly visit: Visit,
    readonly limits: WalkLimits = defaultWalkLimits,
    /** Files for which this says true are not read (photos, videos no registry entry could match). */
    private readonly skipFile?: (size: number, head: Buffer) => Promise<boolean>,
  ) {}

  async walkPaths(paths: string[]): Promise<void> {
    for (const p of paths) await this.walkPath(p, p);
  }

  private async walkPath(abs: string, display: string): Promise<void> {
    let st;
    try {
      // Synchronous file system calls: one scan is one sequential job, and a thread-pool round trip
      // per small file (mail, Maildir) costs more than the read itself.
      st = lstatSync(abs);
    } catch (e) {
      return this.visit(errItem(display, 0, 'leaks.unreadable', (e as Error).message));
    }
    if (st.isSymbolicLink()) return this.visit(errItem(display, 0, 'leaks.symlink', 'Lien symbolique ignoré / symlink not followed'));
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(abs).sort();
      } catch (e) {
        return this.visit(errItem(display, 0, 'leaks.unreadable', (e as Error).message));
      }
      for (const n of names) await this.walkPath(join(abs, n), join(display, n));
      return;
    }
    if (!st.isFile()) return;
    let head: Buffer;
    try {
      const fd = openSync(abs, 'r');
      try {
        const b = Buffer.alloc(1024);
        head = b.subarray(0, readSync(fd, b, 0, 1024, 0));
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      return this.visit(errItem(display, st.size, 'leaks.unreadable', (e as Error).message));
    }
    const kind = containerKind(display, head);
    try {
      if (kind === 'zip') return await this.zipFile(abs, display, 1);
      if (kind === 'gzip' || kind === 'tar') return await this.tarStream(createReadStream(abs), display, kind === 'gzip', 1, st.size);
      if (kind === 'mbox') return await this.mbox(createReadStream(abs), display, 1);
    } catch (e) {
      return this.visit(errItem(display, st.size, 'leaks.corrupt_archive', (e as Error).message.slice(0, 300)));
    }
    this.bytesSeen += st.size;
    if (this.skipFile && (await this.skipFile(st.size, head))) return this.visit({ path: clean(display), name: baseName(display), size: st.size, skippedBinary: true });
    if (st.size > this.limits.maxItemBytes) return this.visit(errItem(display, st.size, 'leaks.too_large', `Fichier de ${st.size} octets, au-delà de la limite de ${this.limits.maxItemBytes} : non analysé / too large, skipped`));
    let data: Buffer;
    try {
      data = readFileSync(abs);
    } catch (e) {
      return this.visit(errItem(display, st.size, 'leaks.unreadable', (e as Error).message));
    }
    return this.visit({ path: clean(display), name: baseName(display), size: data.length, data });
  }

  /** An in-memory item (archive member, attachment): opened if it is itself a container. */
  async visitBuffer(path: string, data: Buffer, depth: number): Promise<void> {
    const kind = containerKind(path, data.subarray(0, 1024));
    if (kind) {
      if (depth > this.limits.maxDepth) return this.visit(errItem(path, data.length, 'leaks.too_deep', `Archive imbriquée au-delà de ${this.limits.maxDepth} niveaux / nested too deep`));
      try {
        if (kind === 'zip') return await this.zipBuffer(data, path, depth + 1);
        if (kind === 'gzip' || kind === 'tar') {
          const { Readable } = await import('node:stream');
          return await this.tarStream(Readable.from([data]), path, kind === 'gzip', depth + 1, data.length);
        }
        if (kind === 'mbox') {
          const { Readable } = await import('node:stream');
          return await this.mbox(Readable.from([data]), path, depth + 1);
        }
      } catch (e) {
        return this.visit(errItem(path, data.length, 'leaks.corrupt_archive', (e as Error).message.slice(0, 300)));
      }
    }
    this.bytesSeen += data.length;
    return this.visit({ path: clean(path), name: baseName(path), size: data.length, data });
  }

  private async zipFile(abs: string, display: string, depth: number): Promise<void> {
    const zip = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.open(abs, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true }, (e, z) => (e ? rej(e) : res(z))));
    await this.zipEntries(zip, display, depth);
  }

  private async zipBuffer(data: Buffer, display: string, depth: number): Promise<void> {
    const zip = await new Promise<yauzl.ZipFile>((res, rej) => yauzl.fromBuffer(data, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (e, z) => (e ? rej(e) : res(z))));
    await this.zipEntries(zip, display, depth);
  }

  private async zipEntries(zip: yauzl.ZipFile, display: string, depth: number): Promise<void> {
    let expanded = 0;
    let count = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        // Names are not decoded by yauzl (it would reject `../` names and stop the whole archive):
        // they are only ever displayed, never used as paths.
        const raw = entry.fileName as unknown as Buffer | string;
        const name = typeof raw === 'string' ? raw : entry.generalPurposeBitFlag & 0x800 ? raw.toString('utf8') : raw.toString('latin1');
        const path = `${display}!${name}`;
        if (name.endsWith('/')) continue;
        if (++count > this.limits.maxEntries) {
          await this.visit(errItem(display, 0, 'leaks.too_many_entries', `Plus de ${this.limits.maxEntries} membres / too many entries`));
          break;
        }
        if (entry.isEncrypted()) {
          await this.visit(errItem(path, entry.uncompressedSize, 'leaks.encrypted', 'Membre chiffré : non analysable sans le mot de passe / encrypted entry'));
          continue;
        }
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (entry.uncompressedSize > 1024 * 1024 && ratio > this.limits.maxRatio) {
          await this.visit(errItem(path, entry.uncompressedSize, 'leaks.bomb', `Taux de compression ${Math.round(ratio)}:1 : bombe de décompression probable, ignoré / decompression bomb`));
          continue;
        }
        if (entry.uncompressedSize > this.limits.maxItemBytes) {
          this.bytesSeen += entry.compressedSize;
          await this.visit(errItem(path, entry.uncompressedSize, 'leaks.too_large', `Membre de ${entry.uncompressedSize} octets : non analysé / too large, skipped`));
          continue;
        }
        expanded += entry.uncompressedSize;
        if (expanded > this.limits.maxArchiveBytes) {
          await this.visit(errItem(display, expanded, 'leaks.bomb', 'L’archive dépasse le volume décompressé autorisé / archive expands beyond the limit'));
          break;
        }
        let data: Buffer | undefined;
        try {
          const stream = await zip.openReadStreamPromise(entry);
          data = await readBounded(stream, this.limits.maxItemBytes);
        } catch (e) {
          await this.visit(errItem(path, entry.uncompressedSize, 'leaks.corrupt_entry', (e as Error).message.slice(0, 300)));
          continue;
        }
        if (!data) {
          await this.visit(errItem(path, entry.uncompressedSize, 'leaks.too_large', 'Membre plus grand que déclaré / entry larger than declared'));
          continue;
        }
        await this.visitBuffer(path, data, depth);
      }
    } finally {
      zip.close();
    }
  }

  private async tarStream(input: Readable, display: string, gzip: boolean, depth: number, size: number): Promise<void> {
    let expanded = 0;
    const limit = this.limits.maxArchiveBytes;
    let source: Readable = input;
    if (gzip) {
      const gz = createGunzip();
      input.on('error', (e) => gz.destroy(e));
      const counter = new Transform({
        transform(c: Buffer, _enc, cb) {
          expanded += c.length;
          if (expanded > limit) cb(new Error('gzip expands beyond the limit (decompression bomb)'));
          else cb(null, c);
        },
      });
      gz.on('error', (e) => counter.destroy(e));
      source = input.pipe(gz).pipe(counter);
      if (!/\.(tgz|tar\.gz|taz)$/i.test(display)) {
        // A lone .gz holding one file: one item (bounded like any member).
        const data = await readBounded(source, this.limits.maxItemBytes);
        if (!data) return this.visit(errItem(display, size, 'leaks.too_large', 'Contenu gzip trop grand / gzip content too large'));
        return this.visitBuffer(display.replace(/\.gz$/i, ''), data, depth);
      }
    }
    const extract = tar.extract();
    source.on('error', (e) => extract.destroy(e));
    source.pipe(extract);
    let count = 0;
    for await (const entry of extract) {
      const h = entry.header;
      const path = `${display}!${h.name}`;
      if (h.type !== 'file' && h.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      if (++count > this.limits.maxEntries) {
        entry.resume();
        continue;
      }
      const declared = h.size ?? 0;
      if (declared > this.limits.maxItemBytes) {
        entry.resume();
        this.bytesSeen += declared;
        await this.visit(errItem(path, declared, 'leaks.too_large', `Membre de ${declared} octets : non analysé / too large, skipped`));
        continue;
      }
      const data = await readBounded(entry as unknown as Readable, this.limits.maxItemBytes);
      if (!data) {
        await this.visit(errItem(path, declared, 'leaks.too_large', 'Membre trop grand / too large'));
        continue;
      }
      await this.visitBuffer(path, data, depth);
    }
  }

  /** mbox: messages separated by `From ` lines; each message is an item `box.mbox!<n>`. */
  private async mbox(input: Readable, display: string, depth: number): Promise<void> {
    let n = 0;
    let parts: Buffer[] = [];
    let size = 0;
    let over = false;
    let carry = '';
    let prevBlank = true;
    const flush = async () => {
      if (n === 0 && size === 0) return;
      const path = `${display}!${n || 1}`;
      if (over) await this.visit(errItem(path, size, 'leaks.too_large', 'Message trop grand / message too large'));
      else if (size > 0) await this.visitBuffer(`${path}.eml`, Buffer.concat(parts), depth);
      parts = [];
      size = 0;
      over = false;
    };
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const text = carry + chunk.toString('latin1');
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      if (carry.length > 1024 * 1024) {
        lines.push(carry);
        carry = '';
      }
      for (const line of lines) {
        if (prevBlank && line.startsWith('From ')) {
          await flush();
          n++;
          prevBlank = false;
          continue;
        }
        prevBlank = line === '' || line === '\r';
        if (over) continue;
        const b = Buffer.from(`${line.replace(/^>(>*From )/, '$1')}\n`, 'latin1');
        size += b.length;
        if (size > this.limits.maxItemBytes) {
          over = true;
          parts = [];
        } else parts.push(b);
      }
    }
    if (carry) {
      const b = Buffer.from(carry, 'latin1');
      size += b.length;
      if (!over) parts.push(b);
    }
    await flush();
  }
}
