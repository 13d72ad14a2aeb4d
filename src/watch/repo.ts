import { sql, type Selectable } from 'kysely';
import type { Db, IsoTime, Store } from '../store/index.ts';
import { fromJson, nowIso, toJson } from '../store/index.ts';
import type { Post } from './post.ts';

export interface WatchPostsTable {
  id: string;
  platform: string;
  author_id: string;
  text: string;
  created_at: IsoTime;
  urls: string;
  hashtags: string;
  mentions: string;
  repost_of: string | null;
  reply_to: string | null;
  quote_of: string | null;
  language: string | null;
  source: string | null;
  ingested_at: IsoTime;
}
export interface WatchAccountsTable {
  id: string;
  handle: string | null;
  created_at: IsoTime | null;
  followers: number | null;
  first_seen: IsoTime;
  last_seen: IsoTime;
}
export interface WatchSourcesTable {
  id: string;
  name: string;
  kind: 'outlet' | 'account';
  labels: string;
  domains: string;
  handles: string;
  feed_url: string | null;
  last_polled_at: IsoTime | null;
  created_at: IsoTime;
}
export interface WatchEntitiesTable {
  id: string;
  name: string;
  kind: string;
  aliases: string;
}

declare module '../store/schema.ts' {
  interface Database {
    watch_posts: WatchPostsTable;
    watch_accounts: WatchAccountsTable;
    watch_sources: WatchSourcesTable;
    watch_entities: WatchEntitiesTable;
  }
}

// 14 columns a row: 500 rows stay far below SQLite's and PostgreSQL's parameter limits.
const CHUNK = 500;

/**
 * Stores posts and their authors; ids already stored are skipped (re-ingesting is idempotent).
 * One transaction for the whole batch (one commit, not one per chunk): all of it lands, or none.
 */
export async function savePosts(store: Store, posts: readonly Post[]): Promise<{ inserted: number }> {
  // Not while another transaction is open on the connection (a concurrent request): then the portable path waits its turn.
  if (store.sqlite && !store.sqlite.inTransaction) return { inserted: savePostsSqlite(store.sqlite, posts) };
  let inserted = 0;
  const now = nowIso();
  await store.transaction(async (trx) => {
    for (let i = 0; i < posts.length; i += CHUNK) {
      const chunk = posts.slice(i, i + CHUNK);
      const r = await trx
        .insertInto('watch_posts')
        .values(
          chunk.map((p) => ({
            id: p.id, platform: p.platform, author_id: p.author.id, text: p.text, created_at: p.created_at, urls: toJson(p.urls), hashtags: toJson(p.hashtags),
            mentions: toJson(p.mentions), repost_of: p.repost_of ?? null, reply_to: p.reply_to ?? null, quote_of: p.quote_of ?? null, language: p.language ?? null,
            source: p.source ?? null, ingested_at: now,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
      const authors = new Map<string, { a: Post['author']; first: string; last: string }>();
      for (const p of chunk) {
        const cur = authors.get(p.author.id);
        if (!cur) authors.set(p.author.id, { a: p.author, first: p.created_at, last: p.created_at });
        else {
          if (p.created_at < cur.first) cur.first = p.created_at;
          if (p.created_at > cur.last) cur.last = p.created_at;
        }
      }
      // One statement per chunk: new authors inserted, known ones widened (portable CASE, no least/min).
      await trx
        .insertInto('watch_accounts')
        .values([...authors].map(([id, { a, first, last }]) => ({ id, handle: a.handle ?? null, created_at: a.created_at ?? null, followers: a.followers ?? null, first_seen: first, last_seen: last })))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            handle: sql<string | null>`coalesce(excluded.handle, watch_accounts.handle)`,
            created_at: sql<string | null>`coalesce(excluded.created_at, watch_accounts.created_at)`,
            followers: sql<number | null>`coalesce(excluded.followers, watch_accounts.followers)`,
            first_seen: sql<string>`case when excluded.first_seen < watch_accounts.first_seen then excluded.first_seen else watch_accounts.first_seen end`,
            last_seen: sql<string>`case when excluded.last_seen > watch_accounts.last_seen then excluded.last_seen else watch_accounts.last_seen end`,
          }),
        )
        .execute();
    }
  });
  return { inserted };
}

/** Posts in a time range (ISO bounds inclusive), oldest first, with their authors. */
export async function loadPosts(db: Db, opts: { since?: string; until?: string; limit?: number } = {}): Promise<Post[]> {
  let q = db
    .selectFrom('watch_posts as p')
    .leftJoin('watch_accounts as a', 'a.id', 'p.author_id')
    .select(['p.id', 'p.platform', 'p.author_id', 'p.text', 'p.created_at', 'p.urls', 'p.hashtags', 'p.mentions', 'p.repost_of', 'p.reply_to', 'p.quote_of', 'p.language', 'p.source', 'a.handle', 'a.created_at as author_created', 'a.followers'])
    .orderBy('p.created_at')
    .orderBy('p.id');
  if (opts.since) q = q.where('p.created_at', '>=', opts.since);
  if (opts.until) q = q.where('p.created_at', '<=', opts.until);
  if (opts.limit) q = q.limit(opts.limit);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id, platform: r.platform,
    author: { id: r.author_id, handle: r.handle ?? undefined, created_at: r.author_created ?? undefined, followers: r.followers ?? undefined },
    text: r.text, created_at: r.created_at, urls: fromJson<string[]>(r.urls, []), hashtags: fromJson<string[]>(r.hashtags, []), mentions: fromJson<string[]>(r.mentions, []),
    repost_of: r.repost_of ?? undefined, reply_to: r.reply_to ?? undefined, quote_of: r.quote_of ?? undefined, language: r.language ?? undefined, source: r.source ?? undefined,
  }));
}

export async function countPosts(db: Db): Promise<number> {
  const r = await db.selectFrom('watch_posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export type SourceRow = Selectable<WatchSourcesTable>;

/** A registered outlet or account, with labels such as `state-affiliated:RU`, `party`, `candidate`. */
export interface SourceInput {
  id: string;
  name: string;
  kind: 'outlet' | 'account';
  labels: string[];
  domains: string[];
  handles: string[];
  feedUrl?: string;
}

export async function upsertSource(db: Db, s: SourceInput): Promise<void> {
  const values = { name: s.name, kind: s.kind, labels: toJson(s.labels), domains: toJson(s.domains), handles: toJson(s.handles), feed_url: s.feedUrl ?? null };
  await db
    .insertInto('watch_sources')
    .values({ id: s.id, ...values, last_polled_at: null, created_at: nowIso() })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function listSources(db: Db): Promise<SourceInput[]> {
  const rows = await db.selectFrom('watch_sources').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, labels: fromJson(r.labels, []), domains: fromJson(r.domains, []), handles: fromJson(r.handles, []), feedUrl: r.feed_url ?? undefined }));
}

export async function markPolled(db: Db, id: string): Promise<void> {
  await db.updateTable('watch_sources').set({ last_polled_at: nowIso() }).where('id', '=', id).execute();
}

/**
 * SQLite bulk path: two prepared statements in one native transaction (no SQL text built per row,
 * no promise per chunk); the same rows and the same conflict rules as the portable path.
 */
function savePostsSqlite(sqlite: NonNullable<Store['sqlite']>, posts: readonly Post[]): number {
  const now = nowIso();
  const insertPost = sqlite.prepare(
    'insert into watch_posts (id, platform, author_id, text, created_at, urls, hashtags, mentions, repost_of, reply_to, quote_of, language, source, ingested_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing',
  );
  const upsertAccount = sqlite.prepare(
    `insert into watch_accounts (id, handle, created_at, followers, first_seen, last_seen) values (?, ?, ?, ?, ?, ?) on conflict (id) do update set
       handle = coalesce(excluded.handle, watch_accounts.handle), created_at = coalesce(excluded.created_at, watch_accounts.created_at),
       followers = coalesce(excluded.followers, watch_accounts.followers),
       first_seen = case when excluded.first_seen < watch_accounts.first_seen then excluded.first_seen else watch_accounts.first_seen end,
       last_seen = case when excluded.last_seen > watch_accounts.last_seen then excluded.last_seen else watch_accounts.last_seen end`,
  );
  return sqlite.transaction(() => {
    let inserted = 0;
    const authors = new Map<string, { a: Post['author']; first: string; last: string }>();
    for (const p of posts) {
      inserted += insertPost.run(p.id, p.platform, p.author.id, p.text, p.created_at, toJson(p.urls), toJson(p.hashtags), toJson(p.mentions), p.repost_of ?? null, p.reply_to ?? null, p.quote_of ?? null, p.language ?? null, p.source ?? null, now).changes;
      const cur = authors.get(p.author.id);
      if (!cur) authors.set(p.author.id, { a: p.author, first: p.created_at, last: p.created_at });
      else {
        if (p.created_at < cur.first) cur.first = p.created_at;
        if (p.created_at > cur.last) cur.last = p.created_at;
      }
    }
    for (const [id, { a, first, last }] of authors) upsertAccount.run(id, a.handle ?? null, a.created_at ?? null, a.followers ?? null, first, last);
    return inserted;
  })();
}
