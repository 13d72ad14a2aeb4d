/**
 * What a MISP event said beyond its indicators (its uuid, info and tags; each attribute's own MISP
 * type, category, uuid, object and tags), kept at import so that an export gives MISP back what it
 * gave: a `hostname` stays a hostname, a `domain-ip` object stays one object, `tlp:amber` stays on.
 */
import { fromJson, toJson, type Db, type Tx } from '../store/index.ts';

export interface IntelMispEventsTable {
  uuid: string;
  info: string;
  orgc: string | null;
  date: string | null;
  threat_level_id: string | null;
  analysis: string | null;
  tags: string;
  imported_at: string;
}

export interface IntelMispAttributesTable {
  uuid: string;
  event_uuid: string;
  indicator_id: string | null;
  type: string;
  category: string | null;
  value: string;
  to_ids: number;
  comment: string | null;
  timestamp: string | null;
  object_uuid: string | null;
  object_name: string | null;
  object_meta_category: string | null;
  object_relation: string | null;
  tags: string;
}

declare module '../store/schema.ts' {
  interface Database {
    intel_misp_events: IntelMispEventsTable;
    intel_misp_attributes: IntelMispAttributesTable;
  }
}

export interface MispAttributeMeta {
  uuid: string;
  eventUuid: string;
  indicatorId: string | null;
  type: string;
  category: string | null;
  value: string;
  toIds: boolean;
  comment: string | null;
  timestamp: string | null;
  object: { uuid: string; name: string; metaCategory: string | null; relation: string | null } | null;
  tags: string[];
}

export interface MispEventMeta {
  uuid: string;
  info: string;
  orgc: string | null;
  date: string | null;
  threatLevelId: string | null;
  analysis: string | null;
  tags: string[];
}

export async function saveMispEvent(trx: Tx, ev: MispEventMeta, importedAt: string): Promise<void> {
  const row = { uuid: ev.uuid, info: ev.info, orgc: ev.orgc, date: ev.date, threat_level_id: ev.threatLevelId, analysis: ev.analysis, tags: toJson(ev.tags), imported_at: importedAt };
  await trx
    .insertInto('intel_misp_events')
    .values(row)
    .onConflict((oc) => oc.column('uuid').doUpdateSet({ info: row.info, orgc: row.orgc, date: row.date, threat_level_id: row.threat_level_id, analysis: row.analysis, tags: row.tags, imported_at: row.imported_at }))
    .execute();
}

/** Replaces what is kept of an event's attributes by what this import of it says. */
export async function saveMispAttributes(trx: Tx, eventUuid: string, attrs: MispAttributeMeta[]): Promise<void> {
  await trx.deleteFrom('intel_misp_attributes').where('event_uuid', '=', eventUuid).execute();
  // An attribute uuid is unique in MISP; a file that repeats one keeps the last.
  const byUuid = new Map(attrs.map((a) => [a.uuid, a]));
  const rows = [...byUuid.values()].map((a) => ({
    uuid: a.uuid,
    event_uuid: eventUuid,
    indicator_id: a.indicatorId,
    type: a.type,
    category: a.category,
    value: a.value,
    to_ids: a.toIds ? 1 : 0,
    comment: a.comment,
    timestamp: a.timestamp,
    object_uuid: a.object?.uuid ?? null,
    object_name: a.object?.name ?? null,
    object_meta_category: a.object?.metaCategory ?? null,
    object_relation: a.object?.relation ?? null,
    tags: toJson(a.tags),
  }));
  for (let i = 0; i < rows.length; i += 100) {
    const part = rows.slice(i, i + 100);
    // The same attribute uuid under another event (MISP copies events between instances): this
    // import's event now holds it.
    await trx.deleteFrom('intel_misp_attributes').where('uuid', 'in', part.map((r) => r.uuid)).execute();
    await trx.insertInto('intel_misp_attributes').values(part).execute();
  }
}

const toMeta = (r: IntelMispAttributesTable): MispAttributeMeta => ({
  uuid: r.uuid,
  eventUuid: r.event_uuid,
  indicatorId: r.indicator_id,
  type: r.type,
  category: r.category,
  value: r.value,
  toIds: r.to_ids === 1,
  comment: r.comment,
  timestamp: r.timestamp,
  object: r.object_uuid ? { uuid: r.object_uuid, name: r.object_name ?? 'object', metaCategory: r.object_meta_category, relation: r.object_relation } : null,
  tags: fromJson<string[]>(r.tags, []),
});

/**
 * The MISP attributes behind these indicators, with every other attribute of the objects they sit
 * in (the `port` of a `domain-ip` object is not an indicator but belongs to the object), and the
 * events they came from.
 */
export async function mispContext(db: Db, indicatorIds: string[]): Promise<{ attributes: MispAttributeMeta[]; events: MispEventMeta[] }> {
  const rows: IntelMispAttributesTable[] = [];
  for (let i = 0; i < indicatorIds.length; i += 500) {
    rows.push(...(await db.selectFrom('intel_misp_attributes').selectAll().where('indicator_id', 'in', indicatorIds.slice(i, i + 500)).execute()));
  }
  const objects = [...new Set(rows.map((r) => r.object_uuid).filter((u): u is string => !!u))];
  const have = new Set(rows.map((r) => r.uuid));
  for (let i = 0; i < objects.length; i += 500) {
    for (const r of await db.selectFrom('intel_misp_attributes').selectAll().where('object_uuid', 'in', objects.slice(i, i + 500)).execute()) {
      if (!have.has(r.uuid)) {
        have.add(r.uuid);
        rows.push(r);
      }
    }
  }
  const eventIds = [...new Set(rows.map((r) => r.event_uuid))];
  // And the attributes of those events that are not indicators (a text, a comment): part of the event.
  for (let i = 0; i < eventIds.length; i += 500) {
    for (const r of await db.selectFrom('intel_misp_attributes').selectAll().where('event_uuid', 'in', eventIds.slice(i, i + 500)).where('indicator_id', 'is', null).execute()) {
      if (!have.has(r.uuid)) {
        have.add(r.uuid);
        rows.push(r);
      }
    }
  }
  const events: MispEventMeta[] = [];
  for (let i = 0; i < eventIds.length; i += 500) {
    for (const e of await db.selectFrom('intel_misp_events').selectAll().where('uuid', 'in', eventIds.slice(i, i + 500)).execute()) {
      events.push({ uuid: e.uuid, info: e.info, orgc: e.orgc, date: e.date, threatLevelId: e.threat_level_id, analysis: e.analysis, tags: fromJson<string[]>(e.tags, []) });
    }
  }
  return { attributes: rows.map(toMeta), events };
}
