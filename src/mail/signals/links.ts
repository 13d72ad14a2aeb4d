import { ABUSED_TLDS, BRAND_NAMES, FREE_HOSTING_SUFFIXES, hostMatches, REDIRECTOR_PATTERNS, registrable, SHORTENERS } from './lists.ts';
import { hostOf } from '../analysis.ts';
import type { Hit, SignalFamily } from './types.ts';

const CREDENTIAL_PATH = /(log-?in|sign-?in|logon|verif(y|ication)|validat|unlock|oauth|password|passwd|webmail|wp-(admin|content|includes)|\/owa\/|office365|onedrive|sharepoint|docusign)/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** A host written as the visible text of a link ("www.impots.gouv.fr", "https://…"). */
function hostInText(text: string): string | undefined {
  const m = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:[/:?#]\S*)?$/i.exec(text.trim());
  return m ? m[1].toLowerCase() : undefined;
}

/** Links: where they say they go and where they really go, and what kind of place that is. */
export const linkSignals: SignalFamily = (a) => {
  const hits: Hit[] = [];
  const add = (id: Hit['id'], evidence: string) => {
    if (!hits.some((h) => h.id === id)) hits.push({ id, evidence: evidence.slice(0, 300) });
  };
  const hosts = new Set<string>();
  for (const l of a.links) {
    if (/^data:/i.test(l.href)) {
      add('links.data_uri', l.href.slice(0, 80));
      continue;
    }
    if (!l.host) continue;
    hosts.add(l.host);
    const shown = l.text ? hostInText(l.text) : undefined;
    if (shown && registrable(shown) !== registrable(l.host) && !hostMatches(l.host, [shown])) add('links.text_href_mismatch', `« ${l.text} » → ${l.href}`);
    if (IPV4.test(l.host) || l.host.includes(':')) add('links.ip_host', l.href);
    if (l.host.split('.').some((p) => p.startsWith('xn--'))) add('links.punycode_host', l.href);
    if (SHORTENERS.has(l.host)) add('links.shortener', l.href);
    if (hostMatches(l.host, FREE_HOSTING_SUFFIXES)) add('links.free_hosting', l.href);
    if (REDIRECTOR_PATTERNS.some((re) => re.test(l.host))) {
      try {
        const u = new URL(l.href);
        for (const v of u.searchParams.values()) {
          const target = /^https?:\/\//i.test(v) ? hostOf(v) : '';
          if (target && registrable(target) !== registrable(l.host)) {
            add('links.redirector', l.href);
            break;
          }
        }
      } catch {
        /* unparseable URL: nothing to follow */
      }
    }
    const tld = l.host.slice(l.host.lastIndexOf('.') + 1);
    if (ABUSED_TLDS.has(tld)) add('links.suspicious_tld', l.href);
    try {
      const path = new URL(l.href).pathname + new URL(l.href).search;
      if (CREDENTIAL_PATH.test(path) && !hostMatches(l.host, BRAND_NAMES.flatMap((b) => b.domains))) add('links.credential_path', l.href);
    } catch {
      /* ignore */
    }
  }
  // A brand named in the subject or the sender, with no link to that brand at all.
  if (hosts.size > 0) {
    const head = `${a.msg.subject} ${a.fromName}`;
    for (const b of BRAND_NAMES) {
      if (!b.domains.length || !b.name.test(head)) continue;
      const any = [...hosts].some((h) => hostMatches(h, b.domains));
      const fromBrand = hostMatches(a.fromDomain, b.domains);
      if (!any && !fromBrand) {
        add('links.brand_offsite', `${b.label}: ${[...hosts].slice(0, 3).join(', ')}`);
        break;
      }
    }
  }
  return hits;
};
