import type { Selectable } from 'kysely';
import type { Db, IsoTime, Tx } from '../store/index.ts';

export interface IntelObjectsTable {
  /** STIX id (`intrusion-set--…`) or `misp-cluster--<uuid>` for MISP galaxy clusters. */
  id: string;
  /** intrusion-set, attack-pattern, malware, tool, campaign, misp-threat-actor */
  type: string;
  /** ATT&CK id: G0007, T1566.001, S0002, C0010. */
  external_id: string | null;
  name: string;
  /** JSON array of other names. */
  aliases: string;
  description: string | null;
  /** JSON object of type-specific facts. */
  extra: string;
  source: string;
  modified: IsoTime;
  imported_at: IsoTime;
}

export interface IntelRelationshipsTable {
  id: string;
  /** uses, attributed-to, subtechnique-of */
  type: string;
  source_ref: string;
  target_ref: string;
  description: string | null;
  modified: IsoTime;
  imported_at: IsoTime;
}

export interface IntelIndicatorsTable {
  id: string;
  type: string;
  value: string;
  source: string;
  /** 0–100, as in STIX. */
  confidence: number;
  description: string | null;
  first_seen: IsoTime | null;
  last_seen: IsoTime | null;
  /** After this the indicator no longer matches. */
  valid_until: IsoTime | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

export interface IntelImportsTable {
  id: string;
  name: string;
  format: string;
  /** JSON ImportReport. */
  report: string;
  imported_at: IsoTime;
}

declare module '../store/schema.ts' {
  interface Database {
    intel_objects: IntelObjectsTable;
    intel_relationships: IntelRelationshipsTable;
    intel_indicators: IntelIndicatorsTable;
    intel_imports: IntelImportsTable;
  }
}

export type IntelObjectRow = Selectable<IntelObjectsTable>;
export type IntelRelationshipRow = Selectable<IntelRelationshipsTable>;
export type IndicatorRow = Selectable<IntelIndicatorsTable>;

// Below SQLite's and PostgreSQL's bound-parameter limits with 11 columns a row.
const BATCH = 200;

/** id → modified for every stored object and relationship: what decides create, update or keep. */
export async function knownVersions(db: Db | Tx): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const r of await db.selectFrom('intel_objects').select(['id', 'modified']).execute()) out.set(r.id, r.modified);
  for (const r of await db.selectFrom('intel_relationships').select(['id', 'modified']).execute()) out.set(r.id, r.modified);
  return out;
}

/** Inserts new rows and replaces changed ones (the caller decided which are which). */
export async function writeObjects(trx: Tx, inserts: IntelObjectRow[], updates: IntelObjectRow[]): Promise<void> {
  for (let i = 0; i < inserts.length; i += BATCH) await trx.insertInto('intel_objects').values(inserts.slice(i, i + BATCH)).execute();
  for (const u of updates) {
    const { id, ...rest } = u;
    await trx.updateTable('intel_objects').set(rest).where('id', '=', id).execute();
  }
}

export async function writeRelationships(trx: Tx, inserts: IntelRelationshipRow[], updates: IntelRelationshipRow[]): Promise<void> {
  for (let i = 0; i < inserts.length; i += BATCH) await trx.insertInto('intel_relationships').values(inserts.slice(i, i + BATCH)).execute();
  for (const u of updates) {
    const { id, ...rest } = u;
    await trx.updateTable('intel_relationships').set(rest).where('id', '=', id).execute();
  }
}

/** Removes objects and relationships that a newer version revoked or deprecated. */
export async function removeKnowledge(trx: Tx, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const part = ids.slice(i, i + BATCH);
    await trx.deleteFrom('intel_relationships').where((eb) => eb.or([eb('id', 'in', part), eb('source_ref', 'in', part), eb('target_ref', 'in', part)])).execute();
    await trx.deleteFrom('intel_objects').where('id', 'in', part).execute();
  }
}

export async function listObjects(db: Db | Tx, types: string[]): Promise<IntelObjectRow[]> {
  return db.selectFrom('intel_objects').selectAll().where('type', 'in', types).execute();
}

export async function listRelationships(db: Db | Tx, types: string[]): Promise<IntelRelationshipRow[]> {
  return db.selectFrom('intel_relationships').selectAll().where('type', 'in', types).execute();
}

export async function recordImport(trx: Tx, row: Selectable<IntelImportsTable>): Promise<void> {
  await trx.insertInto('intel_imports').values(row).execute();
}
