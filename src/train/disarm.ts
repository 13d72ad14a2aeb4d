import { Parser } from 'htmlparser2';
import { escapeHtml } from './markdown.ts';

/** What the disarming removed or neutralised, for the cue panel and for tests. */
export interface DisarmReport {
  links: Array<{ text: string; href: string }>;
  blockedImages: string[];
  removedElements: Record<string, number>;
  formFields: string[];
  truncated: boolean;
}

const MAX_INPUT = 1024 * 1024;
const MAX_DEPTH = 64;
const MAX_ELEMENTS = 10_000;
/**
 * The tokenizer's own open-element bookkeeping is quadratic in nesting depth (200,000 nested
 * <div> took 24 s), so input is cut before the tag that exceeds this count: an email with more
 * tags than that is not one a person reads.
 */
const MAX_TAGS = 10_000;

function cutAtTagLimit(s: string): string | undefined {
  const re = /<[a-zA-Z/!]/g;
  let n = 0;
  while (re.exec(s)) {
    if (++n > MAX_TAGS) return s.slice(0, re.lastIndex - 2);
  }
  return undefined;
}

/** Kept as bare elements, every attribute dropped. */
const ALLOWED = new Set([
  'p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'hr', 'center', 'font',
]);
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'base', 'area', 'col', 'embed', 'param', 'source', 'track', 'wbr']);
/** Dropped with everything inside: code, styles, embedded documents, hidden metadata. */
const DROP_WITH_CONTENT = new Set(['script', 'style', 'head', 'title', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'noscript', 'noembed', 'noframes', 'video', 'audio', 'canvas', 'select', 'textarea', 'link', 'meta', 'base']);
/** Re-rendered headings are demoted so an email cannot break the page outline (axe heading order). */
const RENAMED: Record<string, string> = { h1: 'p', h2: 'p', h3: 'p', h4: 'p', h5: 'p', h6: 'p', center: 'div', font: 'span' };

export interface DisarmLabels {
  link: string;
  noTarget: string;
  image: string;
  form: string;
  field: string;
  /** ' : ' in French, ': ' in English. */
  colon: string;
}
const LABELS: Record<'fr' | 'en', DisarmLabels> = {
  fr: { link: 'lien désactivé vers', noTarget: 'lien sans destination', image: 'image distante bloquée', form: 'formulaire désactivé', field: 'champ', colon: '\u00a0: ' },
  en: { link: 'disarmed link to', noTarget: 'link without a target', image: 'remote image blocked', form: 'form disabled', field: 'field', colon: ': ' },
};

/**
 * Rebuilds an email's HTML for display inside Rempart, from a real HTML tokenizer (htmlparser2)
 * and an allow-list: no attribute survives, so no style, event handler or URL reaches the page;
 * scripts, styles and embedded documents go with their content; every link becomes text followed
 * by its real target; every image becomes a placeholder naming its host (nothing is fetched, so no
 * tracking pixel fires); forms and their fields become visible placeholders so the reader still
 * sees that the message asked for a password. Bounded in size, depth and element count.
 */
export function disarmEmailHtml(input: string, lang: 'fr' | 'en' = 'fr'): { html: string; report: DisarmReport } {
  const L = LABELS[lang];
  const report: DisarmReport = { links: [], blockedImages: [], removedElements: {}, formFields: [], truncated: input.length > MAX_INPUT };
  let src = report.truncated ? input.slice(0, MAX_INPUT) : input;
  const cut = cutAtTagLimit(src);
  if (cut !== undefined) {
    src = cut;
    report.truncated = true;
  }
  const out: string[] = [];
  // Open elements we emitted, with what closes them.
  const stack: Array<{ tag: string; close: string; link?: { href: string; text: string } }> = [];
  let dropDepth = 0;
  let dropTag = '';
  let elements = 0;
  const removed = (tag: string) => (report.removedElements[tag] = (report.removedElements[tag] ?? 0) + 1);
  const currentLink = () => {
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i].link) return stack[i].link;
    return undefined;
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (dropDepth > 0) {
          if (name === dropTag && !VOID.has(name)) dropDepth++;
          return;
        }
        if (DROP_WITH_CONTENT.has(name)) {
          removed(name);
          if (!VOID.has(name)) {
            dropDepth = 1;
            dropTag = name;
          }
          return;
        }
        elements++;
        const budget = elements <= MAX_ELEMENTS && stack.length < MAX_DEPTH;
        if (name === 'a') {
          const href = (attrs.href ?? '').trim().slice(0, 500);
          const link = { href, text: '' };
          report.links.push(link);
          if (budget && !currentLink()) {
            out.push('<span class="disarmed-link">');
            stack.push({ tag: 'a', close: '</span>', link });
          } else removed('a');
          return;
        }
        if (name === 'img') {
          const s = (attrs.src ?? '').trim();
          let where = s.startsWith('data:') ? 'data:' : s.startsWith('cid:') ? 'cid:' : '';
          if (!where) {
            try {
              where = new URL(s).host;
            } catch {
              where = '?';
            }
          }
          report.blockedImages.push(s.slice(0, 500));
          const alt = (attrs.alt ?? '').trim().slice(0, 100);
          out.push(`<span class="disarmed-image">[${escapeHtml(L.image)}${L.colon}${escapeHtml(where)}${alt ? ` « ${escapeHtml(alt)} »` : ''}]</span>`);
          return;
        }
        if (name === 'form') {
          removed('form');
          if (budget) {
            out.push(`<div class="disarmed-form"><span class="disarmed-label">[${escapeHtml(L.form)}]</span>`);
            stack.push({ tag: 'form', close: '</div>' });
          }
          return;
        }
        if (name === 'input' || name === 'button') {
          removed(name);
          const type = (attrs.type ?? (name === 'button' ? 'button' : 'text')).toLowerCase().slice(0, 20);
          if (name === 'input' && !['hidden', 'submit', 'button', 'image', 'reset'].includes(type)) {
            report.formFields.push(type);
            const label = (attrs.placeholder ?? attrs.name ?? '').slice(0, 60);
            out.push(`<span class="disarmed-field">[${escapeHtml(L.field)} ${escapeHtml(type)}${label ? ` « ${escapeHtml(label)} »` : ''}]</span>`);
          } else if (name === 'input' && (type === 'submit' || type === 'button') && attrs.value) {
            out.push(`<span class="disarmed-field">[${escapeHtml(attrs.value.slice(0, 60))}]</span>`);
          }
          if (name === 'button' && budget) {
            out.push('<span class="disarmed-field">[');
            stack.push({ tag: 'button', close: ']</span>' });
          }
          return;
        }
        if (!ALLOWED.has(name)) {
          // Unknown element (custom tags, html, body…): keep its text, drop the element.
          if (!['html', 'body'].includes(name)) removed(name);
          return;
        }
        if (!budget) return;
        const tag = RENAMED[name] ?? name;
        out.push(`<${tag}>`);
        if (!VOID.has(name)) stack.push({ tag: name, close: `</${tag}>` });
      },
      ontext(text) {
        if (dropDepth > 0) return;
        const link = currentLink();
        if (link && link.text.length < 500) link.text += text;
        out.push(escapeHtml(text));
      },
      onclosetag(name, isImplied) {
        if (dropDepth > 0) {
          if (name === dropTag && !isImplied) dropDepth--;
          else if (name === dropTag) dropDepth--;
          return;
        }
        const i = stack.map((s) => s.tag).lastIndexOf(name);
        if (i < 0) return;
        while (stack.length > i) {
          const el = stack.pop();
          if (!el) break;
          out.push(el.close);
          if (el.link) out.push(targetNote(el.link, L));
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(src);
  parser.end();
  while (stack.length) {
    const el = stack.pop();
    if (!el) break;
    out.push(el.close);
    if (el.link) out.push(targetNote(el.link, L));
  }
  for (const l of report.links) l.text = l.text.replace(/\s+/g, ' ').trim();
  return { html: out.join(''), report };
}

function targetNote(link: { href: string }, L: DisarmLabels): string {
  return link.href
    ? ` <span class="link-target">[${escapeHtml(L.link)} <code>${escapeHtml(link.href)}</code>]</span>`
    : ` <span class="link-target">[${escapeHtml(L.noTarget)}]</span>`;
}
