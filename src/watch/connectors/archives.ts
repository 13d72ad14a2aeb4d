/**
 * Research archives, read as streams so a file of any size runs in bounded memory: twarc2 JSON
 * lines (pages of the X API v2 or `twarc2 flatten` output, the format most research archives use),
 * Telegram Desktop's JSON export of a channel, and the CSV exports of 4CAT, Junkipedia and Meta
 * Content Library through documented column maps (`ARCHIVE_CSV_LAYOUTS`, README "Watch").
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse';
import { ValidationError } from '../../core/errors.ts';
import { readJsonObjectStream } from '../../core/json-stream.ts';
import type { RawPost } from '../ingest/canonical.ts';
import { PostCollector } from '../ingest/formats.ts';
import type { Post } from '../post.ts';
import { streamLines } from './http.ts';
import { twitterPost, usersOf, type V2Tweet } from './x.ts';

export type ArchiveFormat = 'twarc2' | 'telegram' | '4cat' | 'junkipedia' | 'meta-cl';
export const ARCHIVE_FORMATS: readonly ArchiveFormat[] = ['twarc2', 'telegram', '4cat', 'junkipedia', 'meta-cl'];

/** One record of an archive: a post, or why the record was not one. */
export type ArchiveItem = { line: number; post: RawPost } | { line: number; skip: string };

const MAX_LINE_BYTES = 16 * 1024 * 1024;
const s = (v: unknown) => (typeof v === 'string' && v ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/** twarc2: each line is an API response page ({data, includes}) or one flattened tweet (with `author`). */
async function* twarc2(file: string): AsyncGenerator<ArchiveItem> {
  const res = new Response(Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>);
  let line = 0;
  let oversized = 0;
  for await (const text of streamLines(res, { maxLine: MAX_LINE_BYTES, idleMs: 600_000, onOversized: () => oversized++ })) {
    line++;
    while (oversized) {
      oversized--;
      yield { line, skip: 'line above 16 MB' };
    }
    if (!text.trim()) continue;
    let v: { data?: unknown; includes?: unknown; id?: unknown } & V2Tweet;
    try {
      v = JSON.parse(text) as typeof v;
    } catch {
      yield { line, skip: 'malformed JSON' };
      continue;
    }
    if (!v || typeof v !== 'object') {
      yield { line, skip: 'not a JSON object' };
      continue;
    }
    const tweets: V2Tweet[] = Array.isArray(v.data) ? (v.data as V2Tweet[]) : v.data && typeof v.data === 'object' ? [v.data as V2Tweet] : v.id ? [v] : [];
    if (!tweets.length) {
      yield { line, skip: 'no tweet in the line' };
      continue;
    }
    const users = usersOf(v.includes);
    for (const t of tweets) {
      const p = t && typeof t === 'object' ? twitterPost(t, users) : undefined;
      yield p ? { line, post: p } : { line, skip: 'malformed tweet' };
    }
  }
}

interface TgEntity {
  type?: unknown;
  text?: unknown;
  href?: unknown;
}
interface TgMessage {
  id?: unknown;
  type?: unknown;
  date?: unknown;
  date_unixtime?: unknown;
  from?: unknown;
  from_id?: unknown;
  text?: unknown;
  text_entities?: TgEntity[];
  forwarded_from?: unknown;
  reply_to_message_id?: unknown;
}

/** A Telegram Desktop message as a canonical post (`tg:<chat id>/<message id>`, as the Bot API connector). */
export function telegramExportPost(m: TgMessage, chat: { id?: string; name?: string }): RawPost | { skip: string } {
  if (m.type !== 'message') return { skip: 'service message' };
  const mid = s(m.id);
  if (!mid || !chat.id) return { skip: 'malformed message' };
  const entities = Array.isArray(m.text_entities) ? m.text_entities : Array.isArray(m.text) ? (m.text as unknown[]).map((x) => (typeof x === 'string' ? { type: 'plain', text: x } : (x as TgEntity))) : [];
  const text = typeof m.text === 'string' ? m.text : entities.map((e) => s(e?.text) ?? '').join('');
  const pick = (...types: string[]) => entities.filter((e) => types.includes(String(e?.type))).map((e) => (e.type === 'text_link' ? s(e.href) : s(e.text))).filter((x): x is string => !!x);
  // The export's `date` is local time without a zone; `date_unixtime` (newer exports) is exact.
  const unix = Number(s(m.date_unixtime));
  const created = Number.isFinite(unix) && unix > 0 ? new Date(unix * 1000).toISOString() : s(m.date);
  const author = s(m.from_id) ?? `channel${chat.id}`;
  // A forward names its origin, not the original message: posts forwarding the same origin with
  // the same text share one repost key, which is what co-forwarding needs.
  const fwd = s(m.forwarded_from);
  const repost = fwd ? `tg-fwd:${createHash('sha256').update(`${fwd}\n${text}`).digest('hex').slice(0, 24)}` : undefined;
  return {
    id: `tg:${chat.id}/${mid}`,
    platform: 'telegram',
    author: { id: `tg:${author.replace(/^(channel|user)/, '')}`, handle: s(m.from) ?? chat.name },
    created_at: created,
    text,
    urls: pick('link', 'text_link'),
    hashtags: pick('hashtag'),
    mentions: pick('mention', 'mention_name'),
    repost_of: repost,
    reply_to: s(m.reply_to_message_id) ? `tg:${chat.id}/${s(m.reply_to_message_id)}` : undefined,
  };
}

async function* telegramExport(file: string): AsyncGenerator<ArchiveItem> {
  const chat: { id?: string; name?: string } = {};
  const limits = { maxBytes: 8 * 1024 * 1024 * 1024, maxItems: 50_000_000, maxDepth: 32, maxStringBytes: 16 * 1024 * 1024 };
  for await (const ev of readJsonObjectStream(createReadStream(file), { arrayKey: 'messages', limits, idPrefix: 'watch', what: 'Telegram export' })) {
    if (ev.kind === 'header') {
      if (ev.key === 'id') chat.id = s(ev.value);
      if (ev.key === 'name') chat.name = s(ev.value);
      continue;
    }
    if (!chat.id) throw ValidationError('watch.not_telegram_export', 'Not a Telegram Desktop export of one chat: "id" must come before "messages" (Export chat history → JSON)');
    const m = ev.value as TgMessage;
    if (!m || typeof m !== 'object') {
      yield { line: ev.index + 1, skip: 'not a message object' };
      continue;
    }
    const r = telegramExportPost(m, chat);
    yield 'skip' in r ? { line: ev.index + 1, skip: r.skip } : { line: ev.index + 1, post: r };
  }
}

type Field = 'id' | 'author.id' | 'author.handle' | 'text' | 'created_at' | 'urls' | 'hashtags' | 'mentions' | 'repost_of' | 'reply_to' | 'quote_of' | 'language' | 'platform';

/** Which columns each tool's CSV export names for each canonical field: the first present wins. */
export const ARCHIVE_CSV_LAYOUTS: Record<'4cat' | 'junkipedia' | 'meta-cl', { platform: string; columns: Partial<Record<Field, string[]>> }> = {
  // 4CAT's CSV export (any data source): its map_item columns.
  '4cat': {
    platform: '4cat',
    columns: {
      id: ['id'],
      'author.id': ['author_id', 'author'],
      'author.handle': ['author', 'author_username', 'author_fullname'],
      text: ['body'],
      created_at: ['unix_timestamp', 'timestamp'],
      urls: ['urls', 'url'],
      hashtags: ['hashtags', 'tags'],
      mentions: ['mentions'],
      reply_to: ['reply_to', 'in_reply_to'],
      quote_of: ['quote_tweet_id'],
      repost_of: ['retweet_id', 'retweeted_tweet_id'],
      language: ['language_guess', 'lang', 'language'],
      platform: ['platform', 'datasource'],
    },
  },
  // Junkipedia's post export: one row per post of a list, across platforms.
  junkipedia: {
    platform: 'junkipedia',
    columns: {
      id: ['post_id', 'id', 'Post ID'],
      'author.id': ['channel_id', 'account_id', 'author_id', 'Channel ID'],
      'author.handle': ['channel_name', 'channel_username', 'author', 'Channel Name'],
      text: ['text', 'content', 'post_text', 'description', 'caption', 'Text'],
      created_at: ['published', 'published_at', 'created_at', 'Published', 'Date'],
      urls: ['links', 'outlinks', 'url', 'post_url', 'URL'],
      hashtags: ['hashtags', 'Hashtags'],
      language: ['language', 'lang'],
      platform: ['platform', 'Platform'],
    },
  },
  // Meta Content Library (Facebook, Instagram) CSV exports.
  'meta-cl': {
    platform: 'meta',
    columns: {
      id: ['id'],
      'author.id': ['post_owner.id', 'surface.id'],
      'author.handle': ['post_owner.username', 'post_owner.name', 'surface.name'],
      text: ['text'],
      created_at: ['creation_time'],
      urls: ['link_attachment.link', 'link'],
      language: ['lang', 'language'],
      platform: ['platform', 'post_owner.type'],
    },
  },
};

const list = (v: string | undefined) => (v ? v.split(/[\s,;|]+/).filter(Boolean) : undefined);

async function* csvArchive(file: string, format: '4cat' | 'junkipedia' | 'meta-cl'): AsyncGenerator<ArchiveItem> {
  const layout = ARCHIVE_CSV_LAYOUTS[format];
  const records = createReadStream(file).pipe(
    parseCsv({ bom: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true, info: true, max_record_size: MAX_LINE_BYTES }),
  ) as AsyncIterable<{ record: string[]; info: { lines: number } }>;
  let index: Partial<Record<Field, number>> | undefined;
  let width = 0;
  for await (const { record, info } of records) {
    if (!index) {
      const header = record.map((h) => h.trim());
      width = header.length;
      index = {};
      for (const [field, names] of Object.entries(layout.columns) as Array<[Field, string[]]>) {
        const at = names.map((n) => header.indexOf(n)).find((i) => i >= 0);
        if (at !== undefined) index[field] = at;
      }
      const missing = (['id', 'author.id', 'created_at'] as const).filter((f) => index![f] === undefined);
      if (missing.length) throw ValidationError('watch.missing_column', `${format}: no column for ${missing.map((f) => `${f} (${layout.columns[f]?.join(' | ')})`).join(', ')} in the header: ${header.slice(0, 30).join(', ')}`);
      continue;
    }
    if (record.length !== width) {
      yield { line: info.lines, skip: `expected ${width} columns, got ${record.length}` };
      continue;
    }
    const get = (f: Field) => (index![f] !== undefined ? record[index![f]!] || undefined : undefined);
    yield {
      line: info.lines,
      post: {
        id: get('id'),
        platform: get('platform')?.toLowerCase() ?? layout.platform,
        author: { id: get('author.id'), handle: get('author.handle') },
        text: get('text'),
        created_at: get('created_at'),
        urls: list(get('urls')),
        hashtags: list(get('hashtags')),
        mentions: list(get('mentions')),
        repost_of: get('repost_of'),
        reply_to: get('reply_to') && get('reply_to') !== get('id') ? get('reply_to') : undefined,
        quote_of: get('quote_of'),
        language: get('language'),
      },
    };
  }
}

/** Reads an archive of the given format, record by record. */
export function readArchive(file: string, format: ArchiveFormat): AsyncGenerator<ArchiveItem> {
  statSync(file);
  switch (format) {
    case 'twarc2':
      return twarc2(file);
    case 'telegram':
      return telegramExport(file);
    case '4cat':
    case 'junkipedia':
    case 'meta-cl':
      return csvArchive(file, format);
  }
}

export interface ArchiveSummary {
  file: string;
  rows: number;
  inserted: number;
  duplicates: number;
  truncated: number;
  issueCount: number;
  issues: Array<{ line: number; message: string }>;
}

/**
 * Reads an archive and stores its posts in batches (bounded memory for any file size); records
 * that are not posts are counted with their line and reason, and the rest goes on.
 */
export async function ingestArchive(save: (posts: Post[]) => Promise<number>, file: string, format: ArchiveFormat, onProgress?: (rows: number) => void): Promise<ArchiveSummary> {
  const total: ArchiveSummary = { file, rows: 0, inserted: 0, duplicates: 0, truncated: 0, issueCount: 0, issues: [] };
  const seen = new Set<string>();
  let collector = new PostCollector(seen);
  const flush = async () => {
    const r = collector.result();
    const inserted = r.posts.length ? await save(r.posts) : 0;
    total.rows += r.rows;
    total.inserted += inserted;
    total.duplicates += r.duplicates + (r.posts.length - inserted);
    total.truncated += r.truncated;
    total.issueCount += r.issueCount;
    total.issues.push(...r.issues.slice(0, Math.max(0, 1000 - total.issues.length)));
    collector = new PostCollector(seen);
    onProgress?.(total.rows);
  };
  for await (const item of readArchive(file, format)) {
    if ('post' in item) collector.add(item.line, item.post);
    else {
      collector.rows++;
      collector.issue(item.line, item.skip);
    }
    if (collector.rows >= 5000) await flush();
    // The seen-id set is the only thing that grows with the file: bounded like the posts table's own index.
    if (seen.size > 20_000_000) seen.clear();
  }
  await flush();
  return total;
}
