import type { Generated, Selectable } from 'kysely';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { SecretBox } from '../../core/secrets.ts';
import { fromJson, nowIso, toJson, type Db, type IsoTime } from '../../store/index.ts';
import { connectorSpec } from './index.ts';
import type { Cursor, Platform } from './types.ts';

export interface WatchConnectorsTable {
  id: string;
  name: string;
  platform: string;
  options: string;
  secrets: string | null;
  cursor: string;
  enabled: number;
  state: string;
  detail: string | null;
  posts_total: Generated<number>;
  events_total: Generated<number>;
  skipped: string;
  reconnects: Generated<number>;
  rate: Generated<number>;
  lag_seconds: number | null;
  last_error: string | null;
  last_error_at: IsoTime | null;
  last_event_at: IsoTime | null;
  connected_at: IsoTime | null;
  lease_owner: string | null;
  lease_until: IsoTime | null;
  created_at: IsoTime;
  updated_at: IsoTime;
}

declare module '../../store/schema.ts' {
  interface Database {
    watch_connectors: WatchConnectorsTable;
  }
}

export type ConnectorRow = Selectable<WatchConnectorsTable>;

/** running: reading; backoff: waiting to reconnect; error: stopped on a failure someone must fix. */
export type ConnectorState = 'idle' | 'running' | 'backoff' | 'error' | 'stopped';

/** What the CLI, the API and the dashboard show of a connector: never its credentials. */
export interface ConnectorStatus {
  id: string;
  name: string;
  platform: Platform;
  enabled: boolean;
  state: ConnectorState;
  detail: string | null;
  /** What it reads, in both languages. */
  watching: { fr: string; en: string };
  options: Record<string, unknown>;
  credentials: string[];
  postsTotal: number;
  eventsTotal: number;
  skipped: Record<string, number>;
  reconnects: number;
  /** Posts stored per second over the last minute. */
  rate: number;
  /** Seconds between the newest post stored and now. */
  lagSeconds: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastEventAt: string | null;
  connectedAt: string | null;
  runningOn: string | null;
  updatedAt: string;
}

export function presentConnector(r: ConnectorRow): ConnectorStatus {
  const spec = connectorSpec(r.platform);
  const options = fromJson<Record<string, unknown>>(r.options, {});
  const parsed = spec?.options.safeParse(options);
  const leased = r.lease_until && r.lease_until > nowIso() ? r.lease_owner : null;
  return {
    id: r.id,
    name: r.name,
    platform: r.platform as Platform,
    enabled: r.enabled === 1,
    state: r.state as ConnectorState,
    detail: r.detail,
    watching: spec && parsed?.success ? { fr: spec.describe(parsed.data, 'fr'), en: spec.describe(parsed.data, 'en') } : { fr: '', en: '' },
    options,
    credentials: r.secrets ? (spec?.credentials.map((c) => c.key) ?? []) : [],
    postsTotal: r.posts_total,
    eventsTotal: r.events_total,
    skipped: fromJson<Record<string, number>>(r.skipped, {}),
    reconnects: r.reconnects,
    rate: r.rate,
    lagSeconds: r.lag_seconds,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    lastEventAt: r.last_event_at,
    connectedAt: r.connected_at,
    runningOn: leased,
    updatedAt: r.updated_at,
  };
}

export interface ConnectorInput {
  name: string;
  platform: string;
  options: unknown;
  /** Credentials given now; keys left out keep their stored value. */
  secrets?: Record<string, string | undefined>;
  enabled?: boolean;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Creates or updates a connector by name. Options are validated by the platform's schema;
 * credentials are sealed with the instance key; the cursor is kept when options do not change
 * what is read (a new filter starts from now).
 */
export async function saveConnector(db: Db, box: SecretBox, input: ConnectorInput): Promise<ConnectorRow> {
  if (!NAME.test(input.name)) throw ValidationError('watch.bad_connector_name', 'Nom de connecteur : lettres, chiffres, . _ - (64 au plus) / connector name: letters, digits, . _ - (at most 64)');
  const spec = connectorSpec(input.platform);
  if (!spec) throw ValidationError('watch.unknown_platform', `Plateforme inconnue / unknown platform: ${String(input.platform).slice(0, 40)}`);
  const parsed = spec.options.safeParse(input.options ?? {});
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw ValidationError('watch.bad_connector_options', `${spec.platform}: ${i.path.join('.') || 'options'} ${i.message}`);
  }
  const existing = await db.selectFrom('watch_connectors').selectAll().where('name', '=', input.name).executeTakeFirst();
  if (existing && existing.platform !== spec.platform) throw ConflictError('watch.connector_exists', `Le connecteur ${input.name} existe déjà pour ${existing.platform} / already exists for ${existing.platform}`);
  const stored = existing?.secrets ? (JSON.parse(box.open(existing.secrets)) as Record<string, string>) : {};
  const secrets: Record<string, string> = { ...stored };
  for (const c of spec.credentials) {
    const v = input.secrets?.[c.key];
    if (v !== undefined && v !== '') {
      if (v.length > 4096 || /[\r\n]/.test(v)) throw ValidationError('watch.bad_credential', `${c.key}: invalid value`);
      secrets[c.key] = v;
    }
  }
  const missing = spec.credentials.filter((c) => c.required && !secrets[c.key]).map((c) => `${c.key} (${c.env})`);
  if (missing.length) throw ValidationError('watch.missing_credential', `${spec.platform}: identifiant manquant / missing credential: ${missing.join(', ')}`);
  const options = toJson(parsed.data);
  const now = nowIso();
  const sealed = Object.keys(secrets).length ? box.seal(JSON.stringify(secrets)) : null;
  if (existing) {
    await db
      .updateTable('watch_connectors')
      // New settings clear a stopped-on-error state: the runner tries them.
      .set({ options, secrets: sealed, enabled: input.enabled === false ? 0 : input.enabled === true ? 1 : existing.enabled, cursor: existing.options === options ? existing.cursor : '{}', state: existing.state === 'error' ? 'idle' : existing.state, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    return (await getConnector(db, existing.id))!;
  }
  const id = newId();
  await db
    .insertInto('watch_connectors')
    .values({ id, name: input.name, platform: spec.platform, options, secrets: sealed, cursor: '{}', enabled: input.enabled === false ? 0 : 1, state: 'idle', skipped: '{}', created_at: now, updated_at: now })
    .execute();
  return (await getConnector(db, id))!;
}

export async function getConnector(db: Db, idOrName: string): Promise<ConnectorRow | undefined> {
  return db.selectFrom('watch_connectors').selectAll().where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)])).executeTakeFirst();
}

export async function requireConnector(db: Db, idOrName: string): Promise<ConnectorRow> {
  const r = await getConnector(db, idOrName);
  if (!r) throw NotFoundError('watch.no_connector', `Pas de connecteur ${idOrName.slice(0, 64)} / no such connector`);
  return r;
}

export async function listConnectors(db: Db): Promise<ConnectorRow[]> {
  return db.selectFrom('watch_connectors').selectAll().orderBy('name').execute();
}

export async function setConnectorEnabled(db: Db, idOrName: string, enabled: boolean): Promise<ConnectorRow> {
  const r = await requireConnector(db, idOrName);
  await db.updateTable('watch_connectors').set({ enabled: enabled ? 1 : 0, state: enabled ? r.state : 'stopped', updated_at: nowIso() }).where('id', '=', r.id).execute();
  return (await getConnector(db, r.id))!;
}

export async function deleteConnector(db: Db, idOrName: string): Promise<void> {
  const r = await requireConnector(db, idOrName);
  await db.deleteFrom('watch_connectors').where('id', '=', r.id).execute();
}

export function connectorCursor(r: ConnectorRow): Cursor {
  return fromJson<Cursor>(r.cursor, {});
}

export function connectorSecrets(r: ConnectorRow, box: SecretBox): Record<string, string> {
  return r.secrets ? (JSON.parse(box.open(r.secrets)) as Record<string, string>) : {};
}
