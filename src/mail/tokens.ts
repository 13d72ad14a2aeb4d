import type { Analysis } from './signals/types.ts';

/**
 * Words that identify who collected a corpus or when, not what a message is: the honeypot's
 * anonymised address and owner in the phishing collection, month and day names (the legitimate
 * corpus is from August–October 2002), the legitimate corpus's anonymised domain (taint.org). The model never sees them, so it cannot learn them.
 */
const NOT_EVIDENCE = new Set([
  'pot', 'rodrigo', 'rodrigo-f-p', 'rodrigofp', 'peixoto', 'rf-peixoto', 'taint',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
]);

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/giu;
// Starts only where a word starts (the look-behind), so a long text without '@' is read once, not once per letter.
const ADDRESS_IN_TEXT = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@([\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){1,8})/gu;

/**
 * Words of a message for the statistical model: subject and visible text, lower-cased, letters only
 * (numbers, dates and years say more about when a corpus was collected than about phishing), plus
 * the top-level domains of the links and the mail domains written in the text. Addresses and URLs
 * written in the text are taken out before words are read (who and where are not wording), the
 * recipient's own name and address are removed (who the message was sent to is not evidence of
 * what it is), and typographic apostrophes are made plain (they tell the mail client's age).
 */
export function tokensOf(a: Analysis): Set<string> {
  const drop = new Set<string>();
  for (const t of a.msg.to) {
    for (const part of `${t.name} ${t.address}`.toLowerCase().split(/[^\p{L}]+/u)) if (part.length >= 3) drop.add(part);
  }
  for (const h of a.msg.headers.get('delivered-to') ?? []) for (const part of h.toLowerCase().split(/[^\p{L}]+/u)) if (part.length >= 3) drop.add(part);
  const out = new Set<string>();
  let text = a.visibleText.length > 60_000 ? a.visibleText.slice(0, 60_000) : a.visibleText;
  if (text.includes('://') || text.includes('www.')) text = text.replace(URL_IN_TEXT, ' ');
  if (text.includes('@')) text = text.replace(ADDRESS_IN_TEXT, (_m, domain: string) => {
    const d = domain.toLowerCase();
    // taint.org is how the legitimate corpus anonymised its addresses, as phishing@pot is for the other.
    if (out.size < 50 && !d.endsWith('taint.org') && d !== 'pot') out.add(`maildomain:${d}`);
    return ' ';
  });
  text = text.replace(/[’‘ʼ`]/g, "'");
  const re = /[\p{L}][\p{L}'-]{2,24}/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.size < 3000) {
    const w = m[0].replace(/['-]+$/, '');
    if (w.length >= 3 && !NOT_EVIDENCE.has(w) && !drop.has(w) && !w.includes('phishing') /* phishing@pot, also glued to other words */) out.add(w);
  }
  for (const l of a.links.slice(0, 50)) {
    const tld = l.host.slice(l.host.lastIndexOf('.') + 1);
    if (/^[a-z]{2,10}$/.test(tld)) out.add(`tld:${tld}`);
  }
  return out;
}
