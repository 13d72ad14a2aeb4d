import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('domain_lookalikes')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('unicode', 'text', (c) => c.notNull())
    .addColumn('protected', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('times_seen', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('takedown_notes', 'text')
    .execute();
  await db.schema.createIndex('domain_lookalikes_first_seen').on('domain_lookalikes').column('first_seen').execute();
}
