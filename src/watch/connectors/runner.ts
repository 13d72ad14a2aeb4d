/**
 * Runs one connector: claims it (one runner per connector across every process sharing the
 * database), reads with the platform's module, stores each batch (idempotent: a post stored
 * twice counts once) and then its cursor, so a crash or a restart resumes with no gap and no
 * duplicate. Failures reconnect with exponential backoff, or after the wait the platform's 429
 * reset headers ask for; refused credentials stop the connector with the reason on its status.
 */
import { hostname } from 'node:os';
import { ConflictError, ValidationError } from '../../core/errors.ts';
import type { SecretBox } from '../../core/secrets.ts';
import { nowIso, toJson, type Store } from '../../store/index.ts';
import { PostCollector } from '../ingest/formats.ts';
import { savePosts } from '../repo.ts';
import type { Post } from '../post.ts';
import { Backoff, PlatformError, Stopped, sleep } from './http.ts';
import { connectorSpec } from './index.ts';
import { connectorCursor, connectorSecrets, getConnector, presentConnector, requireConnector, type ConnectorState, type ConnectorStatus } from './repo.ts';
import type { Batch, Cursor, RunContext } from './types.ts';

const LEASE_MS = 30_000;
const STATUS_EVERY_MS = 2000;
/** Reasons kept per connector in its skip counts (a hostile stream could invent endless reasons). */
const MAX_REASONS = 50;

/** This process, as a lease owner: host, pid and a random part (two runs of one pid differ). */
export const PROCESS_ID = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

export interface RunOptions {
  signal: AbortSignal;
  owner?: string;
  /** Where posts go (default: the watch tables; the stream issue's publisher plugs in here). */
  store?: (posts: Post[]) => Promise<number>;
  onStatus?: (s: ConnectorStatus) => void;
  /** How long a claim lasts without renewal (renewed every third of it; tests shorten it). */
  leaseMs?: number;
  /** Backoff bounds (tests shorten them). */
  backoff?: { baseMs: number; maxMs: number };
}

async function claim(store: Store, id: string, owner: string, leaseMs = LEASE_MS): Promise<boolean> {
  const now = nowIso();
  const until = new Date(Date.now() + leaseMs).toISOString();
  const r = await store.db
    .updateTable('watch_connectors')
    .set({ lease_owner: owner, lease_until: until })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now), eb('lease_owner', '=', owner)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

async function release(store: Store, id: string, owner: string): Promise<void> {
  await store.db.updateTable('watch_connectors').set({ lease_owner: null, lease_until: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

/**
 * Runs the connector until the signal aborts, it is disabled, or it fails for good (then its
 * state is `error`, the reason on its status, and this resolves). Refused when another process
 * holds it (`watch.connector_busy`).
 */
export async function runConnector(store: Store, box: SecretBox, idOrName: string, o: RunOptions): Promise<ConnectorStatus> {
  const row = await requireConnector(store.db, idOrName);
  const spec = connectorSpec(row.platform);
  if (!spec) throw ValidationError('watch.unknown_platform', `Unknown platform ${row.platform}`);
  const parsed = spec.options.safeParse(JSON.parse(row.options));
  if (!parsed.success) throw ValidationError('watch.bad_connector_options', `${row.name}: ${parsed.error.issues[0].message}`);
  const owner = o.owner ?? PROCESS_ID;
  const leaseMs = o.leaseMs ?? LEASE_MS;
  if (!(await claim(store, row.id, owner, leaseMs))) throw ConflictError('watch.connector_busy', `Le connecteur ${row.name} tourne déjà dans un autre processus / already running in another process (${row.lease_owner ?? '?'})`);
  const secrets = connectorSecrets(row, box);
  const save = o.store ?? (async (posts: Post[]) => (await savePosts(store, posts)).inserted);

  let cursor: Cursor = connectorCursor(row);
  let state: ConnectorState = 'running';
  let detail: string | null = null;
  let lastError: { message: string; at: string } | undefined;
  let postsTotal = row.posts_total;
  let eventsTotal = row.events_total;
  let reconnects = row.reconnects;
  const skipped: Record<string, number> = JSON.parse(row.skipped) as Record<string, number>;
  let connectedAt: string | null = null;
  let lastEventAt: string | null = row.last_event_at;
  let newest: number | undefined;
  const window: Array<{ at: number; n: number }> = [];
  let lastWrite = 0;
  let dirty = true;

  const rate = () => {
    const since = Date.now() - 60_000;
    while (window.length && window[0].at < since) window.shift();
    const n = window.reduce((a, w) => a + w.n, 0);
    const span = window.length ? Math.max(1, (Date.now() - Math.min(window[0].at, Date.now() - 1000)) / 1000) : 60;
    return n / Math.min(60, span);
  };
  const writeStatus = async (force = false) => {
    if (!force && (!dirty || Date.now() - lastWrite < STATUS_EVERY_MS)) return;
    lastWrite = Date.now();
    dirty = false;
    await store.db
      .updateTable('watch_connectors')
      .set({
        state,
        detail,
        cursor: toJson(cursor),
        posts_total: postsTotal,
        events_total: eventsTotal,
        skipped: toJson(skipped),
        reconnects,
        rate: Math.round(rate() * 100) / 100,
        lag_seconds: newest !== undefined ? Math.max(0, Math.round((Date.now() - newest) / 100) / 10) : null,
        last_error: lastError?.message ?? null,
        last_error_at: lastError?.at ?? null,
        last_event_at: lastEventAt,
        connected_at: connectedAt,
        lease_until: new Date(Date.now() + leaseMs).toISOString(),
        updated_at: nowIso(),
      })
      .where('id', '=', row.id)
      .where('lease_owner', '=', owner)
      .execute();
    const fresh = await getConnector(store.db, row.id);
    if (fresh) o.onStatus?.(presentConnector(fresh));
  };
  const skip = (reason: string, n = 1) => {
    const key = reason.slice(0, 80);
    if (key in skipped || Object.keys(skipped).length < MAX_REASONS) skipped[key] = (skipped[key] ?? 0) + n;
    else skipped.other = (skipped.other ?? 0) + n;
    dirty = true;
  };

  // Renews the lease, and stops the run when the connector was disabled or taken over.
  const inner = new AbortController();
  const signal = AbortSignal.any([o.signal, inner.signal]);
  const renew = setInterval(() => {
    void (async () => {
      const r = await getConnector(store.db, row.id);
      if (!r || r.enabled !== 1 || (r.lease_owner !== owner && r.lease_until && r.lease_until > nowIso())) inner.abort();
      else if (!(await claim(store, row.id, owner, leaseMs))) inner.abort();
    })().catch(() => undefined);
  }, leaseMs / 3);

  const backoff = new Backoff(o.backoff?.baseMs ?? 1000, o.backoff?.maxMs ?? 120_000);
  const ctx: RunContext<unknown> = {
    options: parsed.data,
    secrets,
    get cursor() {
      return cursor;
    },
    signal,
    async emit(batch: Batch) {
      const collector = new PostCollector();
      batch.posts.forEach((p, i) => collector.add(i + 1, p));
      const r = collector.result();
      for (const issue of r.issues) skip(issue.message.startsWith('unreadable timestamp') ? 'unreadable timestamp' : issue.message);
      if (r.issueCount > r.issues.length) skip('other', r.issueCount - r.issues.length);
      // Posts first, then the cursor: a crash in between re-reads the batch, which stores nothing twice.
      const inserted = r.posts.length ? await save(r.posts) : 0;
      cursor = { ...batch.cursor };
      postsTotal += inserted;
      eventsTotal += batch.events;
      if (batch.events) lastEventAt = nowIso();
      if (inserted) window.push({ at: Date.now(), n: inserted });
      for (const p of r.posts) {
        const t = Date.parse(p.created_at);
        if (Number.isFinite(t) && t <= Date.now() + 60_000 && (newest === undefined || t > newest)) newest = t;
      }
      dirty = true;
      await writeStatus(true);
    },
    skip,
    connected(d: string) {
      connectedAt = nowIso();
      state = 'running';
      detail = d;
      backoff.reset();
      dirty = true;
    },
    warn(message: string) {
      lastError = { message: message.slice(0, 500), at: nowIso() };
      dirty = true;
    },
  };

  try {
    await writeStatus(true);
    for (;;) {
      if (signal.aborted) break;
      try {
        await spec.run(ctx);
        // A run that returns means its source ended (a finished poll): wait, then read again.
        state = 'backoff';
        await writeStatus(true);
        await sleep(backoff.next(), signal);
      } catch (e) {
        if (e instanceof Stopped || signal.aborted) break;
        const err = e instanceof PlatformError ? e : new PlatformError((e as Error).message, 0);
        lastError = { message: err.message.slice(0, 500), at: nowIso() };
        if (err.fatal) {
          state = 'error';
          detail = 'arrêté : à corriger / stopped: needs fixing';
          await writeStatus(true);
          break;
        }
        reconnects++;
        const wait = err.retryAfterMs ?? backoff.next();
        state = 'backoff';
        detail = `reconnexion dans / reconnecting in ${Math.round(wait / 1000)} s`;
        await writeStatus(true);
        try {
          await sleep(wait, signal);
        } catch {
          break;
        }
      }
    }
    if (state !== 'error') {
      state = 'stopped';
      detail = null;
    }
    await writeStatus(true);
  } finally {
    clearInterval(renew);
    await release(store, row.id, owner).catch(() => undefined);
  }
  return presentConnector((await getConnector(store.db, row.id))!);
}

/**
 * Runs every enabled connector this process can claim, side by side, until the signal aborts;
 * connectors added or enabled later are picked up within a minute (the server's background job).
 */
export async function runEnabledConnectors(store: Store, box: SecretBox, o: { signal: AbortSignal; owner?: string; onError?: (name: string, e: Error) => void; rescanMs?: number }): Promise<void> {
  const running = new Map<string, Promise<unknown>>();
  while (!o.signal.aborted) {
    const rows = await store.db.selectFrom('watch_connectors').select(['id', 'name', 'enabled', 'state', 'lease_until']).where('enabled', '=', 1).execute();
    for (const r of rows) {
      if (running.has(r.id) || r.state === 'error' || (r.lease_until && r.lease_until > nowIso())) continue;
      const p = runConnector(store, box, r.id, { signal: o.signal, owner: o.owner })
        .catch((e: Error) => {
          if (!(e as { id?: string }).id?.endsWith('connector_busy')) o.onError?.(r.name, e);
        })
        .finally(() => running.delete(r.id));
      running.set(r.id, p);
    }
    await sleep(o.rescanMs ?? 60_000, o.signal).catch(() => undefined);
  }
  await Promise.allSettled(running.values());
}
