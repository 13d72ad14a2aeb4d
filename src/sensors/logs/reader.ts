import { createReadStream, promises as fsp } from 'node:fs';
import { MAX_LINE } from './parsers.ts';

/**
 * Splits a byte stream into lines, cutting any line at MAX_LINE (the rest of it is skipped), so a
 * log without newlines cannot grow memory.
 */
export class LineSplitter {
  private tail = '';
  private skipping = false;

  push(chunk: string, onLine: (line: string) => void): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      const part = chunk.slice(start, nl);
      if (!this.skipping) onLine((this.tail + part).replace(/\r$/, '').slice(0, MAX_LINE));
      this.tail = '';
      this.skipping = false;
      start = nl + 1;
    }
    if (!this.skipping) {
      this.tail += chunk.slice(start);
      if (this.tail.length > MAX_LINE) {
        onLine(this.tail.slice(0, MAX_LINE));
        this.tail = '';
        this.skipping = true;
      }
    }
  }

  end(onLine: (line: string) => void): void {
    if (this.tail && !this.skipping) onLine(this.tail.replace(/\r$/, ''));
    this.tail = '';
    this.skipping = false;
  }
}

/** Reads a file's lines from `start`, in order; returns the offset reached. */
export async function readLines(path: string, onLine: (line: string, n: number) => Promise<void>, start = 0): Promise<number> {
  const split = new LineSplitter();
  let n = 0;
  const pending: string[] = [];
  let offset = start;
  const stream = createReadStream(path, { start, encoding: 'utf8', highWaterMark: 64 * 1024 });
  for await (const chunk of stream as AsyncIterable<string>) {
    offset += Buffer.byteLength(chunk);
    split.push(chunk, (l) => pending.push(l));
    for (const l of pending.splice(0)) await onLine(l, ++n);
  }
  split.end((l) => pending.push(l));
  for (const l of pending.splice(0)) await onLine(l, ++n);
  return offset;
}

/**
 * Follows a growing log file by polling (works on every file system, unlike fs.watch): new lines
 * as they are written; starts over when the file is truncated or replaced by rotation.
 */
export class FileFollower {
  private offset = 0;
  private inode: number | undefined;
  private split = new LineSplitter();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private stopped = false;
  /** Lines seen so far (for `file:line` sources). */
  lineNo = 0;

  constructor(
    private readonly path: string,
    private readonly onLine: (line: string, n: number) => Promise<void>,
    private readonly opts: { intervalMs?: number; fromStart?: boolean; onError?: (e: Error) => void } = {},
  ) {}

  async start(): Promise<void> {
    try {
      const st = await fsp.stat(this.path);
      this.inode = st.ino;
      this.offset = this.opts.fromStart ? 0 : st.size;
    } catch {
      this.offset = 0;
    }
    await this.poll();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll()
        .catch((e: unknown) => this.opts.onError?.(e as Error))
        .finally(() => this.schedule());
    }, this.opts.intervalMs ?? 500);
  }

  /** Reads what was appended since the last poll. */
  async poll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      let st;
      try {
        st = await fsp.stat(this.path);
      } catch {
        return; // rotated away, not yet recreated
      }
      if (st.ino !== this.inode || st.size < this.offset) {
        this.inode = st.ino;
        this.offset = 0;
        this.split = new LineSplitter();
      }
      if (st.size === this.offset) return;
      const fh = await fsp.open(this.path, 'r');
      try {
        const buf = Buffer.alloc(64 * 1024);
        while (this.offset < st.size) {
          const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, st.size - this.offset), this.offset);
          if (bytesRead === 0) break;
          this.offset += bytesRead;
          const lines: string[] = [];
          this.split.push(buf.toString('utf8', 0, bytesRead), (l) => lines.push(l));
          for (const l of lines) await this.onLine(l, ++this.lineNo);
        }
      } finally {
        await fh.close();
      }
    } finally {
      this.busy = false;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
