import { audit, type Actor } from '../access/audit.ts';
import { newId } from '../core/ids.ts';
import { NotFoundError } from '../core/errors.ts';
import type { SecretBox } from '../core/secrets.ts';
import type { Logger } from '../core/logger.ts';
import { fromJson, nowIso, type Db, type Store } from '../store/index.ts';
import { parseChannelConfig, sendAlert, type SendContext } from './channels.ts';
import type { ChannelKind, DeliveryRow, Severity } from './repo.ts';
import { toAlert } from './service.ts';

/** A delivery is abandoned (status failed, still visible) after retrying for this long. */
export const DELIVERY_GIVE_UP_MS = 7 * 24 * 3600_000;
/** How long a worker holds a claimed delivery before another may take it over. */
const LEASE_MS = 60_000;

/** Exponential backoff: 5 s, 10 s, 20 s … capped at 15 minutes, with ±20 % jitter. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(5000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface ChannelInfo {
  id: string;
  name: string;
  kind: ChannelKind;
  minSeverity: Severity;
  enabled: boolean;
  createdAt: string;
  /** The configuration with secrets masked. */
  config: Record<string, unknown>;
}

function mask(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) out[k] = /secret|password|smtpUrl/i.test(k) ? '••••' : k === 'url' && typeof v === 'string' ? v.replace(/\/\/([^@/]+)@/, '//••••@') : v;
  return out;
}

export async function addChannel(
  store: Store,
  box: SecretBox,
  actor: Actor,
  input: { name: string; kind: ChannelKind; config: unknown; minSeverity?: Severity },
): Promise<ChannelInfo> {
  const config = parseChannelConfig(input.kind, input.config);
  const row = {
    id: newId(),
    name: input.name.trim().slice(0, 100) || input.kind,
    kind: input.kind,
    config_sealed: box.seal(JSON.stringify(config)),
    min_severity: input.minSeverity ?? ('low' as Severity),
    enabled: 1 as const,
    created_at: nowIso(),
  };
  await store.transaction(async (trx) => {
    await trx.insertInto('alert_channels').values(row).execute();
    await audit(trx, actor, 'alert.channel_add', row.name, { kind: row.kind });
  });
  return { id: row.id, name: row.name, kind: row.kind, minSeverity: row.min_severity, enabled: true, createdAt: row.created_at, config: mask(config) };
}

export async function listChannels(db: Db, box: SecretBox): Promise<ChannelInfo[]> {
  const rows = await db.selectFrom('alert_channels').selectAll().orderBy('created_at').execute();
  return rows.map((r) => {
    let config: Record<string, unknown> = {};
    try {
      config = mask(JSON.parse(box.open(r.config_sealed)) as Record<string, unknown>);
    } catch {
      config = { error: 'cannot decrypt (secret key changed?)' };
    }
    return { id: r.id, name: r.name, kind: r.kind, minSeverity: r.min_severity, enabled: r.enabled === 1, createdAt: r.created_at, config };
  });
}

export async function removeChannel(store: Store, actor: Actor, id: string): Promise<void> {
  await store.transaction(async (trx) => {
    const r = await trx.deleteFrom('alert_channels').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw NotFoundError('alert.channel_not_found', `No channel ${id}`);
    await audit(trx, actor, 'alert.channel_remove', id);
  });
}

/**
 * Claims due deliveries for this worker. On PostgreSQL the rows are locked with
 * FOR UPDATE SKIP LOCKED so several processes never send the same delivery; SQLite serialises
 * writers anyway. The lease (locked_until) hands a delivery to another worker if this one dies.
 */
async function claimDue(store: Store, limit: number, now: Date): Promise<DeliveryRow[]> {
  const nowS = now.toISOString();
  const lease = new Date(now.getTime() + LEASE_MS).toISOString();
  return store.transaction(async (trx) => {
    let q = trx
      .selectFrom('alert_deliveries')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowS)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowS)]))
      .orderBy('next_attempt_at')
      .limit(limit);
    if (store.dialect === 'postgres') q = q.forUpdate().skipLocked();
    const rows = await q.execute();
    if (rows.length > 0)
      await trx
        .updateTable('alert_deliveries')
        .set({ locked_until: lease })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    return rows;
  });
}

export interface DeliveryReport {
  attempted: number;
  delivered: number;
  retried: number;
  failed: number;
}

/** One pass of the delivery worker: sends what is due, records the outcome of each attempt. */
export async function deliverDue(store: Store, box: SecretBox, ctx: SendContext & { logger?: Logger; now?: Date; limit?: number }): Promise<DeliveryReport> {
  const now = ctx.now ?? new Date();
  const due = await claimDue(store, ctx.limit ?? 50, now);
  const report: DeliveryReport = { attempted: due.length, delivered: 0, retried: 0, failed: 0 };
  for (const d of due) {
    const [alertRow, channel] = await Promise.all([
      store.db.selectFrom('alerts').selectAll().where('id', '=', d.alert_id).executeTakeFirst(),
      store.db.selectFrom('alert_channels').selectAll().where('id', '=', d.channel_id).executeTakeFirst(),
    ]);
    if (!alertRow || !channel) continue; // removed meanwhile; cascade deletes the delivery
    const attempts = d.attempts + 1;
    try {
      const config = fromJson<unknown>(box.open(channel.config_sealed), {});
      await sendAlert(channel.kind, config, toAlert(alertRow), ctx);
      await store.db
        .updateTable('alert_deliveries')
        .set({ status: 'delivered', attempts, delivered_at: nowIso(), locked_until: null, last_error: null })
        .where('id', '=', d.id)
        .execute();
      report.delivered++;
    } catch (e) {
      const message = (e as Error).message.slice(0, 500);
      const giveUp = now.getTime() - Date.parse(d.created_at) > DELIVERY_GIVE_UP_MS;
      await store.db
        .updateTable('alert_deliveries')
        .set({
          status: giveUp ? 'failed' : 'pending',
          attempts,
          last_error: message,
          locked_until: null,
          next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
        })
        .where('id', '=', d.id)
        .execute();
      if (giveUp) report.failed++;
      else report.retried++;
      ctx.logger?.warn({ delivery: d.id, channel: channel.name, attempts, err: message }, 'alert delivery failed');
    }
  }
  return report;
}

/** Runs deliverDue every `intervalMs` until stopped. One pass at a time, never overlapping. */
export function startDeliveryWorker(store: Store, box: SecretBox, ctx: SendContext & { logger?: Logger }, intervalMs: number): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    running = deliverDue(store, box, ctx)
      .catch((e: unknown) => ctx.logger?.error({ err: (e as Error).message }, 'delivery worker pass failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, 50);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
