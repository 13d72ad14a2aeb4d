import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // Knowledge objects: ATT&CK intrusion sets, techniques, software, campaigns, MISP clusters.
  await db.schema
    .createTable('intel_objects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text')
    // type-specific facts as JSON (kill chain, sub-technique flag, country, victims, related ids)
    .addColumn('extra', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intel_objects_type').on('intel_objects').column('type').execute();
  await db.schema.createIndex('intel_objects_external_id').on('intel_objects').column('external_id').execute();

  await db.schema
    .createTable('intel_relationships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text', (c) => c.notNull())
    .addColumn('target_ref', 'text', (c) => c.notNull())
    // ATT&CK procedure text for "uses": how this group used this technique, with citations
    .addColumn('description', 'text')
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intel_relationships_source').on('intel_relationships').column('source_ref').execute();
  await db.schema.createIndex('intel_relationships_target').on('intel_relationships').column('target_ref').execute();

  await db.schema
    .createTable('intel_indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // domain, url, ipv4, ipv6, cidr, email, md5, sha1, sha256
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('confidence', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('first_seen', 'text')
    .addColumn('last_seen', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('intel_indicators_type_value_source', ['type', 'value', 'source'])
    .execute();
  await db.schema.createIndex('intel_indicators_updated').on('intel_indicators').column('updated_at').execute();
  // Merging a feed looks rows up by value across types and sources.
  await db.schema.createIndex('intel_indicators_value').on('intel_indicators').column('value').execute();

  await db.schema
    .createTable('intel_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
}
