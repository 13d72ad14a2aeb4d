import { newId } from '../../core/ids.ts';
import { nowIso, type Db, type Tx } from '../../store/index.ts';
import type { IndicatorRow } from '../repo.ts';
import { normalizeIndicator, type IndicatorType } from './normalize.ts';

/** An indicator as feeds, CSV files, the API and other capabilities hand it in. */
export interface IndicatorInput {
  type: string;
  value: string;
  source: string;
  confidence?: number;
  description?: string | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  validUntil?: string | null;
}

export interface Indicator {
  id: string;
  type: IndicatorType;
  value: string;
  source: string;
  confidence: number;
  description: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  validUntil: string | null;
  updatedAt: string;
}

export interface IndicatorCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export function toIndicator(r: IndicatorRow): Indicator {
  return {
    id: r.id,
    type: r.type as IndicatorType,
    value: r.value,
    source: r.source,
    confidence: r.confidence,
    description: r.description,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    validUntil: r.valid_until,
    updatedAt: r.updated_at,
  };
}

function isoOrNull(v: string | null | undefined): string | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

const minIso = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : (a ?? b));
const maxIso = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * Adds or merges indicators, keyed by (type, value, source). Seeing an indicator again widens its
 * first/last-seen window and takes the newer confidence and expiry; the same input twice changes nothing.
 */
export async function upsertIndicators(trx: Tx | Db, inputs: IndicatorInput[], onRejected?: (input: IndicatorInput) => void): Promise<IndicatorCounts> {
  const counts: IndicatorCounts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const now = nowIso();
  const byKey = new Map<string, Omit<IndicatorRow, 'id' | 'created_at' | 'updated_at'>>();
  for (const i of inputs) {
    const n = normalizeIndicator(i.type, i.value);
     
    const source = (i.source ?? '').replace(/\u0000/g, '').trim().slice(0, 200);
    const confidence = i.confidence === undefined ? 50 : Math.round(i.confidence);
    if (!n || !source || !Number.isFinite(confidence) || confidence < 0 || confidence > 100) {
      counts.rejected++;
      onRejected?.(i);
      continue;
    }
    const row = {
      type: n.type,
      value: n.value,
      source,
      confidence,
       
      description: i.description?.replace(/\u0000/g, '').slice(0, 2000) ?? null,
      first_seen: isoOrNull(i.firstSeen),
      last_seen: isoOrNull(i.lastSeen),
      valid_until: isoOrNull(i.validUntil),
    };
    const key = `${n.type}\u0000${n.value}\u0000${source}`;
    const prev = byKey.get(key);
    byKey.set(key, prev ? { ...row, first_seen: minIso(prev.first_seen, row.first_seen), last_seen: maxIso(prev.last_seen, row.last_seen) } : row);
  }
  const rows = [...byKey.values()];
  for (let i = 0; i < rows.length; i += 300) {
    const part = rows.slice(i, i + 300);
    const existing = await trx
      .selectFrom('intel_indicators')
      .selectAll()
      .where('value', 'in', [...new Set(part.map((r) => r.value))])
      .execute();
    const have = new Map(existing.map((e) => [`${e.type}\u0000${e.value}\u0000${e.source}`, e]));
    const inserts: IndicatorRow[] = [];
    for (const r of part) {
      const e = have.get(`${r.type}\u0000${r.value}\u0000${r.source}`);
      if (!e) {
        inserts.push({ id: newId(), ...r, created_at: now, updated_at: now });
        continue;
      }
      const merged = {
        confidence: r.confidence,
        description: r.description ?? e.description,
        first_seen: minIso(e.first_seen, r.first_seen),
        last_seen: maxIso(e.last_seen, r.last_seen),
        valid_until: r.valid_until ?? e.valid_until,
      };
      const same = (Object.keys(merged) as Array<keyof typeof merged>).every((k) => merged[k] === e[k]);
      if (same) {
        counts.unchanged++;
        continue;
      }
      await trx.updateTable('intel_indicators').set({ ...merged, updated_at: now }).where('id', '=', e.id).execute();
      counts.updated++;
    }
    for (let j = 0; j < inserts.length; j += 150) await trx.insertInto('intel_indicators').values(inserts.slice(j, j + 150)).execute();
    counts.created += inserts.length;
  }
  return counts;
}

export interface IndicatorQuery {
  type?: string;
  search?: string;
  limit?: number;
  offset?: number;
}

export async function listIndicators(db: Db, q: IndicatorQuery = {}): Promise<Indicator[]> {
  let query = db.selectFrom('intel_indicators').selectAll().orderBy('updated_at', 'desc').orderBy('id');
  if (q.type) query = query.where('type', '=', q.type);
  if (q.search) query = query.where('value', 'like', `%${q.search.toLowerCase().replace(/[%_]/g, '')}%`);
  const rows = await query.limit(q.limit ?? 100).offset(q.offset ?? 0).execute();
  return rows.map(toIndicator);
}

export async function deleteIndicator(db: Db | Tx, id: string): Promise<boolean> {
  const r = await db.deleteFrom('intel_indicators').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
