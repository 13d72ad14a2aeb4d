/**
 * Rempart as a MISP feed: what a MISP instance subscribes to (Sync → Feeds → "MISP Feed" pointing at
 * `/api/v1/intel/feed/misp/`, or a local directory written by `rempart intel export --format
 * misp-feed --out DIR`). A feed is `manifest.json` (one entry per event, keyed by uuid, with its
 * timestamp so MISP fetches only what changed), one `<uuid>.json` per event and `hashes.csv`.
 */
import { createHash } from 'node:crypto';
import { loadOrgContext } from '../../org/index.ts';
import type { Db } from '../../store/index.ts';
import { listIndicators } from '../indicators/store.ts';
import { mispContext } from '../misp-store.ts';
import { findingsFromAlerts } from './findings.ts';
import { exportMispEvent } from './misp.ts';

export interface MispExportQuery {
  since?: string;
  indicators?: 'all' | 'none';
  maxIndicators?: number;
  maxFindings?: number;
}

/** Everything one export covers, with the MISP context of imported indicators. */
export async function gatherMispExport(db: Db, q: MispExportQuery = {}) {
  const org = await loadOrgContext(db);
  const indicators = q.indicators === 'none' ? [] : await listIndicators(db, { limit: q.maxIndicators ?? 100_000 });
  const findings = await findingsFromAlerts(db, { since: q.since, limit: q.maxFindings ?? 10_000 });
  const misp = await mispContext(
    db,
    indicators.map((i) => i.id),
  );
  return { orgName: org.name || 'Rempart', indicators, findings, misp };
}

export interface MispFeed {
  manifest: Record<string, Record<string, unknown>>;
  events: Map<string, { Event: Record<string, unknown> }>;
  hashes: string;
}

/**
 * The feed's events: Rempart's own findings, one event per kind (phishing, lookalike, sensor…), and
 * the indicators the organisation holds as one more. Each event's uuid is stable per scope.
 */
export async function buildMispFeed(db: Db, q: MispExportQuery = {}): Promise<MispFeed> {
  const all = await gatherMispExport(db, q);
  const scopes: Array<{ scope: string; input: Parameters<typeof exportMispEvent>[0] }> = [];
  const kinds = [...new Set(all.findings.map((f) => f.kind))].sort();
  for (const kind of kinds) scopes.push({ scope: `findings:${kind}`, input: { orgName: all.orgName, indicators: [], findings: all.findings.filter((f) => f.kind === kind), scope: `findings:${kind}` } });
  if (all.indicators.length) scopes.push({ scope: 'indicators', input: { orgName: all.orgName, indicators: all.indicators, findings: [], misp: all.misp, scope: 'indicators' } });
  const manifest: MispFeed['manifest'] = {};
  const events: MispFeed['events'] = new Map();
  const hashLines: string[] = [];
  for (const { input } of scopes) {
    const e = exportMispEvent(input);
    const ev = e.Event;
    const uuid = String(ev.uuid);
    events.set(uuid, e);
    manifest[uuid] = { info: ev.info, date: ev.date, timestamp: ev.timestamp, threat_level_id: ev.threat_level_id, analysis: ev.analysis, Orgc: ev.Orgc, Tag: ev.Tag };
    const attrs = [...(ev.Attribute as Array<{ value: string }>), ...((ev.Object as Array<{ Attribute: Array<{ value: string }> }> | undefined) ?? []).flatMap((o) => o.Attribute)];
    for (const a of attrs) hashLines.push(`${createHash('md5').update(a.value).digest('hex')},${uuid}`);
  }
  return { manifest, events, hashes: hashLines.length ? `${hashLines.join('\n')}\n` : '' };
}
