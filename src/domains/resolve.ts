import { Resolver } from 'node:dns/promises';

/**
 * What a lookalike resolves to. An MX record means the attacker can receive replies and is close
 * to sending mail; A/AAAA means a page is (or will be) up; NS shows who hosts the zone.
 */
export interface DnsResolution {
  a: string[];
  aaaa: string[];
  mx: Array<{ exchange: string; priority: number }>;
  ns: string[];
  resolvedAt: string;
  /** Record types that failed for another reason than "no such name / no data" (timeout, refused). */
  errors?: string[];
}

/** The four lookups used; node:dns/promises `Resolver` has them, tests may pass a fake. */
export interface DnsLookups {
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  resolveMx(name: string): Promise<Array<{ exchange: string; priority: number }>>;
  resolveNs(name: string): Promise<string[]>;
}

export interface ResolverOptions {
  /** DNS servers ("192.0.2.1", "127.0.0.1:5353", "[::1]:53"); the system's when absent. */
  servers?: string[];
  /** Per query attempt, in ms. */
  timeoutMs?: number;
  tries?: number;
}

/** A node:dns resolver pointed at the given servers, with a timeout per attempt. */
export function createDnsResolver(opts: ResolverOptions = {}): Resolver {
  const r = new Resolver({ timeout: opts.timeoutMs ?? 2000, tries: opts.tries ?? 2 });
  if (opts.servers?.length) r.setServers(opts.servers);
  return r;
}

/** Records kept per type: a hostile zone can answer with hundreds. */
const MAX_RECORDS = 16;
const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'ENONAME']);

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (t = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), ms)))]).finally(() => clearTimeout(t));
}

/**
 * Resolves A, AAAA, MX and NS of a domain in parallel. Never throws: a missing record is an empty
 * list, any other failure is named in `errors`; the whole lookup is bounded by `timeoutMs`.
 */
export async function resolveDomain(lookups: DnsLookups, domain: string, opts: { timeoutMs?: number; now?: Date } = {}): Promise<DnsResolution> {
  const ms = opts.timeoutMs ?? 5000;
  const errors: string[] = [];
  const run = async <T>(type: string, f: () => Promise<T[]>): Promise<T[]> => {
    try {
      const list = await withTimeout(f(), ms);
      return Array.isArray(list) ? list.slice(0, MAX_RECORDS) : [];
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'ERROR';
      if (!ABSENT.has(code)) errors.push(`${type}:${code}`);
      return [];
    }
  };
  const [a, aaaa, mx, ns] = await Promise.all([
    run('A', () => lookups.resolve4(domain)),
    run('AAAA', () => lookups.resolve6(domain)),
    run('MX', () => lookups.resolveMx(domain)),
    run('NS', () => lookups.resolveNs(domain)),
  ]);
  const clip = (s: unknown) => String(s).slice(0, 253);
  const out: DnsResolution = {
    a: a.map(clip),
    aaaa: aaaa.map(clip),
    mx: mx.map((m) => ({ exchange: clip(m.exchange), priority: Number(m.priority) || 0 })).sort((x, y) => x.priority - y.priority),
    ns: ns.map(clip),
    resolvedAt: (opts.now ?? new Date()).toISOString(),
  };
  if (errors.length) out.errors = errors;
  return out;
}

/** One short line for a terminal or an alert: "A 192.0.2.7 · MX mx.evil.net · NS ns1.evil.net". */
export function describeResolution(r: DnsResolution): string {
  const parts: string[] = [];
  if (r.a.length) parts.push(`A ${r.a.join(', ')}`);
  if (r.aaaa.length) parts.push(`AAAA ${r.aaaa.join(', ')}`);
  if (r.mx.length) parts.push(`MX ${r.mx.map((m) => m.exchange).join(', ')}`);
  if (r.ns.length) parts.push(`NS ${r.ns.join(', ')}`);
  return parts.join(' · ') || (r.errors?.length ? `not resolved (${r.errors.join(', ')})` : 'does not resolve');
}
