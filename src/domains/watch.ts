import { raiseAlertIn } from '../alerts/index.ts';
import { audit, type Actor } from '../access/audit.ts';
import { NotFoundError } from '../core/errors.ts';
import type { Db, Store } from '../store/index.ts';
import { fromJson, toJson } from '../store/values.ts';
import type { DomainMatcher, LookalikeMatch } from './matcher.ts';
import type { LookalikeRow } from './repo.ts';
import { describeResolution, type DnsResolution } from './resolve.ts';
import { matchLine, newStats, type StreamStats } from './stream.ts';

/**
 * Records a lookalike seen in a feed. The first sighting raises an alert (a lookalike registered
 * before use is the attacker preparing, as onedrive-en-marche.fr in March 2017); later sightings
 * only update the last-seen date and the count.
 */
export async function recordLookalike(store: Store, m: LookalikeMatch, source: string, now = new Date(), resolution?: DnsResolution): Promise<{ created: boolean }> {
  const at = now.toISOString();
  return store.transaction(async (trx) => {
    const existing = await trx.selectFrom('domain_lookalikes').select(['domain', 'times_seen']).where('domain', '=', m.domain.toLowerCase()).executeTakeFirst();
    if (existing) {
      await trx
        .updateTable('domain_lookalikes')
        .set({ last_seen: at, times_seen: existing.times_seen + 1, ...(resolution ? { resolution: toJson(resolution), resolved_at: resolution.resolvedAt } : {}) })
        .where('domain', '=', existing.domain)
        .execute();
      return { created: false };
    }
    await trx
      .insertInto('domain_lookalikes')
      .values({ domain: m.domain.toLowerCase(), unicode: m.unicode, protected: m.protected, kind: m.kind, score: m.score, evidence: m.evidence.slice(0, 500), source: source.slice(0, 300), first_seen: at, last_seen: at, times_seen: 1, takedown_notes: null, resolution: resolution ? toJson(resolution) : null, resolved_at: resolution?.resolvedAt ?? null })
      .execute();
    if (m.target === 'protected' || m.score >= 0.8)
      await raiseAlertIn(trx, {
        source: 'domains',
        // A lookalike of the organisation with a mail server is ready to send or receive phishing.
        severity: m.target === 'protected' ? (resolution && resolution.mx.length > 0 ? 'critical' : 'high') : 'medium',
        title: `Domaine sosie repéré : ${m.unicode} imite ${m.protected}`,
        details: { domain: m.domain, unicode: m.unicode, imitates: m.protected, kind: m.kind, score: m.score, evidence: m.evidence, seenIn: source, ...(resolution ? { dns: describeResolution(resolution), mx: resolution.mx.length > 0 } : {}), action: 'Surveiller ses enregistrements DNS et MX, le bloquer dans la messagerie, demander la suspension au registrar si du contenu malveillant apparaît.' },
        dedupKey: `domains:${m.domain.toLowerCase()}`,
        dedupWindowMs: 30 * 86400_000,
      });
    return { created: true };
  });
}

/** A stored lookalike as the API gives it: the resolution parsed. */
export type Lookalike = Omit<LookalikeRow, 'resolution'> & { resolution: DnsResolution | null };

export async function listLookalikes(db: Db, limit = 200): Promise<Lookalike[]> {
  const rows = await db.selectFrom('domain_lookalikes').selectAll().orderBy('first_seen', 'desc').limit(Math.min(limit, 1000)).execute();
  return rows.map((r) => ({ ...r, resolution: fromJson<DnsResolution | null>(r.resolution, null) }));
}

export async function setTakedownNotes(store: Store, actor: Actor, domain: string, notes: string): Promise<void> {
  await store.transaction(async (trx) => {
    const r = await trx.updateTable('domain_lookalikes').set({ takedown_notes: notes.slice(0, 5000) || null }).where('domain', '=', domain.toLowerCase()).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw NotFoundError('domains.lookalike_not_found', `No lookalike ${domain}`);
    await audit(trx, actor, 'domains.takedown_notes', domain);
  });
}

export interface WatchOptions {
  source: string;
  /** Resolves each new lookalike (A/AAAA/MX/NS) before it is stored; none when absent. */
  resolve?: (domain: string) => Promise<DnsResolution>;
  /** Called for each lookalike seen for the first time, after it is stored and alerted. */
  onNew?: (m: LookalikeMatch, resolution?: DnsResolution) => void;
  stats?: StreamStats;
}

/**
 * The watch loop shared by every input (file, stdin, HTTP or WebSocket feed): match each line,
 * store lookalikes, alert on first sightings. Returns when the lines end.
 */
export async function watchLines(store: Store, matcher: DomainMatcher, lines: AsyncIterable<string>, opts: WatchOptions): Promise<StreamStats & { created: number }> {
  const stats = opts.stats ?? newStats();
  let created = 0;
  // A lookalike reappears in every certificate renewal: resolve it once per run, not per sighting.
  const resolved = new Set<string>();
  for await (const line of lines) {
    for (const m of matchLine(matcher, line, stats)) {
      const key = m.domain.toLowerCase();
      let resolution: DnsResolution | undefined;
      if (opts.resolve && !resolved.has(key)) {
        if (resolved.size >= 100_000) resolved.clear();
        resolved.add(key);
        resolution = await opts.resolve(m.domain);
      }
      if ((await recordLookalike(store, m, opts.source, new Date(), resolution)).created) {
        created++;
        opts.onNew?.(m, resolution);
      }
    }
  }
  return { ...stats, created };
}
