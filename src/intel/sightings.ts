import { fromJson, type Db } from '../store/index.ts';
import type { Finding } from './export/stix.ts';
import type { Knowledge } from './knowledge.ts';

/** A technique seen in our own alerts: what attribution should be run on. */
export interface ObservedTechnique {
  technique: string;
  /** ATT&CK name, or the id when the knowledge is not imported. */
  name: string;
  tactics: string[];
  /** Alerts that showed it. */
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** The latest alerts that showed it (at most 5), so the analyst can check the evidence. */
  alerts: Array<{ id: string; title: string; source: string; at: string }>;
}

/** Aggregates the techniques of findings (alerts), most seen first. Pure. */
export function observedTechniques(findings: Finding[], k?: Knowledge): ObservedTechnique[] {
  const by = new Map<string, ObservedTechnique>();
  for (const f of findings) {
    for (const t of new Set(f.techniques ?? [])) {
      let o = by.get(t);
      if (!o) {
        const known = k?.techniques.get(t);
        o = { technique: t, name: known?.name ?? t, tactics: known?.tactics ?? [], count: 0, firstSeen: f.seenAt, lastSeen: f.seenAt, alerts: [] };
        by.set(t, o);
      }
      o.count++;
      if (f.seenAt < o.firstSeen) o.firstSeen = f.seenAt;
      if (f.seenAt > o.lastSeen) o.lastSeen = f.seenAt;
      o.alerts.push({ id: f.id, title: f.title, source: f.source, at: f.seenAt });
    }
  }
  for (const o of by.values()) o.alerts = o.alerts.sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, 5);
  return [...by.values()].sort((a, b) => b.count - a.count || (a.lastSeen < b.lastSeen ? 1 : -1) || a.technique.localeCompare(b.technique));
}

/** How often an indicator matched something Rempart saw: counted from the alerts that name it. */
export interface IndicatorHits {
  count: number;
  lastAt: string;
}

const hitKey = (type: string, value: string) => `${type}\u0000${value}`;

/**
 * Hits per indicator, read from the latest `scan` alerts: every capability that matches an
 * indicator raises an alert carrying it under `details.indicator` (see indicator-alert.ts).
 * Bounded: an old hit beyond the scanned window is not counted.
 */
export async function indicatorHits(db: Db, scan = 5000): Promise<(type: string, value: string) => IndicatorHits | undefined> {
  const rows = await db.selectFrom('alerts').select(['details', 'created_at']).where('details', 'like', '%"indicator"%').orderBy('created_at', 'desc').limit(scan).execute();
  const hits = new Map<string, IndicatorHits>();
  for (const r of rows) {
    const ind = fromJson<{ indicator?: { type?: unknown; value?: unknown } }>(r.details, {}).indicator;
    if (!ind || typeof ind.type !== 'string' || typeof ind.value !== 'string') continue;
    const key = hitKey(ind.type, ind.value);
    const h = hits.get(key);
    if (h) {
      h.count++;
      if (r.created_at > h.lastAt) h.lastAt = r.created_at;
    } else hits.set(key, { count: 1, lastAt: r.created_at });
  }
  return (type, value) => hits.get(hitKey(type, value));
}
