import { raiseAlertIn } from '../alerts/index.ts';
import { formatDate, t, type Lang } from '../core/i18n.ts';
import { newId } from '../core/ids.ts';
import type { Logger } from '../core/logger.ts';
import { toJson, type Store, type Tx } from '../store/index.ts';
import type { DecoyInfo, DecoyLookup } from './decoys.ts';
import type { SensorsOptions } from './config.ts';
import type { SensorKind, SensorEventsTable } from './repo.ts';
import './messages.ts';

/** One observation by a sensor, before the registry is consulted. */
export interface SensorHit {
  kind: SensorKind;
  at: Date;
  /** IP address, or `file:line` for log sensors. */
  source: string;
  userAgent?: string;
  /** Bounded request headers or parsed log fields. */
  headers?: Record<string, string>;
  token?: string;
  username?: string;
  honeyPassword?: boolean;
  scanner?: boolean;
  /** Set by sensors that already resolved the decoy (portal, logs). */
  decoy?: DecoyInfo;
}

export interface FlushResult {
  stored: number;
  overflow: number;
  alerts: number;
}

const MAX_CACHE = 10_000;
const JUNK_ALL = 'junk|*';
const CACHE_MS = 30_000;

/** The alert text for a touched decoy, French and English, with the inference and the runbook. */
export function describeTouch(hit: SensorHit, d: DecoyInfo, lang: Lang): { title: string; inference: string; runbook: string } {
  const planted = d.plantedAt ? formatDate(d.plantedAt, lang) : t(lang, 'sensors.unknown_date');
  const params = {
    kind: t(lang, `sensors.kind.${hit.kind}`),
    mailbox: d.mailbox,
    persona: d.persona,
    artifact: d.artifactLabel,
    planted,
    at: formatDate(hit.at, lang),
    source: hit.source,
    account: hit.username ?? d.mailbox,
    honey: hit.honeyPassword ? t(lang, 'sensors.alert.honey') : '',
  };
  const inference = t(lang, hit.token ? 'sensors.alert.inference' : 'sensors.alert.inference_account', params);
  return { title: t(lang, 'sensors.alert.title', params), inference, runbook: t(lang, 'sensors.alert.runbook', params) };
}

/**
 * Writes sensor hits in batches. A canary endpoint under a flood must answer fast and never grow
 * a table without bound, so hits are queued, resolved against the registry once per token, kept
 * up to `maxRowsPerBucket` rows per artifact × source (then only counted), and turned into one
 * alert per artifact × source × hour.
 */
export class SensorRecorder {
  private queue: SensorHit[] = [];
  /** Hits refused before queueing (rate limit, full queue), per bucket key: written as overflow. */
  private dropped = new Map<string, number>();
  private cache = new Map<string, { d: DecoyInfo | undefined; until: number }>();
  private alerted = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<FlushResult> | undefined;
  private buckets = new Map<string, { tokens: number; last: number }>();

  constructor(
    private readonly store: Store,
    private readonly lookup: DecoyLookup,
    private readonly opts: SensorsOptions,
    private readonly logger?: Logger,
    private readonly lang: Lang = 'fr',
  ) {}

  /** Token bucket per source. False means: count the hit, do not queue it. */
  allow(source: string, now = Date.now()): boolean {
    let b = this.buckets.get(source);
    if (!b) {
      if (this.buckets.size >= 100_000) this.buckets.clear();
      b = { tokens: this.opts.perSourceBurst, last: now };
      this.buckets.set(source, b);
    }
    b.tokens = Math.min(this.opts.perSourceBurst, b.tokens + ((now - b.last) / 1000) * this.opts.perSourcePerSecond);
    b.last = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Queues a hit (or counts it when the source is over its rate or the queue is full). */
  record(hit: SensorHit): void {
    if (this.queue.length >= this.opts.maxQueue || !this.allow(hit.source)) {
      const key = `dropped|${hit.source}`;
      if (this.dropped.size < 10_000 || this.dropped.has(key)) this.dropped.set(key, (this.dropped.get(key) ?? 0) + 1);
      else this.dropped.set('dropped|*', (this.dropped.get('dropped|*') ?? 0) + 1);
      return;
    }
    this.queue.push(hit);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((e: unknown) => this.logger?.error({ err: (e as Error).message }, 'sensor flush failed'));
    }, this.opts.flushMs);
  }

  /** Records one hit and writes it now; returns the alert id if one was raised (portal, logs). */
  async recordNow(hit: SensorHit): Promise<FlushResult> {
    this.queue.push(hit);
    return this.flush();
  }

  /** Writes everything queued. Safe to call concurrently: flushes run one after the other. */
  async flush(): Promise<FlushResult> {
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0 && this.dropped.size === 0) return { stored: 0, overflow: 0, alerts: 0 };
    this.flushing = this.flushBatch();
    try {
      return await this.flushing;
    } finally {
      this.flushing = undefined;
    }
  }

  /** Stops the timer after writing what is queued. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async resolve(token: string): Promise<DecoyInfo | undefined> {
    const now = Date.now();
    const c = this.cache.get(token);
    if (c && c.until > now) return c.d;
    const d = await this.lookup.byBeaconToken(token);
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(token, { d, until: now + CACHE_MS });
    return d;
  }

  private async flushBatch(): Promise<FlushResult> {
    const batch = this.queue.splice(0, 20_000);
    const dropped = this.dropped;
    this.dropped = new Map();
    for (const h of batch) if (!h.decoy && h.token) h.decoy = await this.resolve(h.token);

    const byKey = new Map<string, SensorHit[]>();
    for (const h of batch) {
      const what = h.decoy?.artifactId ?? (h.token ? 'junk' : h.username ? `user:${h.username.toLowerCase()}` : 'none');
      const key = `${h.kind}|${what}|${h.source}`.slice(0, 500);
      const list = byKey.get(key) ?? [];
      list.push(h);
      byKey.set(key, list);
    }
    const now = new Date().toISOString();
    const result: FlushResult = { stored: 0, overflow: 0, alerts: 0 };
    await this.store.transaction(async (trx) => {
      const keys = [...byKey.keys(), ...dropped.keys(), JUNK_ALL];
      const existing = new Map<string, number>();
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await trx.selectFrom('sensor_buckets').select(['key', 'stored']).where('key', 'in', keys.slice(i, i + 500)).execute();
        for (const r of rows) existing.set(r.key, Number(r.stored));
      }
      const rows: SensorEventsTable[] = [];
      // Junk from many sources (an IPv6 range has plenty) shares one global cap as well.
      let junkRoom = Math.max(0, this.opts.maxJunkRows - (existing.get(JUNK_ALL) ?? 0));
      let junkKept = 0;
      for (const [key, hits] of byKey) {
        let room = Math.max(0, this.opts.maxRowsPerBucket - (existing.get(key) ?? 0));
        const junk = key.includes('|junk|');
        if (junk) room = Math.min(room, junkRoom);
        const kept = hits.slice(0, room);
        if (junk) {
          junkRoom -= kept.length;
          junkKept += kept.length;
        }
        for (const h of kept) rows.push({ ...(await this.toRow(trx, h, result)) });
        await this.bump(trx, key, kept.length, hits.length - kept.length, now);
        result.stored += kept.length;
        result.overflow += hits.length - kept.length;
      }
      for (const [key, n] of dropped) {
        await this.bump(trx, key, 0, n, now);
        result.overflow += n;
      }
      if (junkKept) await this.bump(trx, JUNK_ALL, junkKept, 0, now);
      for (let i = 0; i < rows.length; i += 200) await trx.insertInto('sensor_events').values(rows.slice(i, i + 200)).execute();
    });
    return result;
  }

  private async bump(trx: Tx, key: string, stored: number, overflow: number, now: string): Promise<void> {
    await trx
      .insertInto('sensor_buckets')
      .values({ key, stored, overflow, first_at: now, last_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          stored: eb('sensor_buckets.stored', '+', stored),
          overflow: eb('sensor_buckets.overflow', '+', overflow),
          last_at: now,
        })),
      )
      .execute();
  }

  private async toRow(trx: Tx, h: SensorHit, result: FlushResult): Promise<SensorEventsTable> {
    const d = h.decoy;
    let alertId: string | null = null;
    if (d && !h.scanner) {
      const hour = Math.floor(h.at.getTime() / 3600_000);
      const dedupKey = `sensors:${d.artifactId}:${h.source}:${hour}`.slice(0, 300);
      const memo = this.alerted.get(dedupKey);
      if (memo !== undefined) alertId = memo;
      else {
        const fr = describeTouch(h, d, 'fr');
        const en = describeTouch(h, d, 'en');
        const { alert, created } = await raiseAlertIn(trx, {
          source: 'sensors',
          severity: 'critical',
          title: (this.lang === 'en' ? en : fr).title,
          dedupKey,
          details: {
            kind: h.kind,
            artifactId: d.artifactId,
            artifact: d.artifactLabel,
            persona: d.persona,
            mailbox: d.mailbox,
            deploymentId: d.deploymentId,
            deployment: d.deploymentLabel,
            plantedAt: d.plantedAt,
            breachedAfter: d.plantedAt,
            at: h.at.toISOString(),
            source: h.source,
            userAgent: h.userAgent ?? null,
            username: h.username ?? null,
            honeyPassword: !!h.honeyPassword,
            inference: { fr: fr.inference, en: en.inference },
            runbook: { fr: fr.runbook, en: en.runbook },
          },
        });
        if (created) result.alerts++;
        if (this.alerted.size >= 10_000) this.alerted.clear();
        this.alerted.set(dedupKey, alert.id);
        alertId = alert.id;
      }
    }
    return {
      id: newId(h.at.getTime()),
      kind: h.kind,
      at: h.at.toISOString(),
      source: h.source.slice(0, 200),
      user_agent: h.userAgent?.slice(0, 512) ?? null,
      headers: toJson(h.headers ?? {}),
      token: h.token?.slice(0, 100) ?? null,
      username: h.username?.slice(0, 200) ?? null,
      honey_password: h.honeyPassword ? 1 : 0,
      artifact_id: d?.artifactId ?? null,
      persona: d?.persona ?? null,
      mailbox: d?.mailbox ?? null,
      deployment_id: d?.deploymentId ?? null,
      planted_at: d?.plantedAt ?? null,
      scanner: h.scanner ? 1 : 0,
      alert_id: alertId,
    };
  }
}

/** Keeps at most 30 headers, names ≤ 64 and values ≤ 512 characters: enough evidence, bounded. */
export function boundHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || k === 'cookie' || k === 'authorization') continue;
    if (++n > 30) break;
    out[k.slice(0, 64)] = (Array.isArray(v) ? v.join(', ') : v).slice(0, 512);
  }
  return out;
}
