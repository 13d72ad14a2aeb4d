import { sql } from 'kysely';
import type { Db } from '../store/index.ts';
import { buildAttributionModel, type AttributionModel } from './attribution.ts';
import { loadIndicatorMatcher, type IndicatorMatcher } from './indicators/matcher.ts';
import { loadKnowledge, type Knowledge } from './knowledge.ts';

/**
 * Knowledge and matcher caches keyed by a fingerprint read from the database (row count and last
 * write), so a second server process that imports or edits indicators invalidates them here too.
 */
let knowledgeCache: { key: string; knowledge: Knowledge; model: AttributionModel } | undefined;
let matcherCache: { key: string; matcher: IndicatorMatcher; at: number } | undefined;

async function fingerprint(db: Db, table: 'intel_objects' | 'intel_indicators'): Promise<string> {
  const col = table === 'intel_objects' ? 'imported_at' : 'updated_at';
  const r = await db
    .selectFrom(table)
    .select([sql<number>`count(*)`.as('n'), sql<string | null>`max(${sql.ref(col)})`.as('last')])
    .executeTakeFirstOrThrow();
  return `${Number(r.n)}:${r.last ?? ''}`;
}

/** The imported knowledge and its attribution model, rebuilt only when an import changed them. */
export async function currentKnowledge(db: Db): Promise<{ knowledge: Knowledge; model: AttributionModel }> {
  const key = await fingerprint(db, 'intel_objects');
  if (knowledgeCache?.key !== key) {
    const knowledge = await loadKnowledge(db);
    knowledgeCache = { key, knowledge, model: buildAttributionModel(knowledge) };
  }
  return knowledgeCache;
}

/**
 * The indicator matcher for hot paths (mail triage, sensors): rebuilt when indicators changed, and
 * at least every 10 minutes so that expiries take effect.
 */
export async function cachedIndicatorMatcher(db: Db): Promise<IndicatorMatcher> {
  const key = await fingerprint(db, 'intel_indicators');
  if (matcherCache?.key !== key || Date.now() - matcherCache.at > 600_000) matcherCache = { key, matcher: await loadIndicatorMatcher(db), at: Date.now() };
  return matcherCache.matcher;
}
