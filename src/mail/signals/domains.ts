import type { Hit, SignalFamily } from './types.ts';

/** Lookalikes of the organisation's domains and of well-known brands, on the sender and on links (one shared matcher). */
export const domainSignals: SignalFamily = (a, ctx) => {
  const hits: Hit[] = [];
  if (a.fromDomain) {
    const m = ctx.matcher.match(a.fromDomain);
    if (m && m.score >= (m.target === 'brand' ? 0.7 : 0.6)) hits.push({ id: 'sender.lookalike_domain', evidence: `${a.fromAddress}: ${m.unicode} imitates ${m.protected} (${m.kind}; ${m.evidence})` });
  }
  const seen = new Set<string>();
  for (const l of a.links) {
    if (!l.host || seen.has(l.host)) continue;
    seen.add(l.host);
    const m = ctx.matcher.match(l.host);
    if (m && m.score >= (m.target === 'brand' ? 0.7 : 0.6)) {
      hits.push({ id: 'links.lookalike_domain', evidence: `${l.href.slice(0, 200)}: ${m.unicode} imitates ${m.protected} (${m.kind}; ${m.evidence})` });
      break;
    }
  }
  if (ctx.indicators) {
    for (const host of [a.fromDomain, ...seen]) {
      const hit = host ? ctx.indicators.domain(host) : undefined;
      if (hit) {
        hits.push({ id: 'links.known_bad', evidence: `${host} (${hit.source})` });
        break;
      }
    }
  }
  return hits;
};
