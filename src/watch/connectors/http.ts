/**
 * What every live connector needs from the network, bounded: requests with a timeout and a body
 * limit, the wait a platform asks for after a 429 (its own reset headers), exponential backoff
 * with jitter after failures, and line / server-sent-event readers that never buffer an
 * oversized line whole.
 */

/** The connector was asked to stop. */
export class Stopped extends Error {
  constructor() {
    super('stopped');
  }
}

/** A failure the platform explained: an HTTP status, and how long it asked us to wait. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Milliseconds the platform asked us to wait (429 reset headers), when it said. */
    readonly retryAfterMs?: number,
    /** Credentials refused or missing access: retrying will not help until someone acts. */
    readonly fatal = false,
  ) {
    super(message);
  }
}

/** A sleep that ends early (with Stopped) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Stopped());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Stopped());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The longest wait we honour from a reset header (a broken clock must not park a connector for days). */
const MAX_RESET_WAIT_MS = 60 * 60_000;

/**
 * How long a response asks us to wait: `Retry-After` (seconds or HTTP date), X's
 * `x-rate-limit-reset` (epoch seconds), Mastodon's `X-RateLimit-Reset` (ISO date), the IETF
 * draft's `RateLimit-Reset` (seconds from now), or Telegram's `parameters.retry_after` in the body.
 */
export function retryAfterMs(headers: Headers, body?: unknown, now = Date.now()): number | undefined {
  const clamp = (ms: number) => Math.min(Math.max(ms, 0), MAX_RESET_WAIT_MS);
  const ra = headers.get('retry-after');
  if (ra) {
    if (/^\d+$/.test(ra.trim())) return clamp(Number(ra) * 1000);
    const at = Date.parse(ra);
    if (Number.isFinite(at)) return clamp(at - now);
  }
  const reset = headers.get('x-rate-limit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset) {
    const v = reset.trim();
    if (/^\d{9,}$/.test(v)) return clamp(Number(v) * 1000 - now);
    const at = Date.parse(v);
    if (Number.isFinite(at)) return clamp(at - now);
    if (/^\d+$/.test(v)) return clamp(Number(v) * 1000);
  }
  const draft = headers.get('ratelimit-reset');
  if (draft && /^\d+$/.test(draft.trim())) return clamp(Number(draft) * 1000);
  const after = (body as { parameters?: { retry_after?: unknown } } | undefined)?.parameters?.retry_after;
  if (typeof after === 'number' && Number.isFinite(after)) return clamp(after * 1000);
  return undefined;
}

/** Exponential backoff with full jitter, from `baseMs` to `maxMs`; reset after a good connection. */
export class Backoff {
  private attempt = 0;
  constructor(
    private readonly baseMs = 1000,
    private readonly maxMs = 60_000,
    private readonly random: () => number = Math.random,
  ) {}
  next(): number {
    const cap = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt++, 16));
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }
  reset(): void {
    this.attempt = 0;
  }
  get attempts(): number {
    return this.attempt;
  }
}

export interface RequestOptions {
  headers?: Record<string, string>;
  method?: string;
  body?: string;
  timeoutMs?: number;
  /** Largest body read; a longer one is a PlatformError (default 8 MB). */
  maxBytes?: number;
  signal?: AbortSignal;
}

function combined(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const t = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, t]) : t;
}

/** Reads a body up to maxBytes (PlatformError beyond). */
async function readBody(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PlatformError(`response larger than ${maxBytes} bytes`, res.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One JSON request. A 429 (or 420, X's old "enhance your calm") becomes a PlatformError carrying
 * the wait the platform asked for; 401/403 are fatal (credentials); other 4xx/5xx are errors the
 * runner retries with backoff.
 */
export async function requestJson<T>(url: string, o: RequestOptions = {}): Promise<{ status: number; headers: Headers; body: T }> {
  if (o.signal?.aborted) throw new Stopped();
  let res: Response;
  try {
    res = await fetch(url, { method: o.method ?? 'GET', headers: { accept: 'application/json', ...o.headers }, body: o.body, signal: combined(o.signal, o.timeoutMs ?? 30_000), redirect: 'follow' });
  } catch (e) {
    if (o.signal?.aborted) throw new Stopped();
    throw new PlatformError(`request failed: ${(e as Error).message}`, 0);
  }
  const text = await readBody(res, o.maxBytes ?? 8 * 1024 * 1024);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.status === 429 || res.status === 420) throw new PlatformError(`rate limited (${res.status})`, res.status, retryAfterMs(res.headers, body) ?? 60_000);
  if (res.status === 401 || res.status === 403) throw new PlatformError(`access refused (${res.status}): ${describe(body, text)}`, res.status, retryAfterMs(res.headers, body), true);
  if (res.status >= 400) throw new PlatformError(`HTTP ${res.status}: ${describe(body, text)}`, res.status, retryAfterMs(res.headers, body));
  if (body === undefined && text) throw new PlatformError('response is not JSON', res.status);
  return { status: res.status, headers: res.headers, body: body as T };
}

function describe(body: unknown, text: string): string {
  const b = body as { error?: unknown; title?: unknown; detail?: unknown; description?: unknown; errors?: Array<{ message?: unknown }> } | undefined;
  const m = b?.error ?? b?.detail ?? b?.title ?? b?.description ?? b?.errors?.[0]?.message;
  const s = typeof m === 'string' ? m : typeof m === 'object' && m ? JSON.stringify(m) : text;
  return s.replace(/\s+/g, ' ').slice(0, 200);
}

/** Opens a long-lived streaming response (server-sent events, newline-delimited JSON). */
export async function openStream(url: string, o: Omit<RequestOptions, 'maxBytes' | 'timeoutMs'> & { connectTimeoutMs?: number } = {}): Promise<Response> {
  if (o.signal?.aborted) throw new Stopped();
  const connect = new AbortController();
  const timer = setTimeout(() => connect.abort(), o.connectTimeoutMs ?? 20_000);
  const signal = o.signal ? AbortSignal.any([o.signal, connect.signal]) : connect.signal;
  let res: Response;
  try {
    res = await fetch(url, { method: o.method ?? 'GET', headers: o.headers, body: o.body, signal });
  } catch (e) {
    if (o.signal?.aborted) throw new Stopped();
    throw new PlatformError(`connection failed: ${(e as Error).message}`, 0);
  } finally {
    clearTimeout(timer);
  }
  if (res.status >= 400) {
    const text = await readBody(res, 64 * 1024).catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (res.status === 429 || res.status === 420) throw new PlatformError(`rate limited (${res.status})`, res.status, retryAfterMs(res.headers, body) ?? 60_000);
    throw new PlatformError(`HTTP ${res.status}: ${describe(body, text)}`, res.status, retryAfterMs(res.headers, body), res.status === 401 || res.status === 403);
  }
  return res;
}

/**
 * Lines of a streaming body. A line longer than maxLine bytes is dropped as it arrives (never held
 * whole) and reported through onOversized; `idleMs` without any byte (not even a keep-alive)
 * ends the stream with an error, so a silently dead connection is noticed.
 */
export async function* streamLines(res: Response, o: { maxLine: number; idleMs: number; signal?: AbortSignal; onOversized?: (bytes: number) => void }): AsyncGenerator<string> {
  if (!res.body) return;
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let buf = '';
  let dropping = 0;
  const onAbort = () => void reader.cancel().catch(() => undefined);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const idle = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PlatformError(`no data for ${Math.round(o.idleMs / 1000)} s`, 0)), o.idleMs);
      });
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await Promise.race([reader.read(), idle]);
      } finally {
        clearTimeout(timer);
      }
      if (o.signal?.aborted) throw new Stopped();
      if (r.done) break;
      buf += decoder.decode(r.value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (dropping) {
          o.onOversized?.(dropping + Buffer.byteLength(line));
          dropping = 0;
          continue;
        }
        yield line.endsWith('\r') ? line.slice(0, -1) : line;
      }
      if (Buffer.byteLength(buf) > o.maxLine) {
        dropping += Buffer.byteLength(buf);
        buf = '';
      }
    }
    if (buf && !dropping) yield buf;
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await reader.cancel().catch(() => undefined);
  }
}

/** One server-sent event (WHATWG HTML §9.2): its type and its data lines joined. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Server-sent events of a streaming body, bounded like streamLines (one event ≤ maxEvent bytes). */
export async function* streamSse(res: Response, o: { maxEvent: number; idleMs: number; signal?: AbortSignal; onOversized?: (bytes: number) => void }): AsyncGenerator<SseEvent> {
  let event = 'message';
  let data: string[] = [];
  let size = 0;
  let id: string | undefined;
  let oversized = false;
  for await (const line of streamLines(res, { maxLine: o.maxEvent, idleMs: o.idleMs, signal: o.signal, onOversized: (n) => ((oversized = true), o.onOversized?.(n)) })) {
    if (line === '') {
      if (!oversized && data.length) yield { event, data: data.join('\n'), id };
      event = 'message';
      data = [];
      size = 0;
      oversized = false;
      continue;
    }
    if (line.startsWith(':')) continue; // comment / heartbeat
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') {
      size += value.length;
      if (size > o.maxEvent) {
        if (!oversized) o.onOversized?.(size);
        oversized = true;
      } else data.push(value);
    }
  }
}
