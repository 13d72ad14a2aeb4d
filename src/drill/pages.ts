import type { Lang } from '../core/i18n.ts';
import type { Landing, Template } from './templates.ts';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLES: Record<Exclude<Landing, 'none'>, { title: string; brand: string; accent: string; bg: string; userLabel: Record<Lang, string> }> = {
  webmail: { title: 'Webmail', brand: 'Messagerie', accent: '#1f4e8c', bg: '#eef2f7', userLabel: { fr: 'Adresse e-mail', en: 'Email address' } },
  onedrive: { title: 'OneDrive', brand: 'OneDrive', accent: '#0f6cbd', bg: '#f3f2f1', userLabel: { fr: 'E-mail, téléphone ou identifiant Skype', en: 'Email, phone, or Skype' } },
  google: { title: 'Connexion – Comptes Google', brand: 'Google', accent: '#1a73e8', bg: '#ffffff', userLabel: { fr: 'Adresse e-mail ou téléphone', en: 'Email or phone' } },
};

function page(title: string, body: string, extraHead = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex,nofollow"><title>${esc(title)}</title>${extraHead}</head><body>${body}</body></html>`;
}

/**
 * The page a drill link opens. Its script (served from /d/beacon.js, same origin) reports a human
 * visit only after an interaction or three seconds of visible page: link scanners that fetch
 * without running scripts never count as clicks.
 */
export function landingPage(landing: Landing, token: string, orgName: string, lang: Lang): string {
  const beacon = `<script src="/d/beacon.js" data-token="${esc(token)}" defer></script>`;
  if (landing === 'none') {
    const msg = lang === 'fr' ? 'Le document n’est plus disponible.' : 'The document is no longer available.';
    return page(msg, `<main style="font-family:system-ui,sans-serif;max-width:480px;margin:15vh auto;text-align:center"><p>${msg}</p><p><a id="continue" href="/d/l/${esc(token)}">OK</a></p></main>`, beacon);
  }
  const s = STYLES[landing];
  const t = lang === 'fr' ? { signin: 'Connexion', password: 'Mot de passe', next: 'Se connecter' } : { signin: 'Sign in', password: 'Password', next: 'Sign in' };
  return page(
    s.title,
    `<main style="font-family:system-ui,-apple-system,'Segoe UI',sans-serif;background:${s.bg};min-height:100vh;margin:0;display:flex;align-items:center;justify-content:center">
<form method="post" action="/d/s/${esc(token)}" style="background:#fff;padding:40px;width:340px;box-shadow:0 2px 8px rgba(0,0,0,.15);border-radius:6px">
<div style="font-size:22px;font-weight:600;color:${s.accent};margin-bottom:6px">${esc(s.brand)}</div>
<div style="color:#555;margin-bottom:22px">${esc(orgName)}</div>
<h1 style="font-size:20px;font-weight:500;margin:0 0 16px">${t.signin}</h1>
<label style="display:block;font-size:13px;color:#333">${esc(s.userLabel[lang])}<input name="username" autocomplete="off" style="display:block;width:100%;box-sizing:border-box;padding:8px;margin:4px 0 14px;border:1px solid #999;border-radius:3px"></label>
<label style="display:block;font-size:13px;color:#333">${t.password}<input name="password" type="password" autocomplete="off" style="display:block;width:100%;box-sizing:border-box;padding:8px;margin:4px 0 20px;border:1px solid #999;border-radius:3px"></label>
<button type="submit" style="background:${s.accent};color:#fff;border:0;padding:10px 24px;border-radius:3px;font-size:15px">${t.next}</button>
</form></main>`,
    beacon,
  );
}

/** Where a person lands after submitting or clicking through: it was a drill, here is what to look for. */
export function learnPage(template: Template | undefined, lang: Lang, lessonUrl: string | undefined): string {
  const t =
    lang === 'fr'
      ? { title: 'C’était un exercice', intro: 'Ce message était une simulation d’hameçonnage organisée par l’équipe sécurité. Rien n’a été enregistré de ce que vous avez saisi : aucun mot de passe n’est conservé.', cues: 'Les indices qui auraient dû vous alerter', lesson: 'Suivre la leçon de 5 minutes', report: 'La prochaine fois, transférez le message douteux à l’adresse de signalement.' }
      : { title: 'This was a drill', intro: 'This message was a phishing simulation run by the security team. Nothing you typed was kept: no password is stored.', cues: 'The cues that should have alerted you', lesson: 'Take the 5-minute lesson', report: 'Next time, forward the doubtful message to the report address.' };
  const cues = (template?.cues ?? []).map((c) => `<li>${esc(c.text)}</li>`).join('');
  return page(
    t.title,
    `<main style="font-family:system-ui,sans-serif;max-width:640px;margin:8vh auto;padding:0 20px;color:#1b2430;line-height:1.5">
<h1 style="color:#1f4e8c">${t.title}</h1><p>${t.intro}</p>
${cues ? `<h2 style="font-size:18px">${t.cues}</h2><ul>${cues}</ul>` : ''}
${lessonUrl ? `<p><a href="${esc(lessonUrl)}" style="display:inline-block;background:#1f4e8c;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${t.lesson}</a></p>` : ''}
<p>${t.report}</p></main>`,
  );
}

export function thanksPage(lang: Lang): string {
  const t = lang === 'fr' ? ['Merci !', 'Vous avez bien fait de signaler ce message : c’était un exercice, et vous l’avez repéré.'] : ['Thank you!', 'You were right to report this message: it was a drill, and you spotted it.'];
  return page(t[0], `<main style="font-family:system-ui,sans-serif;max-width:560px;margin:12vh auto;padding:0 20px;text-align:center"><h1 style="color:#1f6b3a">${t[0]}</h1><p>${t[1]}</p></main>`);
}

export const BEACON_JS = `(function(){var s=document.currentScript;var t=s&&s.getAttribute('data-token');if(!t)return;var sent=false;
function go(){if(sent)return;sent=true;try{navigator.sendBeacon('/d/h/'+t)}catch(e){var x=new XMLHttpRequest();x.open('POST','/d/h/'+t);x.send()}}
['pointerdown','keydown','touchstart','focusin'].forEach(function(e){document.addEventListener(e,go,{once:true,capture:true})});
setTimeout(function(){if(document.visibilityState==='visible')go()},3000);})();`;

/** A 1×1 transparent GIF. */
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
