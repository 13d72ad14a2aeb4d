import type { Kysely } from 'kysely';

/** DNS resolution of each lookalike (A/AAAA/MX/NS as JSON text) and when it was taken. */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('domain_lookalikes').addColumn('resolution', 'text').execute();
  await db.schema.alterTable('domain_lookalikes').addColumn('resolved_at', 'text').execute();
}
