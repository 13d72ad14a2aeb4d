import type { Selectable } from 'kysely';
import type { Flag, IsoTime } from '../store/index.ts';

export type SensorKind = 'beacon' | 'portal' | 'log' | 'dns';

export interface SensorEventsTable {
  id: string;
  kind: SensorKind;
  at: IsoTime;
  /** IP address for network sensors, `file:line` origin for log sensors. */
  source: string;
  user_agent: string | null;
  /** JSON object: bounded request headers or parsed log fields. */
  headers: string;
  token: string | null;
  username: string | null;
  /** 1 when a submitted password matched a honey credential (the password itself is never kept). */
  honey_password: Flag;
  artifact_id: string | null;
  persona: string | null;
  mailbox: string | null;
  deployment_id: string | null;
  planted_at: IsoTime | null;
  /** 1 when the source is a known mail-security scanner or link previewer: recorded, no alert. */
  scanner: Flag;
  alert_id: string | null;
}

export interface SensorBucketsTable {
  /** `<artifact or token or "unknown">|<source>` */
  key: string;
  stored: number;
  overflow: number;
  first_at: IsoTime;
  last_at: IsoTime;
}

declare module '../store/schema.ts' {
  interface Database {
    sensor_events: SensorEventsTable;
    sensor_buckets: SensorBucketsTable;
  }
}

export type SensorEventRow = Selectable<SensorEventsTable>;

import type { Db } from '../store/index.ts';

/** Latest sensor events, newest first. */
export async function listSensorEvents(db: Db, q: { limit?: number; kind?: SensorKind; deploymentId?: string; before?: string } = {}): Promise<SensorEventRow[]> {
  let query = db.selectFrom('sensor_events').selectAll().orderBy('id', 'desc').limit(Math.min(q.limit ?? 100, 1000));
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.deploymentId) query = query.where('deployment_id', '=', q.deploymentId);
  if (q.before) query = query.where('id', '<', q.before);
  return query.execute();
}

/** Per deployment: last time a decoy of it was touched (scanners excluded) and how many touches. */
export async function deploymentTouches(db: Db): Promise<Array<{ deploymentId: string; lastTouch: string; touches: number }>> {
  const rows = await db
    .selectFrom('sensor_events')
    .select((eb) => ['deployment_id', eb.fn.max('at').as('last'), eb.fn.countAll<number>().as('n')])
    .where('deployment_id', 'is not', null)
    .where('scanner', '=', 0)
    .groupBy('deployment_id')
    .execute();
  return rows.map((r) => ({ deploymentId: String(r.deployment_id), lastTouch: String(r.last), touches: Number(r.n) }));
}

/** Distinct decoys touched (not by scanners) since a date: the overview tile. */
export async function decoysTouchedSince(db: Db, since: string): Promise<number> {
  const r = await db
    .selectFrom('sensor_events')
    .select((eb) => eb.fn.count<number>('artifact_id').distinct().as('n'))
    .where('at', '>', since)
    .where('scanner', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
