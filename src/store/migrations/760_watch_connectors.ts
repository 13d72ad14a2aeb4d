import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // Live connectors (Bluesky, Mastodon, X, Telegram, YouTube): what to read, with which credentials
  // (sealed), where each stream has got to, and how it is doing.
  await db.schema
    .createTable('watch_connectors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    // JSON of credentials sealed with the instance's secret key (AES-256-GCM), never in clear.
    .addColumn('secrets', 'text')
    .addColumn('cursor', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('idle'))
    .addColumn('detail', 'text')
    .addColumn('posts_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('events_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('reconnects', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rate', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('lag_seconds', 'real')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('last_event_at', 'text')
    .addColumn('connected_at', 'text')
    // Which process runs it, until when: one runner per connector across every `rempart serve`.
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('watch_connectors').execute();
}
