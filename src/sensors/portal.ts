import { t, type Lang } from '../core/i18n.ts';
import './messages.ts';

/** The three looks of the honey login page: the services an attacker expects a campaign to use. */
export type PortalStyle = 'webmail' | 'onedrive' | 'google';
export const PORTAL_STYLES: readonly PortalStyle[] = ['webmail', 'onedrive', 'google'];

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const looks: Record<PortalStyle, { bg: string; accent: string; font: string }> = {
  webmail: { bg: '#f3f2f1', accent: '#0078d4', font: '"Segoe UI",system-ui,sans-serif' },
  onedrive: { bg: '#eaf3fb', accent: '#0364b8', font: '"Segoe UI",system-ui,sans-serif' },
  google: { bg: '#fff', accent: '#1a73e8', font: 'Roboto,Arial,sans-serif' },
};

/** Server-rendered login page, branded with the organisation's name. No script, no outside resource. */
export function renderPortal(style: PortalStyle, org: string, action: string, lang: Lang, opts: { error?: boolean; username?: string } = {}): string {
  const l = looks[style];
  const title = t(lang, `sensors.portal.title.${style}`, { org });
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>body{margin:0;background:${l.bg};font:15px ${l.font};color:#1b1b1b}main{max-width:22rem;margin:12vh auto;background:#fff;padding:2.5rem;box-shadow:0 2px 6px rgba(0,0,0,.2)}h1{font-size:1.4rem;font-weight:600;margin:0 0 1.5rem}label{display:block;margin:.8rem 0 .3rem}input{width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #8a8886;font:inherit}button{margin-top:1.5rem;background:${l.accent};color:#fff;border:0;padding:.6rem 2rem;font:inherit;cursor:pointer}.err{color:#a4262c;margin:.5rem 0}.org{color:#605e5c;font-size:.9rem;margin-bottom:.3rem}</style></head>
<body><main><div class="org">${esc(org)}</div><h1>${esc(title)}</h1>${opts.error ? `<p class="err" role="alert">${esc(t(lang, 'sensors.portal.wrong'))}</p>` : ''}
<form method="post" action="${esc(action)}" autocomplete="on"><label for="u">${esc(t(lang, 'sensors.portal.user'))}</label><input id="u" name="username" type="text" value="${esc(opts.username ?? '')}" maxlength="200" required>
<label for="p">${esc(t(lang, 'sensors.portal.password'))}</label><input id="p" name="password" type="password" maxlength="200" required>
<button type="submit">${esc(t(lang, 'sensors.portal.submit'))}</button></form></main></body></html>`;
}
