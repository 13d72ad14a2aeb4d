import { buildMatcher, type DomainMatcher, type LookalikeMatch } from './matcher.ts';

/** Longest line accepted from a feed; certstream lines with hundreds of SANs stay well under this. */
export const MAX_LINE = 64 * 1024;

export interface StreamStats {
  lines: number;
  domains: number;
  matches: number;
  skipped: number;
}

/**
 * Domains in one input line: a bare domain, or certificate-transparency JSON as certstream emits
 * it (`all_domains`, or `data.leaf_cert.all_domains`). Wildcards lose their `*.`.
 */
export function domainsOfLine(line: string): string[] | undefined {
  const s = line.trim();
  if (!s) return [];
  if (s.length > MAX_LINE) return undefined;
  if (s.startsWith('{')) {
    let j: unknown;
    try {
      j = JSON.parse(s);
    } catch {
      return undefined;
    }
    const o = j as { all_domains?: unknown; data?: { leaf_cert?: { all_domains?: unknown } } };
    const list = o.all_domains ?? o.data?.leaf_cert?.all_domains;
    if (!Array.isArray(list)) return undefined;
    return list.filter((d): d is string => typeof d === 'string' && d.length <= 253).map((d) => d.replace(/^\*\./, ''));
  }
  if (s.length > 253 || /\s/.test(s) || s.includes('\uFFFD')) return undefined;
  return [s.replace(/^\*\./, '')];
}

/** Matches every domain of a line; returns the matches, counting what could not be read. */
export function matchLine(matcher: DomainMatcher, line: string, stats: StreamStats): LookalikeMatch[] {
  stats.lines++;
  const ds = domainsOfLine(line);
  if (ds === undefined) {
    stats.skipped++;
    return [];
  }
  const out: LookalikeMatch[] = [];
  for (const d of ds) {
    stats.domains++;
    const m = matcher.match(d);
    if (m) {
      stats.matches++;
      out.push(m);
    }
  }
  return out;
}

export function newStats(): StreamStats {
  return { lines: 0, domains: 0, matches: 0, skipped: 0 };
}

export { buildMatcher };
