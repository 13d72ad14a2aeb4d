import { sql, type Selectable } from 'kysely';
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

export interface TimelineDay {
  day: string;
  counts: Record<SensorKind, number>;
}

/**
 * Touches per day and kind (scanners excluded) over `days` days ending on `until`, or on the day
 * of the latest touch: a quiet week still shows the last attack instead of an empty chart.
 */
export async function sensorTimeline(db: Db, q: { days: number; until?: string }): Promise<{ from: string; to: string; days: TimelineDay[] }> {
  const lastRow = q.until ? undefined : await db.selectFrom('sensor_events').select((eb) => eb.fn.max('at').as('last')).where('scanner', '=', 0).executeTakeFirst();
  const endIso = q.until ?? (lastRow?.last ? String(lastRow.last) : new Date().toISOString());
  const end = new Date(`${endIso.slice(0, 10)}T00:00:00.000Z`);
  const start = new Date(end.getTime() - (q.days - 1) * 86400_000);
  const from = start.toISOString().slice(0, 10);
  const to = end.toISOString().slice(0, 10);
  const day = sql<string>`substr(at, 1, 10)`;
  const rows = await db
    .selectFrom('sensor_events')
    .select((eb) => [day.as('day'), 'kind', eb.fn.countAll<number>().as('n')])
    .where('scanner', '=', 0)
    .where('at', '>=', `${from}T00:00:00.000Z`)
    .where('at', '<', new Date(end.getTime() + 86400_000).toISOString())
    .groupBy([day, 'kind'])
    .execute();
  const days: TimelineDay[] = [];
  const index = new Map<string, TimelineDay>();
  for (let t = start.getTime(); t <= end.getTime(); t += 86400_000) {
    const d = { day: new Date(t).toISOString().slice(0, 10), counts: { beacon: 0, portal: 0, log: 0, dns: 0 } };
    days.push(d);
    index.set(d.day, d);
  }
  for (const r of rows) {
    const d = index.get(String(r.day));
    if (d && r.kind in d.counts) d.counts[r.kind] += Number(r.n);
  }
  return { from, to, days };
}

/** Per decoy of a deployment: how many touches (scanners excluded) and the last one. */
export async function artifactTouches(db: Db, deploymentId: string, limit = 500): Promise<Array<{ artifactId: string; touches: number; lastTouch: string }>> {
  const rows = await db
    .selectFrom('sensor_events')
    .select((eb) => ['artifact_id', eb.fn.max('at').as('last'), eb.fn.countAll<number>().as('n')])
    .where('deployment_id', '=', deploymentId)
    .where('artifact_id', 'is not', null)
    .where('scanner', '=', 0)
    .groupBy('artifact_id')
    .orderBy((eb) => eb.fn.max('at'), 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ artifactId: String(r.artifact_id), touches: Number(r.n), lastTouch: String(r.last) }));
}

/** Per decoy mailbox of a deployment: touches (scanners excluded) and the last one, whatever the sensor. */
export async function mailboxTouches(db: Db, deploymentId: string): Promise<Array<{ mailbox: string; touches: number; lastTouch: string }>> {
  const rows = await db
    .selectFrom('sensor_events')
    .select((eb) => ['mailbox', eb.fn.max('at').as('last'), eb.fn.countAll<number>().as('n')])
    .where('deployment_id', '=', deploymentId)
    .where('mailbox', 'is not', null)
    .where('scanner', '=', 0)
    .groupBy('mailbox')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ mailbox: String(r.mailbox), touches: Number(r.n), lastTouch: String(r.last) }));
}
