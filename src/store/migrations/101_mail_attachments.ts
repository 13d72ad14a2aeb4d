import type { Kysely } from 'kysely';

/** Attachment names, content kinds and hashes of each triaged message (JSON), for the dashboard. */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_reports').addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}
