import type { Hit, SignalFamily } from './types.ts';

/** What the HTML does beyond showing text: forms, scripts, hidden text, pages embedded in base64. */
export const htmlSignals: SignalFamily = (a) => {
  const hits: Hit[] = [];
  const h = a.html;
  if (!h) return hits;
  const lower = h.length > 500_000 ? h.slice(0, 500_000).toLowerCase() : h.toLowerCase();
  if (/<form\b/.test(lower)) {
    if (/<input\b[^>]*type\s*=\s*["']?password/.test(lower)) hits.push({ id: 'html.password_form', evidence: /<form\b[^>]{0,200}>/.exec(h)?.[0] ?? '<form>' });
    else hits.push({ id: 'html.form', evidence: /<form\b[^>]{0,200}>/.exec(h)?.[0] ?? '<form>' });
  }
  if (/<script\b/.test(lower) || /\son(load|error|mouseover)\s*=/.test(lower)) hits.push({ id: 'html.script', evidence: /<script\b[^>]{0,120}>|\son(load|error|mouseover)\s*=[^>]{0,80}/i.exec(h)?.[0] ?? '<script>' });
  if (/data:text\/html|data:application\/(x-)?javascript|atob\s*\(/.test(lower)) hits.push({ id: 'html.embedded_page', evidence: /data:text\/html[^"'\s]{0,60}|atob\s*\([^)]{0,40}/i.exec(h)?.[0] ?? 'data:text/html' });
  // Text hidden from the reader but read by filters: zero size, invisible or pushed off screen.
  const hidden = /<(?:span|div|p|font|td)\b[^>]*style\s*=\s*["'][^"']*(?:font-size\s*:\s*0(?:px|pt|em)?\b|display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?\b|(?:max-)?height\s*:\s*0(?:px)?\b[^"']*overflow\s*:\s*hidden)[^"']*["'][^>]*>([^<]{20,})/i.exec(h);
  if (hidden) hits.push({ id: 'html.hidden_text', evidence: hidden[1].trim().slice(0, 120) });
  const textLen = a.visibleText.replace(/\s+/g, '').length - a.msg.subject.length;
  const images = (lower.match(/<img\b/g) ?? []).length;
  if (images >= 1 && textLen < 40 && a.links.length >= 1) hits.push({ id: 'html.image_only', evidence: `${images} image(s), ${Math.max(0, textLen)} characters of text` });
  return hits;
};
