import type { Selectable } from 'kysely';
import type { Db, IsoTime } from '../store/index.ts';

export interface LeakGenuineTable {
  id: string;
  sha256: string;
  name: string;
  size: number;
  /** MinHash signature of the extracted text (base64), null for files without enough text. */
  signature: string | null;
  registered_at: IsoTime;
}
export interface LeakGenuineBandsTable {
  band: string;
  genuine_id: string;
}
export interface LeakReportsTable {
  id: string;
  created_at: IsoTime;
  /** JSON array of the scanned paths. */
  paths: string;
  /** JSON counts per verdict, bytes, seconds. */
  summary: string;
  /** JSON array of item results (bounded). */
  items: string;
}

declare module '../store/schema.ts' {
  interface Database {
    leak_genuine: LeakGenuineTable;
    leak_genuine_bands: LeakGenuineBandsTable;
    leak_reports: LeakReportsTable;
  }
}

export type LeakReportRow = Selectable<LeakReportsTable>;

export async function genuineBySha(db: Db, sha: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('leak_genuine').select(['id', 'name']).where('sha256', '=', sha).executeTakeFirst();
}

export async function genuineByBands(db: Db, bands: string[]): Promise<Array<{ id: string; name: string; signature: string | null }>> {
  if (!bands.length) return [];
  return db
    .selectFrom('leak_genuine_bands')
    .innerJoin('leak_genuine', 'leak_genuine.id', 'leak_genuine_bands.genuine_id')
    .select(['leak_genuine.id', 'leak_genuine.name', 'leak_genuine.signature'])
    .where('leak_genuine_bands.band', 'in', bands.slice(0, 64))
    .distinct()
    .limit(50)
    .execute();
}

export async function listLeakReports(db: Db, limit = 50): Promise<Array<Omit<LeakReportRow, 'items'>>> {
  return db.selectFrom('leak_reports').select(['id', 'created_at', 'paths', 'summary']).orderBy('created_at', 'desc').limit(limit).execute();
}

export async function getLeakReport(db: Db, id: string): Promise<LeakReportRow | undefined> {
  return db.selectFrom('leak_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether a registered genuine file has exactly this size: media of other sizes cannot match by hash. */
export async function genuineSizeExists(db: Db, size: number): Promise<boolean> {
  return !!(await db.selectFrom('leak_genuine').select('id').where('size', '=', size).limit(1).executeTakeFirst());
}
