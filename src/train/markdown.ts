import { Marked, type Tokens } from 'marked';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for an HTML text node or a quoted attribute. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

/** Links a lesson may carry: web pages, mail addresses, and paths inside Rempart. */
export function safeHref(href: string): string | undefined {
  const h = href.trim();
  if (/^(https?:|mailto:)/i.test(h)) return h;
  if (/^[/#]/.test(h) && !h.startsWith('//')) return h;
  return undefined;
}

/**
 * Markdown renderer for lesson content. Raw HTML in a lesson is shown as text, never interpreted
 * (a contributor's `<script>` or `<img onerror>` cannot reach a reader); `javascript:` and other
 * schemes lose their link; images are replaced by their description, so a page never loads a
 * remote resource (the public pages promise no third-party requests).
 */
const md = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens);
      const href = safeHref(token.href);
      if (!href) return text;
      const external = /^https?:/i.test(href);
      return `<a href="${escapeHtml(href)}"${external ? ' rel="noopener noreferrer"' : ''}>${text}</a>`;
    },
    image(token: Tokens.Image): string {
      return token.text ? `<span class="img-alt">[${escapeHtml(token.text)}]</span>` : '';
    },
  },
});

const TABLE_LABEL = { fr: 'Tableau (défilable)', en: 'Table (scrollable)' };

/**
 * Renders trusted-format, untrusted-content Markdown to HTML with raw HTML escaped. Tables sit
 * in a focusable, labelled scroll region so a phone user can scroll them with the keyboard too.
 */
export function renderMarkdown(source: string, lang: 'fr' | 'en' = 'fr'): string {
  return md
    .parse(source, { async: false })
    .replace(/<table>/g, `<div class="scroll" tabindex="0" role="region" aria-label="${TABLE_LABEL[lang]}"><table>`)
    .replace(/<\/table>/g, '</table></div>');
}
