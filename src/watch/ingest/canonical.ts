import { MAX_LIST_ITEMS, MAX_TEXT_CHARS, type Post } from '../post.ts';
import { extractHashtags, extractMentions, extractUrls } from '../text.ts';
import { parseTimestamp } from './time.ts';
import { normalizeUrl } from './url.ts';

/** A row that could not be ingested, with where it was. */
export interface IngestIssue {
  line: number;
  message: string;
}

/** Loose input before canonicalisation: timestamps in any format, links not yet normalised. */
export interface RawPost {
  id?: unknown;
  platform?: unknown;
  author?: { id?: unknown; handle?: unknown; created_at?: unknown; followers?: unknown } | null;
  text?: unknown;
  created_at?: unknown;
  urls?: unknown;
  hashtags?: unknown;
  mentions?: unknown;
  repost_of?: unknown;
  reply_to?: unknown;
  quote_of?: unknown;
  language?: unknown;
  source?: unknown;
}

/** True when trim() would leave `v` as it is: first and last characters printable ASCII (most ids and names). */
function untrimmed(v: string): boolean {
  const a = v.charCodeAt(0);
  const z = v.charCodeAt(v.length - 1);
  return a > 0x20 && a < 0x7f && z > 0x20 && z < 0x7f;
}

/** One frozen empty list shared by every post that has none (see authorOf below). */
const EMPTY: string[] = Object.freeze([]) as unknown as string[];

function str(v: unknown): string | undefined {
  if (typeof v === 'string') {
    if (v.length > 0 && untrimmed(v)) return v;
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Optional references: bounded like ids; a longer one is dropped rather than refusing the post. */
function ref(v: unknown): string | undefined {
  const r = str(v);
  return r && r.length <= 256 ? r : undefined;
}

function list(v: unknown): string[] {
  if (v === undefined || v === null) return EMPTY;
  if (Array.isArray(v)) {
    if (v.length === 0) return EMPTY;
    const out: string[] = [];
    for (const x of v) {
      const s = str(x);
      if (s !== undefined) out.push(s);
    }
    return out;
  }
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  return [];
}

function uniq(xs: string[]): string[] {
  if (xs.length < 2) return xs;
  return [...new Set(xs)].slice(0, MAX_LIST_ITEMS);
}

// Links repeat a lot in a stream (the same article shared thousands of times): cache their canonical form.
const urlCache = new Map<string, string | null>();
function cachedNormalizeUrl(u: string): string | undefined {
  const hit = urlCache.get(u);
  if (hit !== undefined) return hit ?? undefined;
  const n = normalizeUrl(u);
  if (urlCache.size >= 200_000) urlCache.clear();
  urlCache.set(u, n ?? null);
  return n;
}

// An account's creation date comes again with each of its posts: cache its ISO form per written form.
const isoCache = new Map<string, string | null>();
function cachedIso(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) {
    const ms = parseTimestamp(value);
    return ms === undefined ? undefined : new Date(ms).toISOString();
  }
  const hit = isoCache.get(value);
  if (hit !== undefined) return hit ?? undefined;
  const ms = parseTimestamp(value);
  const iso = ms === undefined ? undefined : new Date(ms).toISOString();
  if (isoCache.size >= 200_000) isoCache.clear();
  isoCache.set(value, iso ?? null);
  return iso;
}

/**
 * Posts of a large stream are kept in memory together: what they can share, they share. Empty
 * lists are one frozen array, and an account's record one frozen object for as long as it comes
 * unchanged (frozen: changing one post's author or links in place throws instead of changing
 * other posts).
 */
const orEmpty = (xs: string[]) => (xs.length === 0 ? EMPTY : xs);

interface CachedAuthor {
  author: Post['author'];
  /** The fields as they came, compared as they are: the same account record is not read twice. */
  handle: unknown;
  createdAt: unknown;
  followers: unknown;
}
const authorCache = new Map<string, CachedAuthor>();

function authorOf(id: string, raw: RawPost['author']): Post['author'] {
  const hit = authorCache.get(id);
  if (hit && hit.handle === raw?.handle && hit.createdAt === raw?.created_at && hit.followers === raw?.followers) return hit.author;
  const handle = str(raw?.handle);
  const createdAt = cachedIso(raw?.created_at);
  const followers = typeof raw?.followers === 'number' ? raw.followers : Number(str(raw?.followers) ?? NaN);
  // Properties in the canonical order: id, handle, created_at, followers.
  const a: Post['author'] = { id };
  if (handle) a.handle = handle.slice(0, 256);
  if (createdAt !== undefined) a.created_at = createdAt;
  if (Number.isInteger(followers) && followers >= 0) a.followers = followers;
  Object.freeze(a);
  if (authorCache.size >= 200_000) authorCache.clear();
  authorCache.set(id, { author: a, handle: raw?.handle, createdAt: raw?.created_at, followers: raw?.followers });
  return a;
}

// The lists of a post, built without intermediate arrays (a million posts make a lot of garbage).
const dropHash = (h: string) => h.replace(/^#/, '').slice(0, 280);
const dropAt = (m: string) => m.replace(/^@/, '');

function urlsOf(given: unknown, text: string): string[] {
  const listed = list(given);
  const src = listed.length ? listed : extractUrls(text);
  if (src.length === 0) return EMPTY;
  const out: string[] = [];
  for (const u of src) {
    const n = cachedNormalizeUrl(u);
    if (n !== undefined) out.push(n);
  }
  return uniq(out);
}

function hashtagsOf(given: unknown, text: string): string[] {
  const listed = list(given);
  const src = listed.length ? listed.map(dropHash) : extractHashtags(text);
  if (src.length === 0) return EMPTY;
  const out = new Array<string>(Math.min(src.length, MAX_LIST_ITEMS));
  for (let i = 0; i < out.length; i++) out[i] = src[i].toLowerCase();
  return out;
}

function mentionsOf(given: unknown, text: string): string[] {
  const listed = list(given);
  const src = listed.length ? listed.map(dropAt) : extractMentions(text);
  if (src.length === 0) return EMPTY;
  const out = new Array<string>(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i].toLowerCase();
  return uniq(out);
}

/**
 * Turns a loose record into a canonical post, or says why it cannot: timestamps of any supported
 * format become ISO UTC, links are normalised (tracking parameters stripped), hashtags, mentions
 * and links are taken from the text when the source did not list them, text is cut at
 * MAX_TEXT_CHARS (the post is kept: losing a 1 MB post would hide it).
 */
export function canonicalize(raw: RawPost): { post: Post; truncated: boolean } | { error: string } {
  const id = str(raw.id);
  if (!id) return { error: 'missing id' };
  const authorId = str(raw.author?.id);
  if (!authorId) return { error: 'missing author id' };
  const ms = parseTimestamp(raw.created_at);
  if (ms === undefined) return { error: `unreadable timestamp ${JSON.stringify(String(raw.created_at ?? '')).slice(0, 60)}` };
  let text = typeof raw.text === 'string' ? raw.text : '';
  const truncated = text.length > MAX_TEXT_CHARS;
  if (truncated) text = text.slice(0, MAX_TEXT_CHARS);
  const urls = urlsOf(raw.urls, text);
  const hashtags = hashtagsOf(raw.hashtags, text);
  const mentions = mentionsOf(raw.mentions, text);
  if (id.length > 256 || authorId.length > 256) return { error: 'id longer than 256 characters' };
  const author = authorOf(authorId, raw.author);
  const platform = (str(raw.platform) ?? 'unknown').slice(0, 64);
  const createdAt = new Date(ms).toISOString();
  const repost = ref(raw.repost_of);
  // One literal per shape (a property added later would cost the object a second allocation).
  const post: Post = repost
    ? { id, platform, author, text, created_at: createdAt, urls: orEmpty(urls), hashtags: orEmpty(hashtags), mentions: orEmpty(mentions), repost_of: repost }
    : { id, platform, author, text, created_at: createdAt, urls: orEmpty(urls), hashtags: orEmpty(hashtags), mentions: orEmpty(mentions) };
  const reply = ref(raw.reply_to);
  if (reply) post.reply_to = reply;
  const quote = ref(raw.quote_of);
  if (quote) post.quote_of = quote;
  const lang = str(raw.language);
  if (lang) post.language = lang.slice(0, 16);
  const source = ref(raw.source);
  if (source) post.source = source;
  return { post, truncated };
}
