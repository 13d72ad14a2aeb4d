import { parseFeed } from 'feedsmith';
import { RempartError } from '../../core/errors.ts';
import type { RawPost } from './canonical.ts';
import { PostCollector, type IngestResult } from './formats.ts';

/** Bounds of one poll: a hostile or broken server must not hang or flood the watcher. */
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
export const FEED_TIMEOUT_MS = 15_000;
const MAX_ITEMS = 2000;

function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value;
  return undefined;
}

/** Feed HTML is never rendered: tags are dropped, entities for the common cases decoded. */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]{0,2000}>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d{1,6});/g, (_m, n: string) => String.fromCodePoint(Math.min(0x10ffff, Number(n))))
    .replace(/\s+/g, ' ')
    .trim();
}

interface LooseItem {
  id?: unknown;
  guid?: unknown;
  link?: unknown;
  url?: unknown;
  links?: Array<{ href?: unknown; rel?: unknown }>;
  title?: unknown;
  description?: unknown;
  summary?: unknown;
  content?: unknown;
  content_text?: unknown;
  content_html?: unknown;
  pubDate?: unknown;
  published?: unknown;
  updated?: unknown;
  date_published?: unknown;
  dc?: { date?: unknown };
  language?: unknown;
}

/**
 * Parses an RSS, Atom, RDF or JSON Feed document into posts authored by the outlet `sourceId`.
 * Anything else (an HTML page, a captcha) is refused with `watch.not_a_feed`.
 */
export function parseFeedDocument(body: string, sourceId: string, collector = new PostCollector()): IngestResult {
  let parsed: { format: string; feed: unknown };
  try {
    const trimmed = body.replace(/^\uFEFF/, '').trimStart();
    const input: unknown = trimmed.startsWith('{') ? JSON.parse(trimmed) : trimmed;
    parsed = parseFeed(input as string) as { format: string; feed: unknown };
  } catch (e) {
    const looksHtml = /^\s*(<!doctype html|<html)/i.test(body);
    throw new RempartError('watch.not_a_feed', looksHtml ? `${sourceId}: the server sent an HTML page, not a feed` : `${sourceId}: not an RSS, Atom or JSON feed (${(e as Error).message.slice(0, 80)})`, 422);
  }
  const feed = parsed.feed as { items?: LooseItem[]; entries?: LooseItem[]; language?: unknown };
  const items = (feed.items ?? feed.entries ?? []).slice(0, MAX_ITEMS);
  items.forEach((it, i) => {
    const link = textOf(it.link) ?? textOf(it.url) ?? textOf(it.links?.find((l) => !l.rel || l.rel === 'alternate')?.href);
    const guid = textOf(it.guid) ?? textOf(it.id) ?? link;
    const title = textOf(it.title) ?? '';
    const body = textOf(it.content_text) ?? textOf(it.description) ?? textOf(it.summary) ?? textOf(it.content) ?? textOf(it.content_html) ?? '';
    const raw: RawPost = {
      id: guid ? `${sourceId}:${guid}` : undefined,
      platform: 'news',
      author: { id: sourceId, handle: sourceId },
      text: stripHtml(`${title}. ${body}`).slice(0, 20_000),
      created_at: textOf(it.pubDate) ?? textOf(it.published) ?? textOf(it.date_published) ?? textOf(it.updated) ?? textOf(it.dc?.date),
      urls: link ? [link] : [],
      hashtags: [],
      mentions: [],
      language: textOf(it.language) ?? textOf(feed.language),
      source: sourceId,
    };
    collector.add(i + 1, raw);
  });
  return collector.result();
}

/** Fetches a feed with a timeout and a size cap, then parses it. */
export async function pollFeed(url: string, sourceId: string, opts: { timeoutMs?: number; maxBytes?: number; fetchImpl?: typeof fetch } = {}): Promise<IngestResult> {
  const timeoutMs = opts.timeoutMs ?? FEED_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? FEED_MAX_BYTES;
  const f = opts.fetchImpl ?? fetch;
  let res: Response;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    res = await f(url, { signal, redirect: 'follow', headers: { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5', 'user-agent': 'Rempart-watch/0.1' } });
  } catch (e) {
    const timedOut = signal.aborted;
    throw new RempartError(timedOut ? 'watch.feed_timeout' : 'watch.feed_unreachable', timedOut ? `${url}: no answer within ${timeoutMs} ms` : `${url}: ${(e as Error).message}`, 502);
  }
  if (!res.ok) throw new RempartError('watch.feed_http', `${url}: HTTP ${res.status}`, 502);
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw new RempartError('watch.feed_too_large', `${url}: feed larger than ${maxBytes} bytes`, 413);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof RempartError) throw e;
    throw new RempartError(signal.aborted ? 'watch.feed_timeout' : 'watch.feed_unreachable', signal.aborted ? `${url}: no complete answer within ${timeoutMs} ms` : `${url}: ${(e as Error).message}`, 502);
  }
  return parseFeedDocument(Buffer.concat(chunks).toString('utf8'), sourceId);
}
