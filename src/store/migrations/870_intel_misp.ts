import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // What a MISP event said beyond its indicators, so that exporting it again keeps it: the event's
  // own uuid, info and tags, and every attribute as MISP typed it (a `hostname` stays a hostname),
  // with the object it belonged to (a `domain-ip` stays one object) and its tags.
  await db.schema
    .createTable('intel_misp_events')
    .addColumn('uuid', 'text', (c) => c.primaryKey())
    .addColumn('info', 'text', (c) => c.notNull())
    .addColumn('orgc', 'text')
    .addColumn('date', 'text')
    .addColumn('threat_level_id', 'text')
    .addColumn('analysis', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('intel_misp_attributes')
    .addColumn('uuid', 'text', (c) => c.primaryKey())
    .addColumn('event_uuid', 'text', (c) => c.notNull())
    // The indicator it became, or null for attributes that are not indicators (a port, a text).
    .addColumn('indicator_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('to_ids', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('timestamp', 'text')
    .addColumn('object_uuid', 'text')
    .addColumn('object_name', 'text')
    .addColumn('object_meta_category', 'text')
    .addColumn('object_relation', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intel_misp_attributes_indicator').on('intel_misp_attributes').column('indicator_id').execute();
  await db.schema.createIndex('intel_misp_attributes_object').on('intel_misp_attributes').column('object_uuid').execute();
  await db.schema.createIndex('intel_misp_attributes_event').on('intel_misp_attributes').column('event_uuid').execute();
}
