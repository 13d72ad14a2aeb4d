import type { Selectable } from 'kysely';
import type { Flag, IsoTime } from '../store/index.ts';

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export interface AlertsTable {
  id: string;
  /** The capability that raised it: mail, domains, sensors, leaks, drill, watch, intel, system. */
  source: string;
  severity: Severity;
  title: string;
  /** JSON object: what happened, the evidence and, where known, what to do. */
  details: string;
  /** Alerts with the same key inside the dedup window are merged (sensors: artifact × source × hour). */
  dedup_key: string | null;
  created_at: IsoTime;
  acknowledged_at: IsoTime | null;
  acknowledged_by: string | null;
}

export type ChannelKind = 'webhook' | 'slack' | 'smtp';
export interface AlertChannelsTable {
  id: string;
  name: string;
  kind: ChannelKind;
  /** Channel settings (URL, secret, recipients) encrypted with the SecretBox. */
  config_sealed: string;
  min_severity: Severity;
  enabled: Flag;
  created_at: IsoTime;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export interface AlertDeliveriesTable {
  id: string;
  alert_id: string;
  channel_id: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: IsoTime;
  /** Set while a worker sends it; another worker skips it until then. */
  locked_until: IsoTime | null;
  last_error: string | null;
  delivered_at: IsoTime | null;
  created_at: IsoTime;
}

declare module '../store/schema.ts' {
  interface Database {
    alerts: AlertsTable;
    alert_channels: AlertChannelsTable;
    alert_deliveries: AlertDeliveriesTable;
  }
}

export type AlertRow = Selectable<AlertsTable>;
export type ChannelRow = Selectable<AlertChannelsTable>;
export type DeliveryRow = Selectable<AlertDeliveriesTable>;
