import { domainToUnicode } from 'node:url';
import { buildMatcher, isPlainHostname, type DomainMatcher, type LookalikeMatch } from './matcher.ts';

/** Longest line accepted from a feed; certstream lines with hundreds of SANs stay well under this. */
export const MAX_LINE = 64 * 1024;

export interface StreamStats {
  lines: number;
  domains: number;
  matches: number;
  /** Lines that could not be read: too long, broken JSON, spaces, undecodable bytes. */
  skipped: number;
  /** Blank lines, skipped too but counted apart (feeds send them as keep-alives). */
  empty: number;
  /** Names read but not valid hostnames: bad characters, empty or 64+ character labels, invalid punycode. */
  invalid: number;
}

/**
 * Whether a name can be a hostname: at most 253 characters, labels of 1 to 63, letters, digits,
 * hyphens, underscores or non-ASCII letters (IDN), and punycode labels that decode.
 */
export function isHostname(d: string): boolean {
  if (d.length === 0 || d.length > 253) return false;
  let labelStart = 0;
  for (let i = 0; i <= d.length; i++) {
    const c = i < d.length ? d.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      const len = i - labelStart;
      if (len === 0 || len > 63) return false;
      if (len > 4 && (d.charCodeAt(labelStart) | 0x20) === 0x78 && (d.charCodeAt(labelStart + 1) | 0x20) === 0x6e && d.charCodeAt(labelStart + 2) === 0x2d && d.charCodeAt(labelStart + 3) === 0x2d) {
        if (!domainToUnicode(d.slice(labelStart, i))) return false;
      } else if (len === 4 && d.slice(labelStart, i).toLowerCase() === 'xn--') return false;
      labelStart = i + 1;
      continue;
    }
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || (c >= 0xa0 && c !== 0xfffd);
    if (!ok) return false;
  }
  return true;
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

/**
 * Matches a batch of lines, calling `onMatch` for each lookalike. A line that is already a plain
 * lowercase hostname (nearly every line of a name list) goes straight to the matcher; anything
 * else (JSON, wildcards, spaces, capitals, IDN) through `matchLine`.
 */
export function matchLines(matcher: DomainMatcher, lines: readonly string[], stats: StreamStats, onMatch: (m: LookalikeMatch) => void): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 0 && line.length <= 253 && line.indexOf('xn--') < 0 && isPlainHostname(line)) {
      stats.lines++;
      stats.domains++;
      const m = matcher.match(line);
      if (m) {
        stats.matches++;
        onMatch(m);
      }
    } else for (const m of matchLine(matcher, line, stats)) onMatch(m);
  }
}

/** Matches every domain of a line; returns the matches, counting what could not be read. */
export function matchLine(matcher: DomainMatcher, line: string, stats: StreamStats): LookalikeMatch[] {
  stats.lines++;
  const ds = domainsOfLine(line);
  if (ds === undefined) {
    stats.skipped++;
    return [];
  }
  if (ds.length === 0 && line.trim() === '') stats.empty++;
  const out: LookalikeMatch[] = [];
  for (const d of ds) {
    stats.domains++;
    if (!isHostname(d.endsWith('.') ? d.slice(0, -1) : d)) {
      stats.invalid++;
      continue;
    }
    const m = matcher.match(d);
    if (m) {
      stats.matches++;
      out.push(m);
    }
  }
  return out;
}

export function newStats(): StreamStats {
  return { lines: 0, domains: 0, matches: 0, skipped: 0, empty: 0, invalid: 0 };
}

export { buildMatcher };
