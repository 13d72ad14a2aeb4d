import { parse as parseCsv } from 'csv-parse/sync';
import { ValidationError } from '../../core/errors.ts';
import type { Post } from '../post.ts';
import { canonicalize, type IngestIssue, type RawPost } from './canonical.ts';

export type IngestFormat = 'jsonl' | 'qut-csv' | 'csv';
export const INGEST_FORMATS: readonly IngestFormat[] = ['jsonl', 'qut-csv', 'csv'];

/** A JSON line larger than this is rejected (the post text itself is cut at MAX_TEXT_CHARS). */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;
/** Issues kept in a report; the count goes on. */
const MAX_ISSUES = 1000;

/** What ingesting one file gave: the posts (deduplicated by id), and the rows that were refused. */
export interface IngestResult {
  posts: Post[];
  issues: IngestIssue[];
  issueCount: number;
  duplicates: number;
  truncated: number;
  rows: number;
}

/** Collects canonical posts, dropping repeated ids (first seen wins) and counting refusals. */
export class PostCollector {
  readonly posts: Post[] = [];
  readonly issues: IngestIssue[] = [];
  issueCount = 0;
  duplicates = 0;
  truncated = 0;
  rows = 0;
  private readonly seen: Set<string>;

  constructor(seen?: Set<string>) {
    this.seen = seen ?? new Set();
  }

  add(line: number, raw: RawPost): void {
    this.rows++;
    const r = canonicalize(raw);
    if ('error' in r) return this.issue(line, r.error);
    // One hash look-up: the set grows only for an id not seen before.
    const before = this.seen.size;
    this.seen.add(r.post.id);
    if (this.seen.size === before) {
      this.duplicates++;
      return;
    }
    if (r.truncated) this.truncated++;
    this.posts.push(r.post);
  }

  issue(line: number, message: string): void {
    this.issueCount++;
    if (this.issues.length < MAX_ISSUES) this.issues.push({ line, message });
  }

  result(): IngestResult {
    return { posts: this.posts, issues: this.issues, issueCount: this.issueCount, duplicates: this.duplicates, truncated: this.truncated, rows: this.rows };
  }
}

/** JSON lines, one canonical post per line (timestamps may be any supported format). */
export function ingestJsonl(text: string, collector = new PostCollector()): IngestResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => ingestJsonLine(line, i + 1, collector));
  return collector.result();
}

/** One JSON line into the collector (shared by the in-memory and the streaming readers). */
export function ingestJsonLine(line: string, lineNo: number, collector: PostCollector): void {
  if (line.trim() === '') return;
  if (line.length > MAX_LINE_CHARS) return collector.issue(lineNo, `line longer than ${MAX_LINE_CHARS} characters`);
  let obj: unknown;
  try {
    obj = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch (e) {
    return collector.issue(lineNo, `invalid JSON: ${(e as Error).message.slice(0, 100)}`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return collector.issue(lineNo, 'not a JSON object');
  const o = obj as RawPost & { author?: unknown };
  const author = o.author && typeof o.author === 'object' ? (o.author as RawPost['author']) : { id: o.author };
  collector.add(lineNo, { ...o, author });
}

/**
 * Column mapping for generic CSV: canonical field → column name. Keys: id, author.id,
 * author.handle, author.created_at, author.followers, text, created_at, urls, hashtags, mentions,
 * repost_of, reply_to, quote_of, language, source, platform.
 */
export type ColumnMap = Partial<Record<MappableField, string>>;
const MAPPABLE = ['id', 'author.id', 'author.handle', 'author.created_at', 'author.followers', 'text', 'created_at', 'urls', 'hashtags', 'mentions', 'repost_of', 'reply_to', 'quote_of', 'language', 'source', 'platform'] as const;
export type MappableField = (typeof MAPPABLE)[number];

/** The QUT coordination-network-toolkit layout, as is. */
export const QUT_MAP: ColumnMap = {
  id: 'message_id',
  'author.id': 'user_id',
  'author.handle': 'username',
  repost_of: 'repost_id',
  reply_to: 'reply_id',
  text: 'message',
  created_at: 'timestamp',
  urls: 'urls',
};

/** Parses `--map id=tweet_id,author.id=user,text=content` into a column map. */
export function parseColumnMap(spec: string): ColumnMap {
  const map: ColumnMap = {};
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [field, column] = part.split('=').map((s) => s.trim());
    if (!field || !column || !(MAPPABLE as readonly string[]).includes(field)) {
      throw ValidationError('watch.bad_map', `Bad column mapping "${part}": use field=column with field among ${MAPPABLE.join(', ')}`);
    }
    map[field as MappableField] = column;
  }
  if (!map.id || !map['author.id'] || !map.created_at) throw ValidationError('watch.bad_map', 'The mapping needs at least id, author.id and created_at');
  return map;
}

/**
 * CSV with a header row and a column mapping. Malformed rows (bad quoting, wrong column count)
 * are reported with their line number and the rest is ingested.
 */
export function ingestCsv(text: string, map: ColumnMap, platform = 'unknown', collector = new PostCollector()): IngestResult {
  const body = text.replace(/^\uFEFF/, '');
  let header: string[] | undefined;
  const records = parseCsv(body, {
    bom: true,
    relax_quotes: false,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    max_record_size: MAX_LINE_CHARS,
    on_skip: (err) => {
      collector.issue(Number(err?.lines ?? 0), `malformed CSV row: ${err?.message.slice(0, 120) ?? 'unknown error'}`);
      return undefined;
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  for (const { record, info } of records) {
    if (!header) {
      header = record.map((h) => h.trim());
      for (const [field, col] of Object.entries(map)) {
        if (!header.includes(col)) throw ValidationError('watch.missing_column', `Column "${col}" (for ${field}) is not in the header: ${header.join(', ')}`);
      }
      continue;
    }
    if (record.length !== header.length) {
      collector.issue(info.lines, `expected ${header.length} columns, got ${record.length}`);
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = record[i]));
    const get = (f: MappableField) => (map[f] ? row[map[f]] : undefined);
    collector.add(info.lines, {
      id: get('id'),
      platform: get('platform') ?? platform,
      author: { id: get('author.id'), handle: get('author.handle'), created_at: get('author.created_at'), followers: get('author.followers') },
      text: get('text'),
      created_at: get('created_at'),
      urls: get('urls'),
      hashtags: get('hashtags'),
      mentions: get('mentions'),
      repost_of: get('repost_of'),
      reply_to: get('reply_to'),
      quote_of: get('quote_of'),
      language: get('language'),
      source: get('source'),
    });
  }
  return collector.result();
}

/** The QUT toolkit CSV (`message_id,user_id,username,repost_id,reply_id,message,timestamp,urls`). */
export function ingestQutCsv(text: string, collector = new PostCollector()): IngestResult {
  return ingestCsv(text, QUT_MAP, 'twitter', collector);
}

/** Dispatches on format. */
export function ingestText(text: string, format: IngestFormat, opts: { map?: ColumnMap; collector?: PostCollector } = {}): IngestResult {
  switch (format) {
    case 'jsonl':
      return ingestJsonl(text, opts.collector);
    case 'qut-csv':
      return ingestQutCsv(text, opts.collector);
    case 'csv':
      if (!opts.map) throw ValidationError('watch.map_required', 'CSV ingest needs a column mapping (--map id=…,author.id=…,created_at=…)');
      return ingestCsv(text, opts.map, 'unknown', opts.collector);
  }
}
