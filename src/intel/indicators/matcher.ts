import { domainToASCII } from 'node:url';
import type { Db } from '../../store/index.ts';
import type { IndicatorType } from './normalize.ts';
import { normalizeIp } from './normalize.ts';

/** What a lookup returns: the indicator that matched and where it comes from. */
export interface IndicatorMatch {
  value: string;
  type: IndicatorType;
  source: string;
  confidence: number;
  description: string | null;
  validUntil: string | null;
}

export interface IndicatorMatcher {
  /** The domain or any parent domain is listed (mail.evil.com matches evil.com). */
  matchDomain(domain: string): IndicatorMatch | undefined;
  /** The exact URL is listed, else its host (domain or IP). */
  matchUrl(url: string): IndicatorMatch | undefined;
  /** The address is listed or falls in a listed CIDR range (longest prefix wins). */
  matchIp(ip: string): IndicatorMatch | undefined;
  /** The exact address is listed, else its domain. */
  matchEmail(email: string): IndicatorMatch | undefined;
  /** md5, sha1 or sha256, any case. */
  matchHash(hash: string): IndicatorMatch | undefined;
  readonly size: number;
}

interface Entry {
  m: IndicatorMatch;
  /** Epoch ms after which it no longer matches. */
  expires: number;
}

function ipv4ToInt(s: string): number | undefined {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return undefined;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return n * 256 + part;
}

function ipv6ToBigInt(canonical: string): bigint {
  const [head, tail] = canonical.includes('::') ? canonical.split('::') : [canonical, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...new Array<string>(8 - h.length - t.length).fill('0'), ...t];
  // IPv4-mapped tail (::ffff:1.2.3.4) arrives from URL normalisation as hex groups already.
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
// Small-integer keys: V8 hashes them without allocating.
const SMI_MASK = 0x3fffffff;
const lower = (c: number) => (c >= 65 && c <= 90 ? c | 0x20 : c);

/**
 * Open-addressing hash table from 32-bit unsigned keys (IPv4 addresses, masked networks) to
 * entries. A Map would box every address above 2^30 as a heap number on each lookup.
 */
class U32Table {
  private keys: Uint32Array;
  private slots: Int32Array;
  private readonly values: Entry[] = [];
  private mask: number;
  private shift: number;
  private count = 0;

  constructor(capacity = 16) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
  }

  private index(key: number): number {
    // Fibonacci hashing takes the high bits: masked networks (x.y.z.0) have identical low bits.
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.slots[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  get(key: number): Entry | undefined {
    const s = this.slots[this.index(key)];
    return s === -1 ? undefined : this.values[s];
  }

  set(key: number, e: Entry): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const i = this.index(key);
    if (this.slots[i] === -1) {
      this.keys[i] = key;
      this.slots[i] = this.values.length;
      this.values.push(e);
      this.count++;
    } else this.values[this.slots[i]] = e;
  }

  private grow(): void {
    const { keys, slots } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.slots = new Int32Array(keys.length * 2).fill(-1);
    this.mask = this.keys.length - 1;
    this.shift = 32 - Math.log2(this.keys.length);
    for (let j = 0; j < keys.length; j++)
      if (slots[j] !== -1) {
        const i = this.index(keys[j]);
        this.keys[i] = keys[j];
        this.slots[i] = slots[j];
      }
  }
}

const mask4 = (bits: number) => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/**
 * Builds the in-memory matcher: hash maps for exact values, a parent-domain walk for domains and a
 * map per prefix length for CIDR ranges (at most 33 lookups for IPv4, usually a handful, since
 * feeds use few distinct lengths). Of several indicators on one value, the most confident is kept.
 */
export function buildIndicatorMatcher(indicators: Iterable<IndicatorMatch>, now: number = Date.now()): IndicatorMatcher {
  const exact = { domain: new Map<string, Entry>(), url: new Map<string, Entry>(), email: new Map<string, Entry>(), hash: new Map<string, Entry>(), ip6: new Map<string, Entry>() };
  const ip4 = new U32Table();
  const cidr4 = new Map<number, U32Table>();
  const cidr6 = new Map<number, Map<bigint, Entry>>();
  let size = 0;
  const put = <K>(map: { get(k: K): Entry | undefined; set(k: K, e: Entry): unknown }, key: K, m: IndicatorMatch, expires: number) => {
    const prev = map.get(key);
    if (!prev || m.confidence > prev.m.confidence) map.set(key, { m, expires });
  };
  for (const m of indicators) {
    const expires = m.validUntil ? Date.parse(m.validUntil) : Infinity;
    if (expires <= now) continue;
    size++;
    switch (m.type) {
      case 'domain':
        put(exact.domain, m.value, m, expires);
        break;
      case 'url':
        put(exact.url, m.value, m, expires);
        break;
      case 'email':
        put(exact.email, m.value, m, expires);
        break;
      case 'md5':
      case 'sha1':
      case 'sha256':
        put(exact.hash, m.value, m, expires);
        break;
      case 'ipv4': {
        const n = ipv4ToInt(m.value);
        if (n !== undefined) put(ip4, n, m, expires);
        break;
      }
      case 'ipv6':
        put(exact.ip6, m.value, m, expires);
        break;
      case 'cidr': {
        const [addr, b] = m.value.split('/');
        const bits = Number(b);
        const n4 = ipv4ToInt(addr);
        if (n4 !== undefined) {
          if (!cidr4.has(bits)) cidr4.set(bits, new U32Table());
          put(cidr4.get(bits)!, (n4 & mask4(bits)) >>> 0, m, expires);
        } else {
          const n6 = ipv6ToBigInt(addr);
          const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits);
          if (!cidr6.has(bits)) cidr6.set(bits, new Map());
          put(cidr6.get(bits)!, n6 & mask, m, expires);
        }
        break;
      }
    }
  }
  const lengths4 = [...cidr4.keys()].sort((a, b) => b - a);
  const lengths6 = [...cidr6.keys()].sort((a, b) => b - a);
  const live = (e: Entry | undefined) => (e && (e.expires === Infinity || e.expires > Date.now()) ? e.m : undefined);

  // Domains are looked up without building substrings: a hash is rolled from the end of the name
  // towards its start, and at each label boundary whose label count some listed domain has, the
  // hash is probed and a candidate verified character by character. A lookup allocates nothing,
  // which is what keeps mail triage and log scanning above a million lookups per second.
  const byHash = new Map<number, Array<{ value: string; e: Entry }>>();
  const depths = new Set<number>();
  for (const [value, e] of exact.domain) {
    depths.add(value.split('.').length);
    let h = FNV_OFFSET;
    for (let i = value.length - 1; i >= 0; i--) h = Math.imul(h ^ value.charCodeAt(i), FNV_PRIME);
    const key = h & SMI_MASK;
    const list = byHash.get(key);
    if (list) list.push({ value, e });
    else byHash.set(key, [{ value, e }]);
  }
  const maxDepth = Math.max(0, ...depths);
  const probe = (d: string, start: number, h: number): IndicatorMatch | undefined => {
    const list = byHash.get(h & SMI_MASK);
    if (!list) return undefined;
    const len = d.length - start;
    for (const c of list) {
      if (c.value.length !== len) continue;
      let same = true;
      for (let k = 0; k < len && same; k++) same = lower(d.charCodeAt(start + k)) === c.value.charCodeAt(k);
      if (same) {
        const hit = live(c.e);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  const matchDomain = (raw: string): IndicatorMatch | undefined => {
    let d = raw;
    for (let i = 0; i < d.length; i++)
      if (d.charCodeAt(i) > 127) {
        d = domainToASCII(d.toLowerCase()) || d;
        break;
      }
    let end = d.length;
    if (end && d.charCodeAt(end - 1) === 46) end--;
    if (end !== d.length) d = d.slice(0, end);
    let h = FNV_OFFSET;
    let labels = 1;
    for (let i = end - 1; i >= 0; i--) {
      const c = d.charCodeAt(i);
      if (c === 46) {
        if (depths.has(labels)) {
          const hit = probe(d, i + 1, h);
          if (hit) return hit;
        }
        if (++labels > maxDepth) return undefined;
      }
      h = Math.imul(h ^ lower(c), FNV_PRIME);
    }
    return depths.has(labels) ? probe(d, 0, h) : undefined;
  };
  const matchIp = (raw: string): IndicatorMatch | undefined => {
    const n = ipv4ToInt(raw);
    if (n !== undefined) {
      const hit = live(ip4.get(n));
      if (hit) return hit;
      for (const bits of lengths4) {
        const h = live(cidr4.get(bits)!.get((n & mask4(bits)) >>> 0));
        if (h) return h;
      }
      return undefined;
    }
    const ip = normalizeIp(raw.replace(/^\[|\]$/g, ''));
    if (!ip) return undefined;
    if (ip.type === 'ipv4') return matchIp(ip.value);
    const hit = live(exact.ip6.get(ip.value));
    if (hit || lengths6.length === 0) return hit;
    const n6 = ipv6ToBigInt(ip.value);
    for (const bits of lengths6) {
      const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits);
      const h = live(cidr6.get(bits)!.get(n6 & mask));
      if (h) return h;
    }
    return undefined;
  };
  return {
    size,
    matchDomain,
    matchIp,
    matchHash(h) {
      // Most callers pass canonical lower-case hex: try it as given before normalising.
      let e = exact.hash.get(h);
      if (!e) {
        const n = h.trim().toLowerCase();
        if (n !== h) e = exact.hash.get(n);
      }
      return live(e);
    },
    matchEmail(e) {
      const s = e.trim().toLowerCase();
      const hit = live(exact.email.get(s));
      if (hit) return hit;
      const at = s.lastIndexOf('@');
      return at >= 0 ? matchDomain(s.slice(at + 1)) : undefined;
    },
    matchUrl(u) {
      let url: URL;
      try {
        url = new URL(u.trim());
      } catch {
        return undefined;
      }
      url.hash = '';
      const hit = live(exact.url.get(url.toString()));
      if (hit) return hit;
      const host = url.hostname;
      return host.startsWith('[') || /^[\d.]+$/.test(host) ? matchIp(host) : matchDomain(host);
    },
  };
}

/** Loads the live (unexpired) indicators from the database into a matcher. */
export async function loadIndicatorMatcher(db: Db): Promise<IndicatorMatcher> {
  const now = new Date().toISOString();
  const rows = await db
    .selectFrom('intel_indicators')
    .select(['type', 'value', 'source', 'confidence', 'description', 'valid_until'])
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now)]))
    .execute();
  return buildIndicatorMatcher(rows.map((r) => ({ value: r.value, type: r.type as IndicatorType, source: r.source, confidence: r.confidence, description: r.description, validUntil: r.valid_until })));
}
