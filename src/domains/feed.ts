import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type WebSocket from 'ws';
import { MAX_LINE } from './stream.ts';

/** What a feed did besides delivering lines: reported with the watch totals. */
export interface FeedStats {
  connections: number;
  /** Connections lost or refused, each followed by a wait and a new attempt. */
  failures: number;
  /** Lines (or WebSocket messages) longer than the limit, dropped without being buffered whole. */
  oversized: number;
  /** Lines dropped because the consumer fell behind a WebSocket feed (queue full). */
  dropped: number;
}

export interface FeedOptions {
  signal?: AbortSignal;
  /** Longest line kept, in bytes. */
  maxLine?: number;
  /** First wait after a failure; doubled each time up to `maxBackoffMs`, with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Stop after this many consecutive failed or closed connections (default: never). */
  maxFailures?: number;
  /** A feed silent this long is considered dead and reconnected (certstream sends heartbeats). */
  idleTimeoutMs?: number;
  /** Lines a WebSocket feed may queue ahead of the consumer before dropping. */
  maxQueue?: number;
  stats?: FeedStats;
  /** Told about connections and waits, for a log line on stderr. */
  onEvent?: (e: { type: 'connected' | 'closed'; url: string; error?: string } | { type: 'waiting'; ms: number }) => void;
}

export function newFeedStats(): FeedStats {
  return { connections: 0, failures: 0, oversized: 0, dropped: 0 };
}

/**
 * Splits a byte stream into lines without ever holding more than `maxLine` bytes of one line:
 * past the limit the rest of the line is discarded and counted. Bytes are decoded per line, so a
 * non-UTF-8 byte becomes U+FFFD and the line parser rejects it rather than the stream failing.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private discarding = false;
  constructor(
    private readonly maxLine: number,
    private readonly stats: FeedStats,
  ) {}

  push(chunk: Uint8Array, out: string[]): void {
    let buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (;;) {
      const nl = buf.indexOf(0x0a);
      const piece = nl < 0 ? buf : buf.subarray(0, nl);
      if (!this.discarding) {
        if (this.size + piece.length > this.maxLine) {
          this.discarding = true;
          this.parts = [];
          this.size = 0;
        } else if (piece.length > 0) {
          this.parts.push(Buffer.from(piece));
          this.size += piece.length;
        }
      }
      if (nl < 0) return;
      this.endLine(out);
      buf = buf.subarray(nl + 1);
    }
  }

  /** Ends the stream: a last line without a newline still counts. */
  flush(out: string[]): void {
    if (this.size > 0 || this.discarding) this.endLine(out);
  }

  private endLine(out: string[]): void {
    if (this.discarding) this.stats.oversized++;
    else out.push(Buffer.concat(this.parts, this.size).toString('utf8').replace(/\r$/, ''));
    this.parts = [];
    this.size = 0;
    this.discarding = false;
  }
}

/**
 * The same bound as LineSplitter, for reading a whole file fast: each chunk is decoded once and
 * cut into lines in place, and lines come out in batches (one array per chunk) instead of one
 * async step per line, which cost more than matching the line. A line longer than `maxLine`
 * (counted in characters once decoded, so at most 4 × maxLine bytes are held) is dropped and
 * counted, however long it is: a file of one 1 GB line holds at most that much at once.
 */
export class LineBatcher {
  private carry: Buffer | undefined;
  private discarding = false;
  constructor(
    private readonly maxLine: number,
    private readonly stats: FeedStats,
  ) {}

  push(chunk: Buffer, out: string[]): void {
    let start = 0;
    if (this.discarding) {
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) return;
      this.stats.oversized++;
      this.discarding = false;
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(0x0a);
    if (last < start) {
      this.keep(chunk.subarray(start));
      return;
    }
    if (this.carry) {
      const nl = chunk.indexOf(0x0a, start);
      const first = Buffer.concat([this.carry, chunk.subarray(start, nl)]);
      this.carry = undefined;
      this.line(first.toString('utf8'), out);
      start = nl + 1;
    }
    if (last > start) {
      const text = chunk.toString('utf8', start, last);
      let from = 0;
      for (;;) {
        const nl = text.indexOf('\n', from);
        if (nl < 0) {
          this.line(text.slice(from), out);
          break;
        }
        this.line(text.slice(from, nl), out);
        from = nl + 1;
      }
    } else if (last === start) this.line('', out);
    if (last + 1 < chunk.length) this.keep(chunk.subarray(last + 1));
  }

  flush(out: string[]): void {
    if (this.discarding) this.stats.oversized++;
    else if (this.carry) this.line(this.carry.toString('utf8'), out);
    this.carry = undefined;
    this.discarding = false;
  }

  private line(l: string, out: string[]): void {
    if (l.length > this.maxLine) this.stats.oversized++;
    else out.push(l.charCodeAt(l.length - 1) === 0x0d ? l.slice(0, -1) : l);
  }

  private keep(b: Buffer): void {
    const size = (this.carry?.length ?? 0) + b.length;
    if (size > this.maxLine * 4) {
      this.carry = undefined;
      this.discarding = true;
    } else this.carry = this.carry ? Buffer.concat([this.carry, b]) : Buffer.from(b);
  }
}

/** Lines of a file or stdin (`-`) read once, in batches: what `domains match` reads. */
export async function* fileLineBatches(path: string, opts: { maxLine?: number; stats?: FeedStats } = {}): AsyncGenerator<string[]> {
  const stats = opts.stats ?? newFeedStats();
  const split = new LineBatcher(opts.maxLine ?? MAX_LINE, stats);
  const input = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of input) {
    const out: string[] = [];
    split.push(chunk as Buffer, out);
    if (out.length) yield out;
  }
  const out: string[] = [];
  split.flush(out);
  if (out.length) yield out;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Lines of a live feed, forever: an HTTP(S) URL serving newline-delimited text or JSON lines, or a
 * WebSocket URL (ws:, wss:) sending one message per line as certstream does. A lost connection is
 * retried after an exponential, jittered wait; the wait resets once a connection delivers a line.
 */
export async function* feedLines(url: string, opts: FeedOptions = {}): AsyncGenerator<string> {
  const u = new URL(url);
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) throw new Error(`unsupported feed protocol ${u.protocol}`);
  const stats = opts.stats ?? newFeedStats();
  const base = opts.backoffMs ?? 1000;
  const cap = opts.maxBackoffMs ?? 60_000;
  let failures = 0;
  while (!opts.signal?.aborted) {
    let delivered = false;
    let error: string | undefined;
    try {
      const source = u.protocol.startsWith('ws') ? wsLines(url, opts, stats) : httpLines(url, opts, stats);
      for await (const line of source) {
        delivered = true;
        yield line;
      }
    } catch (e) {
      error = (e as Error).message;
    }
    if (opts.signal?.aborted) return;
    opts.onEvent?.({ type: 'closed', url, error });
    stats.failures++;
    failures = delivered ? 1 : failures + 1;
    if (opts.maxFailures !== undefined && failures >= opts.maxFailures) return;
    const ms = Math.min(cap, base * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
    opts.onEvent?.({ type: 'waiting', ms: Math.round(ms) });
    await sleep(ms, opts.signal);
  }
}

/** Aborts a connection when nothing arrived for `ms`. */
function idleWatch(ms: number, onIdle: () => void): { touch: () => void; stop: () => void } {
  let t = setTimeout(onIdle, ms);
  return {
    touch: () => {
      clearTimeout(t);
      t = setTimeout(onIdle, ms);
    },
    stop: () => clearTimeout(t),
  };
}

async function* httpLines(url: string, opts: FeedOptions, stats: FeedStats): AsyncGenerator<string> {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const idle = idleWatch(opts.idleTimeoutMs ?? 120_000, () => ctl.abort(new Error('feed idle')));
  try {
    const res = await fetch(url, { signal: ctl.signal, headers: { accept: 'application/x-ndjson, application/jsonl, text/plain' } });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    stats.connections++;
    opts.onEvent?.({ type: 'connected', url });
    const split = new LineSplitter(opts.maxLine ?? MAX_LINE, stats);
    const out: string[] = [];
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      idle.touch();
      split.push(value, out);
      for (const l of out) yield l;
      out.length = 0;
    }
    split.flush(out);
    yield* out;
  } catch (e) {
    if (opts.signal?.aborted) return;
    throw ctl.signal.aborted && ctl.signal.reason instanceof Error ? ctl.signal.reason : e;
  } finally {
    idle.stop();
    opts.signal?.removeEventListener('abort', onAbort);
    ctl.abort();
  }
}

async function* wsLines(url: string, opts: FeedOptions, stats: FeedStats): AsyncGenerator<string> {
  const maxLine = opts.maxLine ?? MAX_LINE;
  const maxQueue = opts.maxQueue ?? 10_000;
  // Messages above the payload limit make ws close the connection (1009); between maxLine and
  // that limit they are received and dropped, so one huge certificate does not cost a reconnect.
  const WebSocketClass = (await import('ws')).default;
  const ws = new WebSocketClass(url, { maxPayload: maxLine * 4, handshakeTimeout: 15_000 });
  const queue: string[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const idle = idleWatch(opts.idleTimeoutMs ?? 120_000, () => {
    failure = new Error('feed idle');
    ws.terminate();
  });
  const onAbort = () => ws.terminate();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  ws.on('open', () => {
    stats.connections++;
    opts.onEvent?.({ type: 'connected', url });
  });
  ws.on('message', (data: WebSocket.RawData) => {
    idle.touch();
    const bufs = Array.isArray(data) ? data : [Buffer.from(data as ArrayBuffer)];
    const size = bufs.reduce((n, b) => n + b.length, 0);
    if (size > maxLine) {
      stats.oversized++;
      return;
    }
    for (const line of Buffer.concat(bufs, size).toString('utf8').split('\n')) {
      if (queue.length >= maxQueue) stats.dropped++;
      else queue.push(line.replace(/\r$/, ''));
    }
    notify();
  });
  ws.on('error', (e: Error) => {
    if ((e as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') stats.oversized++;
    failure ??= e;
  });
  ws.on('close', () => {
    ended = true;
    notify();
  });
  try {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (ended) break;
      await new Promise<void>((r) => (wake = r));
    }
    if (failure && !opts.signal?.aborted) throw failure;
  } finally {
    idle.stop();
    opts.signal?.removeEventListener('abort', onAbort);
    ws.terminate();
  }
}

/**
 * Lines of a local file, read once, or followed as it grows (polled every `pollMs`; read from the
 * start again if the file shrinks, as after a rotation). Same line bound as the live feeds.
 */
export async function* fileLines(path: string, opts: { follow?: boolean; pollMs?: number; signal?: AbortSignal; maxLine?: number; stats?: FeedStats } = {}): AsyncGenerator<string> {
  const stats = opts.stats ?? newFeedStats();
  let split = new LineSplitter(opts.maxLine ?? MAX_LINE, stats);
  const out: string[] = [];
  if (!opts.follow) {
    for await (const chunk of path === '-' ? process.stdin : createReadStream(path)) {
      split.push(chunk as Buffer, out);
      yield* out;
      out.length = 0;
    }
    split.flush(out);
    yield* out;
    return;
  }
  let pos = 0;
  const buf = Buffer.alloc(1024 * 1024);
  while (!opts.signal?.aborted) {
    const size = statSync(path).size;
    if (size < pos) {
      // Rotated: the half line kept from the old file belongs to nothing.
      pos = 0;
      split = new LineSplitter(opts.maxLine ?? MAX_LINE, stats);
    }
    if (size > pos) {
      const fd = openSync(path, 'r');
      try {
        while (pos < size) {
          const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
          if (n <= 0) break;
          pos += n;
          split.push(buf.subarray(0, n), out);
          yield* out;
          out.length = 0;
        }
      } finally {
        closeSync(fd);
      }
    }
    await sleep(opts.pollMs ?? 1000, opts.signal);
  }
}
