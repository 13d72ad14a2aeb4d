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
