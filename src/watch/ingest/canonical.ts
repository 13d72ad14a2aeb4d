import { MAX_LIST_ITEMS, MAX_TEXT_CHARS, postSchema, type Post } from '../post.ts';
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

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).filter((s): s is string => s !== undefined);
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  return [];
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].slice(0, MAX_LIST_ITEMS);
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
  const givenUrls = list(raw.urls);
  const urls = uniq((givenUrls.length ? givenUrls : extractUrls(text)).map(normalizeUrl).filter((u): u is string => u !== undefined));
  const givenTags = list(raw.hashtags).map((h) => h.replace(/^#/, ''));
  const hashtags = (givenTags.length ? givenTags : extractHashtags(text)).map((h) => h.toLowerCase()).slice(0, MAX_LIST_ITEMS);
  const givenMentions = list(raw.mentions).map((m) => m.replace(/^@/, ''));
  const mentions = uniq((givenMentions.length ? givenMentions : extractMentions(text)).map((m) => m.toLowerCase()));
  const authorCreated = parseTimestamp(raw.author?.created_at);
  const followers = typeof raw.author?.followers === 'number' ? raw.author.followers : Number(str(raw.author?.followers) ?? NaN);
  const candidate = {
    id,
    platform: str(raw.platform) ?? 'unknown',
    author: {
      id: authorId,
      handle: str(raw.author?.handle),
      created_at: authorCreated === undefined ? undefined : new Date(authorCreated).toISOString(),
      followers: Number.isInteger(followers) && followers >= 0 ? followers : undefined,
    },
    text,
    created_at: new Date(ms).toISOString(),
    urls,
    hashtags,
    mentions,
    repost_of: str(raw.repost_of),
    reply_to: str(raw.reply_to),
    quote_of: str(raw.quote_of),
    language: str(raw.language),
    source: str(raw.source),
  };
  const r = postSchema.safeParse(candidate);
  if (!r.success) {
    const i = r.error.issues[0];
    return { error: `${i.path.join('.') || 'post'}: ${i.message}` };
  }
  return { post: r.data, truncated };
}
