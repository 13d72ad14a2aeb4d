/**
 * What every capability needs to know about the organisation it protects. Pure data: mail triage,
 * the lookalike matcher and drills take it as an argument, tests build it by hand.
 */
export interface StaffMember {
  fullName: string;
  email: string;
  aliases: string[];
  department?: string | null;
  role?: string | null;
  lang?: 'fr' | 'en';
}

export interface OrgContext {
  /** The organisation's display name, e.g. "En Marche !". */
  name: string;
  /** Domains the organisation owns (its mail comes from these). */
  protectedDomains: string[];
  /** Trusted outside domains (printer, bank, agency) whose mail is expected. */
  partnerDomains: string[];
  /** Well-known brands to watch for impersonation, in addition to the built-in list. */
  brandDomains: string[];
  /**
   * The organisation's brand model: its own domains and brands with their other names and
   * whether the name is an ordinary word (set with `org domains add --alias --common`).
   */
  brands?: BrandModel[];
  staff: StaffMember[];
  /** Languages the organisation writes in (ISO 639-1); mail triage assumes French and English when absent. */
  languages?: string[];
}

/** One brand of the organisation's model, as the lookalike matcher takes it (domains' BrandSpec). */
export interface BrandModel {
  name: string;
  domains: string[];
  aliases?: string[];
  common?: boolean;
  /** The organisation's own name: judged by the stricter rules for its own domains. */
  own?: boolean;
}

export const emptyOrgContext: OrgContext = { name: '', protectedDomains: [], partnerDomains: [], brandDomains: [], staff: [] };

/** Lower-cased, trailing-dot-free, IDN in punycode ("xn--"), or undefined when not a domain. */
export function normalizeDomain(input: string): string | undefined {
  const s = input.trim().toLowerCase().replace(/\.$/, '');
  if (!s || s.length > 253 || /[\s/@:?#]/.test(s)) return undefined;
  try {
    const host = new URL(`http://${s}`).hostname;
    if (!host.includes('.') || host.split('.').some((l) => l.length === 0 || l.length > 63)) return undefined;
    return host;
  } catch {
    return undefined;
  }
}
