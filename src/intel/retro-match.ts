import { raiseAlert } from '../alerts/index.ts';
import type { Store } from '../store/index.ts';
import { scanFindings } from './export/findings.ts';
import { loadIndicatorMatcher, type IndicatorMatch, type IndicatorMatcher } from './indicators/matcher.ts';
import type { Finding } from './export/stix.ts';
import { indicatorAlertFor } from './indicator-alert.ts';

function lookup(m: IndicatorMatcher, o: Finding['observables'][number]): IndicatorMatch | undefined {
  switch (o.type) {
    case 'domain':
      return m.matchDomain(o.value);
    case 'url':
      return m.matchUrl(o.value);
    case 'email':
      return m.matchEmail(o.value);
    case 'ipv4':
    case 'ipv6':
      return m.matchIp(o.value);
    case 'md5':
    case 'sha1':
    case 'sha256':
      return m.matchHash(o.value);
    default:
      return undefined;
  }
}

/**
 * Looks what other capabilities already reported (their alerts' observables) up against the
 * indicators, so a feed imported today names the lookalike domain registered last month. Each
 * (alert, indicator) pair raises at most one alert, however often this runs.
 */
export async function retroMatch(store: Store, opts: { since?: string } = {}): Promise<{ scanned: number; matches: number; alerts: number }> {
  const m = await loadIndicatorMatcher(store.db);
  let scanned = 0;
  let matches = 0;
  let alerts = 0;
  if (m.size === 0) return { scanned, matches, alerts };
  let after: { at: string; id: string } | undefined;
  for (;;) {
    const page = await scanFindings(store.db, { since: opts.since, after, limit: 500 });
    for (const f of page.findings) {
      if (f.source === 'intel') continue;
      scanned++;
      for (const o of f.observables) {
        const hit = lookup(m, o);
        if (!hit) continue;
        matches++;
        const input = indicatorAlertFor('intel', hit, f.title, { alertId: f.id, observed: o });
        const r = await raiseAlert(store, { ...input, dedupKey: `intel:retro:${f.id}:${hit.type}:${hit.value}`.slice(0, 300), dedupWindowMs: 3650 * 86400_000 });
        if (r.created) alerts++;
      }
    }
    if (page.done) break;
    after = page.last;
  }
  return { scanned, matches, alerts };
}
