import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';

export const INDICATOR_TYPES = ['domain', 'url', 'ipv4', 'ipv6', 'cidr', 'email', 'md5', 'sha1', 'sha256'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

const HASH_LENGTHS: Record<string, IndicatorType> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };
const MAX_VALUE = 2048;

/** A domain in the form the matcher compares: ASCII (punycode), lower case, no trailing dot. */
export function normalizeDomainValue(raw: string): string | undefined {
  let d = raw.trim().toLowerCase();
  // Feeds "defang" their indicators so nobody clicks them: evil[.]com, hxxp://
  d = d.replace(/\[\.\]|\(\.\)|\{\.\}/g, '.').replace(/\.$/, '');
  if (!d || d.length > 253) return undefined;
  const ascii = domainToASCII(d);
  if (!ascii || !/^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(ascii)) return undefined;
  return ascii;
}

/** An IPv4 or IPv6 address in canonical text form (IPv6 compressed, lower case), or undefined. */
export function normalizeIp(raw: string): { type: 'ipv4' | 'ipv6'; value: string } | undefined {
  const s = raw.trim().replace(/\[\.\]/g, '.');
  if (isIPv4(s)) return { type: 'ipv4', value: s.split('.').map((p) => String(Number(p))).join('.') };
  if (isIPv6(s)) return { type: 'ipv6', value: new URL(`http://[${s}]/`).hostname.slice(1, -1) };
  return undefined;
}

function normalizeUrl(raw: string): string | undefined {
  const s = raw.trim().replace(/^hxxp/i, 'http').replace(/\[\.\]/g, '.');
  try {
    const u = new URL(s);
    if (!['http:', 'https:', 'ftp:'].includes(u.protocol)) return undefined;
    u.hash = '';
    return u.toString();
  } catch {
    return undefined;
  }
}

function normalizeCidr(raw: string): string | undefined {
  const [addr, bits, ...rest] = raw.trim().split('/');
  if (rest.length || bits === undefined || !/^\d{1,3}$/.test(bits)) return undefined;
  const ip = normalizeIp(addr);
  const n = Number(bits);
  if (!ip || n > (ip.type === 'ipv4' ? 32 : 128)) return undefined;
  return `${ip.value}/${n}`;
}

/** Guesses the type of a bare value from a feed or a CSV without a type column. */
export function guessIndicatorType(raw: string): IndicatorType | undefined {
  const s = raw.trim();
  if (/^[0-9a-f]+$/i.test(s) && HASH_LENGTHS[s.length]) return HASH_LENGTHS[s.length];
  if (s.includes('/') && normalizeCidr(s)) return 'cidr';
  const ip = normalizeIp(s);
  if (ip) return ip.type;
  if (/^(https?|hxxps?|ftp):\/\//i.test(s)) return 'url';
  if (/^[^@\s]+@[^@\s]+$/.test(s)) return 'email';
  if (normalizeDomainValue(s)) return 'domain';
  return undefined;
}

/**
 * Checks and canonicalises an indicator so that two feeds writing the same thing differently
 * (EVIL.com., evil[.]com) produce one row and the matcher compares like with like.
 */
export function normalizeIndicator(type: string, raw: string): { type: IndicatorType; value: string } | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_VALUE) return undefined;
  const t = type.trim().toLowerCase();
  switch (t) {
    case 'domain':
    case 'hostname':
    case 'domain-name': {
      const v = normalizeDomainValue(raw);
      return v ? { type: 'domain', value: v } : undefined;
    }
    case 'url':
    case 'link': {
      const v = normalizeUrl(raw);
      return v ? { type: 'url', value: v } : undefined;
    }
    case 'ip':
    case 'ipv4':
    case 'ipv6':
    case 'ipv4-addr':
    case 'ipv6-addr': {
      if (raw.includes('/')) {
        const c = normalizeCidr(raw);
        return c ? { type: 'cidr', value: c } : undefined;
      }
      return normalizeIp(raw);
    }
    case 'cidr': {
      const c = normalizeCidr(raw);
      return c ? { type: 'cidr', value: c } : undefined;
    }
    case 'email':
    case 'email-addr': {
      const s = raw.trim().toLowerCase();
      const at = s.lastIndexOf('@');
      const domain = at > 0 ? normalizeDomainValue(s.slice(at + 1)) : undefined;
      return domain && /^[^@\s]+$/.test(s.slice(0, at)) ? { type: 'email', value: `${s.slice(0, at)}@${domain}` } : undefined;
    }
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha-1':
    case 'sha-256': {
      const s = raw.trim().toLowerCase();
      const expected = t.replace('-', '');
      return /^[0-9a-f]+$/.test(s) && HASH_LENGTHS[s.length] === expected ? { type: expected as IndicatorType, value: s } : undefined;
    }
    case '':
    case 'auto': {
      const g = guessIndicatorType(raw);
      return g ? normalizeIndicator(g, raw) : undefined;
    }
    default:
      return undefined;
  }
}
