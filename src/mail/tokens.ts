import type { Analysis } from './signals/types.ts';

/**
 * Words of a message for the statistical model: subject and visible text, lower-cased, letters only
 * (numbers, dates and years say more about when a corpus was collected than about phishing), plus
 * the top-level domains of the links. The recipient's own name and address are removed: who the
 * message was sent to is not evidence of what it is.
 */
export function tokensOf(a: Analysis): Set<string> {
  const drop = new Set<string>();
  for (const t of a.msg.to) {
    for (const part of `${t.name} ${t.address}`.toLowerCase().split(/[^\p{L}]+/u)) if (part.length >= 3) drop.add(part);
  }
  for (const h of a.msg.headers.get('delivered-to') ?? []) for (const part of h.toLowerCase().split(/[^\p{L}]+/u)) if (part.length >= 3) drop.add(part);
  const out = new Set<string>();
  const text = a.visibleText.length > 60_000 ? a.visibleText.slice(0, 60_000) : a.visibleText;
  const re = /[\p{L}][\p{L}'’-]{2,24}/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.size < 3000) {
    const w = m[0].replace(/['’-]+$/, '');
    if (w.length >= 3 && !drop.has(w)) out.add(w);
  }
  for (const l of a.links.slice(0, 50)) {
    const tld = l.host.slice(l.host.lastIndexOf('.') + 1);
    if (/^[a-z]{2,10}$/.test(tld)) out.add(`tld:${tld}`);
  }
  if (a.links.length === 0) out.add('meta:nolinks');
  else if (a.links.length > 20) out.add('meta:manylinks');
  if (!a.html) out.add('meta:textonly');
  return out;
}
