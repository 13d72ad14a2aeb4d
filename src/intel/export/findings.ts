import { loadOrgContext } from '../../org/index.ts';
import { fromJson, type Db } from '../../store/index.ts';
import { normalizeIndicator, type IndicatorType } from '../indicators/normalize.ts';
import type { Finding } from './stix.ts';

// Keys under which capabilities put what they saw in an alert's details.
const OBSERVABLE_KEYS: Record<string, string> = {
  domain: 'domain',
  domains: 'domain',
  lookalike: 'domain',
  senderDomain: 'domain',
  url: 'url',
  urls: 'url',
  links: 'url',
  ip: 'ip',
  ips: 'ip',
  sourceIp: 'ip',
  from: 'email',
  sender: 'email',
  email: 'email',
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  attachmentSha256: 'sha256',
};
const KIND: Record<string, string> = { mail: 'phishing', domains: 'lookalike', sensors: 'sensor', watch: 'cluster', leaks: 'leak', intel: 'intel' };

function values(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Findings to share, read from alerts: the observables capabilities put in their details, minus
 * the organisation's own domains and staff addresses (sharing those as "malicious" would be wrong
 * and would leak who works where).
 */
export async function findingsFromAlerts(db: Db, opts: { since?: string; after?: { at: string; id: string }; limit?: number } = {}): Promise<Finding[]> {
  return (await scanFindings(db, opts)).findings;
}

/** One page of alerts turned into findings, and where the page stopped (for TAXII pagination). */
export async function scanFindings(
  db: Db,
  opts: { since?: string; after?: { at: string; id: string }; limit?: number },
): Promise<{ findings: Finding[]; last?: { at: string; id: string }; done: boolean }> {
  const org = await loadOrgContext(db);
  const own = new Set([...org.protectedDomains, ...org.partnerDomains].map((d) => d.toLowerCase()));
  const staff = new Set(org.staff.flatMap((s) => [s.email, ...s.aliases]).map((e) => e.toLowerCase()));
  const isOwnDomain = (d: string) => [...own].some((o) => d === o || d.endsWith(`.${o}`));
  let q = db.selectFrom('alerts').selectAll().orderBy('created_at').orderBy('id');
  if (opts.since) q = q.where('created_at', '>', opts.since);
  const after = opts.after;
  if (after) q = q.where((eb) => eb.or([eb('created_at', '>', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '>', after.id)])]));
  const limit = opts.limit ?? 1000;
  const rows = await q.limit(limit).execute();
  const out: Finding[] = [];
  for (const a of rows) {
    const details = fromJson<Record<string, unknown>>(a.details, {});
    const observables: Finding['observables'] = [];
    for (const [key, type] of Object.entries(OBSERVABLE_KEYS)) {
      for (const raw of values(details[key])) {
        const addr = type === 'email' ? (/<([^>]+)>/.exec(raw)?.[1] ?? raw) : raw;
        const n = normalizeIndicator(type, addr);
        if (!n) continue;
        const domain = n.type === 'domain' ? n.value : n.type === 'email' ? n.value.split('@')[1] : n.type === 'url' ? new URL(n.value).hostname : undefined;
        if ((domain && isOwnDomain(domain)) || (n.type === 'email' && staff.has(n.value))) continue;
        if (!observables.some((o) => o.type === n.type && o.value === n.value)) observables.push({ type: n.type as IndicatorType, value: n.value });
      }
    }
    const techniques = values(details.techniques).filter((t) => /^T\d{4}(\.\d{3})?$/.test(t));
    if (!observables.length && !techniques.length) continue;
    out.push({ id: a.id, kind: KIND[a.source] ?? a.source, title: a.title, seenAt: a.created_at, source: a.source, observables, techniques });
  }
  const lastRow = rows.at(-1);
  return { findings: out, last: lastRow ? { at: lastRow.created_at, id: lastRow.id } : opts.after, done: rows.length < limit };
}
