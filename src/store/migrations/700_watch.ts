import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watch_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // JSON arrays
    .addColumn('urls', 'text', (c) => c.notNull())
    .addColumn('hashtags', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull())
    .addColumn('repost_of', 'text')
    .addColumn('reply_to', 'text')
    .addColumn('quote_of', 'text')
    .addColumn('language', 'text')
    .addColumn('source', 'text')
    .addColumn('ingested_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('watch_posts_created').on('watch_posts').column('created_at').execute();
  await db.schema.createIndex('watch_posts_author').on('watch_posts').columns(['author_id', 'created_at']).execute();

  await db.schema
    .createTable('watch_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handle', 'text')
    .addColumn('created_at', 'text')
    .addColumn('followers', 'integer')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .execute();

  // Outlets and accounts with labels (state-affiliated, party, candidate) and tracked entities.
  await db.schema
    .createTable('watch_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('handles', 'text', (c) => c.notNull())
    .addColumn('feed_url', 'text')
    .addColumn('last_polled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('watch_entities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull())
    .execute();
}
