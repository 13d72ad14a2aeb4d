import { sql } from 'kysely';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import { audit, type Actor } from '../access/audit.ts';
import { fromJson, nowIso, toJson, type Db, type Store, type Tx } from '../store/index.ts';
import { SEVERITIES, type AlertRow, type Severity } from './repo.ts';

export interface AlertInput {
  source: string;
  severity: Severity;
  title: string;
  details?: Record<string, unknown>;
  /** Same key within `dedupWindowMs` → no new alert, the existing one is returned. */
  dedupKey?: string;
  dedupWindowMs?: number;
}

export interface Alert {
  id: string;
  source: string;
  severity: Severity;
  title: string;
  details: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    source: r.source,
    severity: r.severity,
    title: r.title,
    details: fromJson<Record<string, unknown>>(r.details, {}),
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
  };
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * Records an alert and queues one delivery per enabled channel whose threshold it meets, in the
 * same transaction: if the alert exists, its deliveries exist, and the worker will send them even
 * after a crash or restart.
 */
export async function raiseAlert(store: Store, input: AlertInput): Promise<{ alert: Alert; created: boolean }> {
  if (!SEVERITIES.includes(input.severity)) throw ValidationError('alert.bad_severity', `Unknown severity ${input.severity}`);
  return store.transaction((trx) => raiseAlertIn(trx, input));
}

/** Same as raiseAlert, inside a transaction the caller already holds. */
export async function raiseAlertIn(trx: Tx, input: AlertInput): Promise<{ alert: Alert; created: boolean }> {
  const now = new Date();
  if (input.dedupKey) {
    const since = new Date(now.getTime() - (input.dedupWindowMs ?? 3600_000)).toISOString();
    const existing = await trx
      .selectFrom('alerts')
      .selectAll()
      .where('dedup_key', '=', input.dedupKey)
      .where('created_at', '>', since)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (existing) return { alert: toAlert(existing), created: false };
  }
  const row: AlertRow = {
    id: newId(now.getTime()),
    source: input.source.slice(0, 40),
    severity: input.severity,
    title: input.title.slice(0, 300),
    details: toJson(input.details ?? {}),
    dedup_key: input.dedupKey ?? null,
    created_at: now.toISOString(),
    acknowledged_at: null,
    acknowledged_by: null,
  };
  await trx.insertInto('alerts').values(row).execute();
  const channels = await trx.selectFrom('alert_channels').select(['id', 'min_severity']).where('enabled', '=', 1).execute();
  const due = channels.filter((c) => severityRank(c.min_severity) <= severityRank(input.severity));
  if (due.length > 0) {
    await trx
      .insertInto('alert_deliveries')
      .values(
        due.map((c) => ({
          id: newId(),
          alert_id: row.id,
          channel_id: c.id,
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: row.created_at,
          locked_until: null,
          last_error: null,
          delivered_at: null,
          created_at: row.created_at,
        })),
      )
      .execute();
  }
  return { alert: toAlert(row), created: true };
}

export interface AlertQuery {
  severity?: Severity[];
  source?: string;
  status?: 'open' | 'acknowledged' | 'all';
  limit?: number;
  before?: string;
}

export async function listAlerts(db: Db, q: AlertQuery = {}): Promise<Alert[]> {
  let query = db.selectFrom('alerts').selectAll().orderBy('id', 'desc').limit(Math.min(q.limit ?? 100, 1000));
  if (q.severity?.length) query = query.where('severity', 'in', q.severity);
  if (q.source) query = query.where('source', '=', q.source);
  if (q.status === 'open') query = query.where('acknowledged_at', 'is', null);
  if (q.status === 'acknowledged') query = query.where('acknowledged_at', 'is not', null);
  if (q.before) query = query.where('id', '<', q.before);
  return (await query.execute()).map(toAlert);
}

export async function getAlert(db: Db, id: string): Promise<Alert> {
  const r = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw NotFoundError('alert.not_found', `No alert ${id}`);
  return toAlert(r);
}

export async function ackAlert(store: Store, actor: Actor, id: string): Promise<Alert> {
  return store.transaction(async (trx) => {
    const a = await getAlert(trx, id);
    if (a.acknowledgedAt) return a;
    const at = nowIso();
    await trx.updateTable('alerts').set({ acknowledged_at: at, acknowledged_by: actor.label }).where('id', '=', id).execute();
    await audit(trx, actor, 'alert.ack', id, { title: a.title });
    return { ...a, acknowledgedAt: at, acknowledgedBy: actor.label };
  });
}

export async function alertCounts(db: Db): Promise<{ open: Record<Severity, number>; last24h: number; total: number }> {
  const rows = await db
    .selectFrom('alerts')
    .select(['severity', sql<number>`count(*)`.as('n')])
    .where('acknowledged_at', 'is', null)
    .groupBy('severity')
    .execute();
  const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of rows) open[r.severity] = Number(r.n);
  const since = new Date(Date.now() - 24 * 3600_000).toISOString();
  const [d, t] = await Promise.all([
    db.selectFrom('alerts').select(sql<number>`count(*)`.as('n')).where('created_at', '>', since).executeTakeFirstOrThrow(),
    db.selectFrom('alerts').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { open, last24h: Number(d.n), total: Number(t.n) };
}
