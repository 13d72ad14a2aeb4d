import { hostMatches, BRAND_NAMES, FREEMAIL, registrable } from './lists.ts';
import type { Hit, SignalFamily } from './types.ts';
import { domainOf } from '../parse/parse.ts';

function normName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Who the message claims to be from: a colleague's name from outside, a brand's name from an
 * unrelated domain, replies diverted elsewhere, an official tone from free webmail.
 */
export const senderSignals: SignalFamily = (a, ctx) => {
  const hits: Hit[] = [];
  const fromDomain = a.fromDomain;
  const own = [...ctx.org.protectedDomains, ...ctx.org.partnerDomains];
  const internal = fromDomain !== '' && hostMatches(fromDomain, own);
  const name = normName(a.fromName);

  if (name && !internal && fromDomain) {
    // A colleague's full name (either order) on an outside address: the 2017 pattern.
    for (const s of ctx.org.staff) {
      const n = normName(s.fullName);
      if (n.split(' ').length < 2) continue;
      const reversed = n.split(' ').reverse().join(' ');
      const ownAddresses = [s.email, ...s.aliases].map((x) => x.toLowerCase());
      if ((name === n || name === reversed || name.includes(n)) && !ownAddresses.includes(a.fromAddress)) {
        hits.push({ id: 'sender.staff_impersonation', evidence: `${a.fromName} <${a.fromAddress}>` });
        break;
      }
    }
    if (ctx.org.name) {
      const org = normName(ctx.org.name);
      if (org.length >= 4 && name.includes(org)) hits.push({ id: 'sender.org_name_in_name', evidence: `${a.fromName} <${a.fromAddress}>` });
    }
    for (const b of BRAND_NAMES) {
      if (b.domains.length && b.name.test(a.fromName) && !hostMatches(fromDomain, b.domains)) {
        hits.push({ id: 'sender.brand_in_name', evidence: `${a.fromName} <${a.fromAddress}> (${b.label})` });
        break;
      }
    }
  }
  const inName = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(a.fromName)?.[0]?.toLowerCase();
  if (inName && inName !== a.fromAddress && registrable(domainOf(inName)) !== registrable(fromDomain)) hits.push({ id: 'sender.address_in_name', evidence: a.fromName });

  const replyTo = a.msg.replyTo.map((r) => r.address).filter(Boolean);
  for (const r of replyTo) {
    const rd = domainOf(r);
    if (!rd || !fromDomain) continue;
    if (registrable(rd) !== registrable(fromDomain)) {
      hits.push({ id: FREEMAIL.has(rd) ? 'sender.reply_to_freemail' : 'sender.reply_to_mismatch', evidence: `Reply-To: ${r} (From: ${a.fromAddress})` });
      break;
    }
  }
  if (FREEMAIL.has(fromDomain) && /\b(service client|customer service|support team|security team|service de s[ée]curit[ée]|administrat(eur|or)|help ?desk|account (team|department)|billing|facturation)\b/i.test(a.fromName))
    hits.push({ id: 'sender.freemail_official', evidence: `${a.fromName} <${a.fromAddress}>` });
  return hits;
};
