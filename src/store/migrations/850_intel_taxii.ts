import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // What the TAXII collections have served, one row per object version: a log the server appends
  // to (never rewrites), so pages, `added_after`, versions and manifests are plain indexed reads
  // and an object shared by several findings is one object.
  await db.schema
    .createTable('intel_taxii_objects')
    .addColumn('collection', 'text', (c) => c.notNull())
    .addColumn('stix_id', 'text', (c) => c.notNull())
    // The object's `modified` (or `created`); '' for objects without either (SCOs): their version is date_added.
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('intel_taxii_objects_pk', ['collection', 'stix_id', 'version'])
    .execute();
  await db.schema.createIndex('intel_taxii_objects_added').on('intel_taxii_objects').columns(['collection', 'date_added', 'stix_id', 'version']).execute();

  // How far each collection has read its sources (alerts, indicators).
  await db.schema
    .createTable('intel_taxii_sync')
    .addColumn('collection', 'text', (c) => c.primaryKey())
    .addColumn('cursor_at', 'text', (c) => c.notNull())
    .addColumn('cursor_id', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('intel_taxii_sync').execute();
  await db.schema.dropTable('intel_taxii_objects').execute();
}
