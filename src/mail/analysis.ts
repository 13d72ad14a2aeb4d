import { domainOf, type ParsedMessage } from './parse/parse.ts';
import type { Analysis, Link } from './signals/types.ts';

const MAX_LINKS = 500;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', ecirc: 'ê' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Text a reader sees in an HTML body: tags, styles and scripts removed. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head)[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
      .replace(/<[^>]{0,2000}>/g, ' '),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n');
}

export function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return u.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
}

function extractLinks(html: string, text: string): Link[] {
  const links: Link[] = [];
  const re = /<a\b[^>]*?\bhref\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]{0,2000}?)<\/a\s*>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) && links.length < MAX_LINKS) {
    const href = decodeEntities((m[2] ?? m[3] ?? m[4] ?? '').trim());
    const inner = htmlToText(m[5] ?? '').trim().replace(/\s+/g, ' ');
    if (!href || href.startsWith('#') || href.startsWith('mailto:') || href.startsWith('tel:')) continue;
    links.push({ href, host: hostOf(href), text: inner.slice(0, 300) });
  }
  const urlRe = /\bhttps?:\/\/[^\s<>"')\]]{1,2000}/gi;
  const seen = new Set(links.map((l) => l.href));
  const source = html ? '' : text; // bare URLs in the text part; HTML links are taken above
  while ((m = urlRe.exec(source)) && links.length < MAX_LINKS) {
    const href = m[0].replace(/[.,;:!?]+$/, '');
    if (!seen.has(href)) {
      seen.add(href);
      links.push({ href, host: hostOf(href), text: '' });
    }
  }
  return links;
}

export function analyse(msg: ParsedMessage): Analysis {
  const html = msg.html;
  const visible = (html ? htmlToText(html) : msg.text).slice(0, 200_000);
  return {
    msg,
    fromAddress: msg.from?.address ?? '',
    fromDomain: domainOf(msg.from?.address),
    fromName: msg.from?.name ?? '',
    links: extractLinks(html, msg.text),
    visibleText: `${msg.subject}\n${visible}`.toLowerCase(),
    html,
  };
}
