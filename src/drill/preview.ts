import type { Lang } from '../core/i18n.ts';
import { loadOrgContext } from '../org/index.ts';
import type { Db } from '../store/index.ts';
import { getTemplate } from './campaigns.ts';
import { renderTemplate } from './templates.ts';

export interface TemplatePreview {
  id: string;
  lang: string;
  subject: string;
  fromName: string;
  /** Local part only: the domain is the campaign's sender domain, chosen at launch. */
  fromLocal: string;
  /** A whole HTML document meant for a sandboxed frame: its own CSP allows no script and nothing remote. */
  html: string;
  text: string;
}

const SAMPLE: Record<Lang, { first: string; full: string; colleague: string }> = {
  fr: { first: 'Camille', full: 'Camille Martin', colleague: 'Alex Collègue' },
  en: { first: 'Sam', full: 'Sam Taylor', colleague: 'Alex Colleague' },
};

/** A CSP inside the preview itself, so even a frame opened outside the dashboard's sandbox runs nothing and loads nothing. */
const PREVIEW_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/**
 * Renders a template for a fictitious recipient, links pointing nowhere, so authors see what
 * staff will receive. No tracking token is minted and nothing is recorded.
 */
export async function previewTemplate(db: Db, id: string, lang: Lang): Promise<TemplatePreview> {
  const t = await getTemplate(db, id, lang);
  const org = await loadOrgContext(db);
  const s = SAMPLE[t.lang === 'en' ? 'en' : 'fr'];
  const domain = org.protectedDomains[0] ?? 'example.org';
  const r = renderTemplate(t, {
    firstName: s.first,
    fullName: s.full,
    email: `${s.full.toLowerCase().replace(' ', '.')}@${domain}`,
    org: org.name || domain,
    link: '#',
    pixel: 'data:,',
    reportLink: '#',
    impersonated: t.impersonates ? { fullName: s.colleague, firstName: s.colleague.split(' ')[0], local: 'alex' } : undefined,
  });
  const html = `<!doctype html><html lang="${t.lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}"><base target="_self"><style>body{font:14px/1.5 system-ui,sans-serif;color:#1f2937;margin:16px;}a{color:#1d4ed8}</style></head><body>${r.html}</body></html>`;
  return { id: t.id, lang: t.lang, subject: r.subject, fromName: r.fromName, fromLocal: r.fromLocal, html, text: r.text };
}
