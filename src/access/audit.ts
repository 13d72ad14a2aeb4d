import { newId } from '../core/ids.ts';
import { fromJson, nowIso, toJson, type Db } from '../store/index.ts';

/** Who did something: a dashboard user, an API token's owner, or the CLI/system. */
export interface Actor {
  id: string | null;
  label: string;
  ip?: string | null;
}
export const systemActor: Actor = { id: null, label: 'system' };
export const cliActor = (): Actor => ({ id: null, label: `cli:${process.env.USER ?? 'local'}` });

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actorId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
}

/** Appends to the audit log. Call it inside the transaction of the change it records. */
export async function audit(db: Db, actor: Actor, action: string, target?: string | null, details?: Record<string, unknown>): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor_id: actor.id,
      actor: actor.label,
      action,
      target: target ?? null,
      details: details ? toJson(details) : null,
      ip: actor.ip ?? null,
    })
    .execute();
}

export async function listAudit(db: Db, opts: { limit?: number; before?: string; action?: string } = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(Math.min(opts.limit ?? 100, 1000));
  if (opts.before) q = q.where('id', '<', opts.before);
  if (opts.action) q = q.where('action', 'like', `${opts.action}%`);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    actorId: r.actor_id,
    action: r.action,
    target: r.target,
    details: fromJson<Record<string, unknown> | null>(r.details, null),
    ip: r.ip,
  }));
}
