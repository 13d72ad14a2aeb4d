import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // One row per recorded touch of a decoy (beacon hit, portal login, log line, DNS lookup).
  await db.schema
    .createTable('sensor_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // beacon | portal | log | dns
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    // JSON object of bounded request headers or log fields
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('token', 'text')
    .addColumn('username', 'text')
    .addColumn('honey_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('artifact_id', 'text')
    .addColumn('persona', 'text')
    .addColumn('mailbox', 'text')
    .addColumn('deployment_id', 'text')
    .addColumn('planted_at', 'text')
    .addColumn('scanner', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('alert_id', 'text')
    .execute();
  await db.schema.createIndex('sensor_events_at').on('sensor_events').column('at').execute();
  await db.schema.createIndex('sensor_events_artifact').on('sensor_events').columns(['artifact_id', 'at']).execute();
  await db.schema.createIndex('sensor_events_deployment').on('sensor_events').columns(['deployment_id', 'at']).execute();

  // Storage bound: rows kept per artifact × source, and how many more were only counted.
  await db.schema
    .createTable('sensor_buckets')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('stored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overflow', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();

  // Leak forensics: fingerprints of the organisation's real documents (never the files).
  await db.schema
    .createTable('leak_genuine')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // MinHash signature of the extracted text (base64), or null for files without text
    .addColumn('signature', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leak_genuine_sha').on('leak_genuine').column('sha256').execute();
  await db.schema.createIndex('leak_genuine_size').on('leak_genuine').column('size').execute();
  await db.schema
    .createTable('leak_genuine_bands')
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('genuine_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('leak_genuine_bands_band').on('leak_genuine_bands').column('band').execute();

  await db.schema
    .createTable('leak_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paths', 'text', (c) => c.notNull())
    // JSON counts per verdict
    .addColumn('summary', 'text', (c) => c.notNull())
    // JSON array of item results (bounded by the scanner)
    .addColumn('items', 'text', (c) => c.notNull())
    .execute();
}
