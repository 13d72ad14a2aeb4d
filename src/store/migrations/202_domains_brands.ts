import type { Kysely } from 'kysely';

/**
 * The brand model on the organisation's domains: the other words that name a brand or the
 * organisation itself (aliases, JSON text), and whether its name is an ordinary word that needs
 * phishing context to count (orange, free).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('org_domains').addColumn('aliases', 'text').execute();
  await db.schema.alterTable('org_domains').addColumn('common_word', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
