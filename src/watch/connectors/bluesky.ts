/**
 * Bluesky through Jetstream, the public JSON firehose (github.com/bluesky-social/jetstream):
 * a WebSocket of commit events filtered by collection and, optionally, by account (DID). The
 * cursor is the event time in microseconds; on reconnect we rewind it five seconds, as the
 * Jetstream operators advise for gapless playback, and idempotent storage drops what repeats.
 */
import { z } from 'zod';
import type { RawPost } from '../ingest/canonical.ts';
import { PlatformError, Stopped } from './http.ts';
import type { ConnectorSpec, RunContext } from './types.ts';

const POST = 'app.bsky.feed.post';
const REPOST = 'app.bsky.feed.repost';

export const blueskyOptions = z.object({
  endpoint: z.string().url().default('wss://jetstream2.us-east.bsky.network/subscribe'),
  collections: z.array(z.enum([POST, REPOST])).min(1).default([POST, REPOST]),
  /** Accounts to follow (Jetstream allows up to 10,000); none: the whole network. */
  dids: z.array(z.string().regex(/^did:[a-z]+:[A-Za-z0-9._:%-]{1,200}$/)).max(10_000).default([]),
});
type Options = z.infer<typeof blueskyOptions>;

/** A Jetstream event larger than this is skipped (and asked of the server with maxMessageSizeBytes). */
export const MAX_EVENT_BYTES = 1024 * 1024;
const REWIND_US = 5_000_000;
const BATCH_POSTS = 500;
const BATCH_MS = 1000;
/** Events waiting to be stored before we drop the connection and resume from the cursor later. */
const MAX_QUEUE = 20_000;

interface Facet {
  features?: Array<{ $type?: string; uri?: string; tag?: string; did?: string }>;
}
interface PostRecord {
  $type?: string;
  text?: unknown;
  createdAt?: unknown;
  langs?: unknown;
  tags?: unknown;
  facets?: Facet[];
  reply?: { parent?: { uri?: unknown } };
  embed?: { $type?: string; external?: { uri?: unknown }; record?: { uri?: unknown; record?: { uri?: unknown } } };
  subject?: { uri?: unknown };
}
export interface JetstreamEvent {
  did?: unknown;
  time_us?: unknown;
  kind?: unknown;
  commit?: { operation?: unknown; collection?: unknown; rkey?: unknown; record?: PostRecord; cid?: unknown };
  identity?: { did?: unknown; handle?: unknown };
}

const s = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A Jetstream commit as a canonical post; `reason` when it is not one (deletion, other collection…). */
export function blueskyPost(e: JetstreamEvent, handles: Map<string, string>): { post: RawPost } | { reason: string } {
  const did = s(e.did);
  const c = e.commit;
  if (e.kind !== 'commit' || !c) return { reason: 'not a commit' };
  if (!did) return { reason: 'malformed' };
  const collection = s(c.collection);
  if (c.operation === 'delete') return { reason: 'deleted' };
  if (c.operation !== 'create') return { reason: 'edited' };
  const rkey = s(c.rkey);
  const r = c.record;
  if (!rkey || !r || typeof r !== 'object') return { reason: 'malformed' };
  const timeUs = typeof e.time_us === 'number' ? e.time_us : undefined;
  const created = s(r.createdAt) ?? (timeUs ? new Date(timeUs / 1000).toISOString() : undefined);
  const base = { id: `at://${did}/${collection}/${rkey}`, platform: 'bluesky', author: { id: did, handle: handles.get(did) }, created_at: created };
  if (collection === REPOST) {
    const subject = s(r.subject?.uri);
    if (!subject) return { reason: 'malformed' };
    return { post: { ...base, text: '', repost_of: subject } };
  }
  if (collection !== POST) return { reason: 'other collection' };
  const urls: string[] = [];
  const hashtags: string[] = Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === 'string') : [];
  const mentions: string[] = [];
  for (const f of Array.isArray(r.facets) ? r.facets : []) {
    for (const feat of Array.isArray(f?.features) ? f.features : []) {
      if (feat?.$type === 'app.bsky.richtext.facet#link' && typeof feat.uri === 'string') urls.push(feat.uri);
      else if (feat?.$type === 'app.bsky.richtext.facet#tag' && typeof feat.tag === 'string') hashtags.push(feat.tag);
      else if (feat?.$type === 'app.bsky.richtext.facet#mention' && typeof feat.did === 'string') mentions.push(handles.get(feat.did) ?? feat.did);
    }
  }
  const external = s(r.embed?.external?.uri);
  if (external) urls.push(external);
  // A quote is an embedded record (app.bsky.embed.record), or one with media (recordWithMedia).
  const quote = r.embed?.$type === 'app.bsky.embed.record' ? s(r.embed.record?.uri) : r.embed?.$type === 'app.bsky.embed.recordWithMedia' ? s(r.embed.record?.record?.uri) : undefined;
  return {
    post: {
      ...base,
      text: s(r.text) ?? '',
      language: Array.isArray(r.langs) && typeof r.langs[0] === 'string' ? r.langs[0] : undefined,
      urls,
      hashtags,
      mentions,
      reply_to: s(r.reply?.parent?.uri),
      quote_of: quote,
    },
  };
}

export function jetstreamUrl(o: Options, cursorUs: number | undefined): string {
  const u = new URL(o.endpoint);
  for (const c of o.collections) u.searchParams.append('wantedCollections', c);
  for (const d of o.dids) u.searchParams.append('wantedDids', d);
  u.searchParams.set('maxMessageSizeBytes', String(MAX_EVENT_BYTES));
  if (cursorUs !== undefined) u.searchParams.set('cursor', String(Math.max(0, cursorUs - REWIND_US)));
  return u.toString();
}

/** Handles learnt from identity events, bounded (the oldest forgotten first). */
class HandleCache extends Map<string, string> {
  override set(k: string, v: string): this {
    if (this.size >= 100_000 && !this.has(k)) this.delete(this.keys().next().value as string);
    return super.set(k, v);
  }
}
const handles = new HandleCache();

async function run(ctx: RunContext<Options>): Promise<void> {
  const { default: WebSocket } = await import('ws');
  const saved = Number(ctx.cursor.time_us);
  let cursorUs = Number.isFinite(saved) && saved > 0 ? saved : undefined;
  const ws = new WebSocket(jetstreamUrl(ctx.options, cursorUs), { maxPayload: 16 * MAX_EVENT_BYTES, handshakeTimeout: 15_000 });
  const queue: Array<Buffer | string> = [];
  let wake: (() => void) | undefined;
  let closed: Error | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  ws.on('open', () => ctx.connected(new URL(ctx.options.endpoint).host));
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      ctx.skip('binary frame (compressed stream not supported)');
      return;
    }
    if (queue.length >= MAX_QUEUE) {
      // Storage is behind: stop reading; the next connection resumes from the saved cursor.
      closed ??= new PlatformError(`more than ${MAX_QUEUE} events waiting to be stored, reconnecting from the cursor`, 0);
      ws.terminate();
    } else queue.push(data);
    notify();
  });
  // ws reports a refused frame as an error (WS_ERR_INVALID_UTF8, WS_ERR_UNSUPPORTED_MESSAGE_LENGTH), then a 1006 close.
  let refusedFrame: 1007 | 1009 | undefined;
  ws.on('close', (closeCode: number, reason: Buffer) => {
    const code = refusedFrame ?? closeCode;
    if (code === 1009 || code === 1007) {
      // A frame the WebSocket layer refuses (too big, or text that is not UTF-8) closes the
      // connection before we can read its time: step the cursor 1 ms past the last event read, or
      // every reconnection would meet the same frame again.
      ctx.skip(code === 1009 ? 'oversized event (connection closed)' : 'invalid UTF-8 (connection closed)');
      if (cursorUs !== undefined) cursorUs += REWIND_US + 1000;
      closed ??= new PlatformError(code === 1009 ? 'an event above the size limit closed the connection' : 'a frame that is not UTF-8 closed the connection', 0);
    } else closed ??= new PlatformError(`connection closed (${code}${reason.length ? ` ${reason.toString('utf8').slice(0, 100)}` : ''})`, 0);
    notify();
  });
  ws.on('error', (e: Error & { code?: string }) => {
    if (e.code === 'WS_ERR_INVALID_UTF8') refusedFrame = 1007;
    if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') refusedFrame = 1009;
    if (refusedFrame) return;
    closed ??= new PlatformError(`WebSocket: ${e.message}`, /\b429\b/.test(e.message) ? 429 : 0, /\b429\b/.test(e.message) ? 30_000 : undefined);
    notify();
  });
  ws.on('unexpected-response', (_req: unknown, res: { statusCode?: number; headers: Record<string, string | string[] | undefined> }) => {
    const status = res.statusCode ?? 0;
    const ra = Number(res.headers['retry-after']);
    closed ??= new PlatformError(`Jetstream answered HTTP ${status}`, status, Number.isFinite(ra) ? ra * 1000 : status === 429 ? 30_000 : undefined);
    ws.terminate();
    notify();
  });
  const onAbort = () => ws.terminate();
  ctx.signal.addEventListener('abort', onAbort, { once: true });

  let posts: RawPost[] = [];
  let events = 0;
  let lastEmit = Date.now();
  let savedCursor = cursorUs;
  const flush = async () => {
    if (!posts.length && !events && cursorUs === savedCursor) return;
    savedCursor = cursorUs;
    const cursor: Record<string, string> = cursorUs !== undefined ? { time_us: String(cursorUs) } : {};
    const batch = { posts, cursor, events };
    posts = [];
    events = 0;
    lastEmit = Date.now();
    await ctx.emit(batch);
  };
  try {
    for (;;) {
      if (ctx.signal.aborted) throw new Stopped();
      const msg = queue.shift();
      if (msg === undefined) {
        await flush();
        if (closed) throw closed;
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, BATCH_MS);
        });
        continue;
      }
      const size = typeof msg === 'string' ? Buffer.byteLength(msg) : msg.length;
      if (size > MAX_EVENT_BYTES) {
        ctx.skip('oversized event');
        continue;
      }
      let e: JetstreamEvent;
      try {
        e = JSON.parse(msg.toString()) as JetstreamEvent;
      } catch {
        ctx.skip('malformed JSON');
        continue;
      }
      if (typeof e.time_us === 'number' && Number.isFinite(e.time_us)) cursorUs = Math.max(cursorUs ?? 0, e.time_us);
      if (e.kind === 'identity') {
        const did = s(e.identity?.did) ?? s(e.did);
        const h = s(e.identity?.handle);
        if (did && h) handles.set(did, h);
        continue;
      }
      if (e.kind === 'account') continue;
      events++;
      const r = blueskyPost(e, handles);
      if ('post' in r) posts.push(r.post);
      else ctx.skip(r.reason);
      if (posts.length >= BATCH_POSTS || Date.now() - lastEmit >= BATCH_MS) await flush();
    }
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    ws.terminate();
    // What was read before a disconnect is stored before reconnecting (the cursor follows it).
    if (!ctx.signal.aborted) await flush().catch(() => undefined);
  }
}

export const bluesky: ConnectorSpec<typeof blueskyOptions> = {
  platform: 'bluesky',
  title: { fr: 'Bluesky (Jetstream)', en: 'Bluesky (Jetstream)' },
  options: blueskyOptions,
  credentials: [],
  limits: {
    fr: 'Sans identifiant. Les instances publiques de Jetstream diffusent tout le réseau (des centaines d’événements par seconde) ; filtrez par comptes (jusqu’à 10 000 DID). La reprise par curseur couvre environ la dernière journée.',
    en: 'No credentials. Public Jetstream instances stream the whole network (hundreds of events per second); filter by account (up to 10,000 DIDs). Cursor replay covers about the last day.',
  },
  describe: (o, lang) => `${o.collections.map((c) => c.split('.').pop()).join(' + ')} · ${o.dids.length ? `${o.dids.length} ${lang === 'fr' ? 'comptes' : 'accounts'}` : lang === 'fr' ? 'tout le réseau' : 'whole network'}`,
  run,
};
