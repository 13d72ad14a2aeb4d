import { raiseAlertIn } from '../alerts/index.ts';
import { audit, type Actor } from '../access/audit.ts';
import { NotFoundError } from '../core/errors.ts';
import type { Db, Store } from '../store/index.ts';
import type { LookalikeMatch } from './matcher.ts';
import type { LookalikeRow } from './repo.ts';

/**
 * Records a lookalike seen in a feed. The first sighting raises an alert (a lookalike registered
 * before use is the attacker preparing, as onedrive-en-marche.fr in March 2017); later sightings
 * only update the last-seen date and the count.
 */
export async function recordLookalike(store: Store, m: LookalikeMatch, source: string, now = new Date()): Promise<{ created: boolean }> {
  const at = now.toISOString();
  return store.transaction(async (trx) => {
    const existing = await trx.selectFrom('domain_lookalikes').select(['domain', 'times_seen']).where('domain', '=', m.domain.toLowerCase()).executeTakeFirst();
    if (existing) {
      await trx.updateTable('domain_lookalikes').set({ last_seen: at, times_seen: existing.times_seen + 1 }).where('domain', '=', existing.domain).execute();
      return { created: false };
    }
    await trx
      .insertInto('domain_lookalikes')
      .values({ domain: m.domain.toLowerCase(), unicode: m.unicode, protected: m.protected, kind: m.kind, score: m.score, evidence: m.evidence.slice(0, 500), source: source.slice(0, 300), first_seen: at, last_seen: at, times_seen: 1, takedown_notes: null })
      .execute();
    if (m.target === 'protected' || m.score >= 0.8)
      await raiseAlertIn(trx, {
        source: 'domains',
        severity: m.target === 'protected' ? 'high' : 'medium',
        title: `Domaine sosie repéré : ${m.unicode} imite ${m.protected}`,
        details: { domain: m.domain, unicode: m.unicode, imitates: m.protected, kind: m.kind, score: m.score, evidence: m.evidence, seenIn: source, action: 'Surveiller ses enregistrements DNS et MX, le bloquer dans la messagerie, demander la suspension au registrar si du contenu malveillant apparaît.' },
        dedupKey: `domains:${m.domain.toLowerCase()}`,
        dedupWindowMs: 30 * 86400_000,
      });
    return { created: true };
  });
}

export async function listLookalikes(db: Db, limit = 200): Promise<LookalikeRow[]> {
  return db.selectFrom('domain_lookalikes').selectAll().orderBy('first_seen', 'desc').limit(Math.min(limit, 1000)).execute();
}

export async function setTakedownNotes(store: Store, actor: Actor, domain: string, notes: string): Promise<void> {
  await store.transaction(async (trx) => {
    const r = await trx.updateTable('domain_lookalikes').set({ takedown_notes: notes.slice(0, 5000) || null }).where('domain', '=', domain.toLowerCase()).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw NotFoundError('domains.lookalike_not_found', `No lookalike ${domain}`);
    await audit(trx, actor, 'domains.takedown_notes', domain);
  });
}
