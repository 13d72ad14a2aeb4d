import type { InfrastructureEvidence } from './attribution.ts';
import type { IndicatorMatch, IndicatorMatcher } from './indicators/matcher.ts';
import { guessIndicatorType } from './indicators/normalize.ts';
import type { Group, Knowledge } from './knowledge.ts';

/**
 * Infrastructure evidence: the incident's observables looked up against the stored indicators, and
 * the actor each matched indicator is tagged with read from what the import stored — the source
 * label (MISP event "info", report title) and description, where MISP galaxy tags and report names
 * put the actor ("Pawn Storm", "misp-galaxy:threat-actor=\"Sofacy\""). An actor name is any ATT&CK
 * or MISP name/alias of at least 4 characters, matched as a whole word. A name shared by several
 * groups spreads the evidence over them (counted as ambiguous).
 */
export interface InfrastructureLookup {
  evidence: InfrastructureEvidence[];
  /** Observables with no matching indicator, and matched indicators naming no known actor. */
  unmatched: string[];
  untagged: string[];
  ambiguous: string[];
  /** Too many observables: the rest were not looked up. */
  skipped: number;
}

const MAX_OBSERVABLES = 1000;

function actorIndex(k: Knowledge): Array<{ re: RegExp; name: string; groups: Group[] }> {
  const byName = new Map<string, Group[]>();
  for (const g of k.groups)
    for (const n of new Set([g.name, ...g.aliases].map((a) => a.trim()).filter((a) => a.length >= 4))) {
      const key = n.toLowerCase();
      const list = byName.get(key) ?? [];
      if (!list.includes(g)) list.push(g);
      byName.set(key, list);
    }
  return [...byName.entries()]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([n, groups]) => ({ re: new RegExp(`(^|[^\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu'), name: n, groups }));
}

function lookup(m: IndicatorMatcher, raw: string): IndicatorMatch | undefined {
  const s = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return m.matchUrl(s);
  const t = guessIndicatorType(s);
  if (t === 'md5' || t === 'sha1' || t === 'sha256') return m.matchHash(s);
  if (t === 'ipv4' || t === 'ipv6' || t === 'cidr') return m.matchIp(s);
  if (t === 'email') return m.matchEmail(s);
  return m.matchDomain(s);
}

export function infrastructureEvidence(k: Knowledge, matcher: IndicatorMatcher, observables: string[]): InfrastructureLookup {
  const out: InfrastructureLookup = { evidence: [], unmatched: [], untagged: [], ambiguous: [], skipped: Math.max(0, observables.length - MAX_OBSERVABLES) };
  const index = actorIndex(k);
  for (const o of observables.slice(0, MAX_OBSERVABLES)) {
    const hit = lookup(matcher, o);
    if (!hit) {
      out.unmatched.push(o);
      continue;
    }
    const text = `${hit.source} ${hit.description ?? ''}`;
    const found = index.find((a) => a.re.test(text));
    if (!found) {
      out.untagged.push(o);
      continue;
    }
    if (found.groups.length > 1) out.ambiguous.push(o);
    out.evidence.push({ observed: o, indicator: hit.value, source: hit.source, confidence: hit.confidence, groups: found.groups.map((g) => g.id), actor: found.name });
  }
  return out;
}
