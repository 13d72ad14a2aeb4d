import { createHash } from 'node:crypto';
import { formatDate, registerMessages, t, type Lang } from '../core/i18n.ts';
import type { Exercise } from './exercises.ts';
import type { Lesson } from './lessons.ts';
import { escapeHtml as e } from './markdown.ts';
import { SIGNAL_LABELS } from './signal-ids.ts';

/**
 * Server-rendered pages of the training module (public `/apprendre`, `/learn`, and the staff pages
 * reached from an assignment e-mail). Plain HTML and forms: they work with JavaScript off, load
 * nothing from elsewhere, and every piece of content is escaped or comes from the safe renderers.
 */

registerMessages({
  fr: {
    'train.ui.site': 'Rempart · Apprendre',
    'train.ui.skip': 'Aller au contenu',
    'train.ui.other_lang': 'English',
    'train.ui.index_title': 'Apprendre à se protéger',
    'train.ui.index_intro': 'Des leçons courtes pour reconnaître l’hameçonnage, protéger ses comptes et ne pas relayer une manipulation. Sans inscription, sans cookie, rien n’est conservé.',
    'train.ui.lessons': 'Leçons',
    'train.ui.minutes': '{n} min',
    'train.ui.practice_title': 'Hameçonnage ou pas ?',
    'train.ui.practice_intro': '{n} courriels réalistes, certains piégés, d’autres légitimes. Pour chacun, décidez, puis découvrez les indices.',
    'train.ui.start': 'Commencer l’exercice',
    'train.ui.sources': 'Sources',
    'train.ui.practise_after': 'S’entraîner : {n} courriels à juger',
    'train.ui.prev': 'Leçon précédente',
    'train.ui.next': 'Leçon suivante',
    'train.ui.all_lessons': 'Toutes les leçons',
    'train.ui.exercise_title': 'Hameçonnage ou pas ? ({i} sur {n})',
    'train.ui.email': 'Le courriel',
    'train.ui.from': 'De',
    'train.ui.to': 'À',
    'train.ui.subject': 'Objet',
    'train.ui.date': 'Date',
    'train.ui.attachments': 'Pièces jointes',
    'train.ui.auth': 'Authentification',
    'train.ui.disarmed_note': 'Affichage sécurisé : les liens sont désactivés et leur vraie destination est écrite à côté ; les images distantes ne sont pas chargées.',
    'train.ui.question': 'Ce courriel est-il un hameçonnage ?',
    'train.ui.answer_phish': 'Hameçonnage',
    'train.ui.answer_legit': 'Légitime',
    'train.ui.right': 'Bonne réponse',
    'train.ui.wrong': 'Pas tout à fait',
    'train.ui.was_phish': 'Ce courriel était un hameçonnage.',
    'train.ui.was_legit': 'Ce courriel était légitime.',
    'train.ui.cues': 'Les indices',
    'train.ui.signal': 'signal détecté par le tri automatique : {label}',
    'train.ui.score': 'Score : {correct} sur {answered} · série en cours : {streak} · meilleure série : {best}',
    'train.ui.next_exercise': 'Courriel suivant',
    'train.ui.finished': 'Exercice terminé',
    'train.ui.finished_public': 'Vous avez jugé tous les courriels. Rien n’a été enregistré : ce score n’existe que sur cette page.',
    'train.ui.again': 'Recommencer',
    'train.ui.footer': 'Aucun cookie, aucun traceur, aucune ressource externe. Contenus fondés sur les recommandations de l’ANSSI, de Cybermalveillance.gouv.fr et de la CNIL.',
    'train.ui.assigned_banner': 'Leçon assignée, à terminer avant le {due}.',
    'train.ui.completed_banner': 'Leçon terminée le {date}. Merci !',
    'train.ui.mark_read': 'J’ai lu la leçon : passer aux exercices',
    'train.ui.continue': 'Continuer les exercices',
    'train.ui.staff_done': 'Bravo, cette leçon est terminée. Votre progression est enregistrée.',
    'train.ui.back_to_lesson': 'Revoir la leçon',
    'train.ui.not_found': 'Page introuvable',
    'train.ui.not_found_text': 'Ce lien n’existe pas ou a expiré. Demandez un nouveau lien à l’équipe sécurité.',
    'train.ui.too_many': 'Trop de requêtes',
  },
  en: {
    'train.ui.site': 'Rempart · Learn',
    'train.ui.skip': 'Skip to content',
    'train.ui.other_lang': 'Français',
    'train.ui.index_title': 'Learn to protect yourself',
    'train.ui.index_intro': 'Short lessons to recognise phishing, protect your accounts and avoid passing on manipulation. No sign-up, no cookie, nothing is kept.',
    'train.ui.lessons': 'Lessons',
    'train.ui.minutes': '{n} min',
    'train.ui.practice_title': 'Phish or not?',
    'train.ui.practice_intro': '{n} realistic emails, some booby-trapped, some genuine. Decide for each, then see the clues.',
    'train.ui.start': 'Start the exercise',
    'train.ui.sources': 'Sources',
    'train.ui.practise_after': 'Practise: {n} emails to judge',
    'train.ui.prev': 'Previous lesson',
    'train.ui.next': 'Next lesson',
    'train.ui.all_lessons': 'All lessons',
    'train.ui.exercise_title': 'Phish or not? ({i} of {n})',
    'train.ui.email': 'The email',
    'train.ui.from': 'From',
    'train.ui.to': 'To',
    'train.ui.subject': 'Subject',
    'train.ui.date': 'Date',
    'train.ui.attachments': 'Attachments',
    'train.ui.auth': 'Authentication',
    'train.ui.disarmed_note': 'Safe display: links are disabled and their real target is written next to them; remote images are not loaded.',
    'train.ui.question': 'Is this email phishing?',
    'train.ui.answer_phish': 'Phishing',
    'train.ui.answer_legit': 'Legitimate',
    'train.ui.right': 'Right',
    'train.ui.wrong': 'Not quite',
    'train.ui.was_phish': 'This email was phishing.',
    'train.ui.was_legit': 'This email was legitimate.',
    'train.ui.cues': 'The clues',
    'train.ui.signal': 'signal caught by automatic triage: {label}',
    'train.ui.score': 'Score: {correct} of {answered} · current streak: {streak} · best streak: {best}',
    'train.ui.next_exercise': 'Next email',
    'train.ui.finished': 'Exercise finished',
    'train.ui.finished_public': 'You have judged every email. Nothing was recorded: this score only exists on this page.',
    'train.ui.again': 'Start again',
    'train.ui.footer': 'No cookie, no tracker, no external resource. Content based on guidance from ANSSI, Cybermalveillance.gouv.fr and the CNIL.',
    'train.ui.assigned_banner': 'Assigned lesson, to finish by {due}.',
    'train.ui.completed_banner': 'Lesson completed on {date}. Thank you!',
    'train.ui.mark_read': 'I have read the lesson: go to the exercises',
    'train.ui.continue': 'Continue the exercises',
    'train.ui.staff_done': 'Well done, this lesson is complete. Your progress is recorded.',
    'train.ui.back_to_lesson': 'Review the lesson',
    'train.ui.not_found': 'Page not found',
    'train.ui.not_found_text': 'This link does not exist or has expired. Ask the security team for a new one.',
    'train.ui.too_many': 'Too many requests',
  },
});

const u = (lang: Lang, key: string, params?: Record<string, string | number>) => t(lang, `train.ui.${key}`, params);

/** Where the public pages live in each language. */
export const PUBLIC_BASE: Record<Lang, { root: string; exercises: string }> = {
  fr: { root: '/apprendre', exercises: '/apprendre/exercices' },
  en: { root: '/learn', exercises: '/learn/exercises' },
};

// Colours checked for WCAG 2.1 AA (4.5:1 for text) against their backgrounds:
// #1a1a1a/#fff 17:1, #1d4ed8/#fff 6.7:1, #991b1b/#fef2f2 7.6:1, #166534/#f0fdf4 7:1, #374151/#f3f4f6 9:1.
const CSS = `
*{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.6;color:#1a1a1a;background:#fff}
a{color:#1d4ed8;text-decoration:underline;text-underline-offset:2px}
a:focus-visible,button:focus-visible{outline:3px solid #1d4ed8;outline-offset:3px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:.5rem;z-index:10}
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:center;gap:1rem;border-bottom:1px solid #d1d5db;flex-wrap:wrap}
header .brand{font-weight:700;text-decoration:none;color:#1a1a1a}
footer{border-top:1px solid #d1d5db;color:#374151;font-size:.9rem;margin-top:2rem}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:1.8rem 0 .6rem}
code{background:#f3f4f6;color:#374151;padding:0 .25rem;border-radius:3px;word-break:break-all;font-size:.95em}
table{border-collapse:collapse;margin:0}
.scroll{overflow-x:auto;margin:1rem 0}
.email-body table{display:block;overflow-x:auto}
th,td{border:1px solid #d1d5db;padding:.4rem .6rem;text-align:left;vertical-align:top}
.lessons{list-style:none;padding:0}
.lessons li{padding:.8rem 0;border-bottom:1px solid #e5e7eb}
.lessons a{font-weight:600;font-size:1.1rem}
.meta{color:#374151;font-size:.95rem}
.banner{background:#eff6ff;border-left:4px solid #1d4ed8;padding:.7rem 1rem;margin:1rem 0}
.banner.done{background:#f0fdf4;border-color:#166534;color:#14532d}
.button,button{display:inline-block;font:inherit;font-weight:600;background:#1d4ed8;color:#fff;border:2px solid #1d4ed8;border-radius:6px;padding:.6rem 1.1rem;text-decoration:none;cursor:pointer;min-height:44px}
button.secondary{background:#fff;color:#1d4ed8}
.choices{border:0;padding:0;margin:1.2rem 0;display:flex;gap:.8rem;flex-wrap:wrap}
.choices legend{font-weight:700;margin-bottom:.6rem;font-size:1.1rem}
.email{border:1px solid #6b7280;border-radius:6px;margin:1rem 0}
.email dl{margin:0;padding:.7rem 1rem;background:#f9fafb;border-bottom:1px solid #d1d5db;display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}
.email dt{font-weight:600}
.email dd{margin:0;word-break:break-word}
.email-body{padding:1rem;overflow-wrap:anywhere}
.email-body p{margin:.5rem 0}
.disarmed-link{text-decoration:underline dotted;color:#1a1a1a}
.link-target,.disarmed-image,.disarmed-field,.disarmed-label{background:#f3f4f6;color:#374151;font-size:.9rem;padding:0 .25rem;border-radius:3px}
.disarmed-form{border:1px dashed #6b7280;padding:.5rem;margin:.5rem 0}
.note{font-size:.9rem;color:#374151}
.result{padding:.8rem 1rem;border-radius:6px;margin:1rem 0}
.result.right{background:#f0fdf4;color:#166534}
.result.wrong{background:#fef2f2;color:#991b1b}
.result strong{font-size:1.2rem}
.cues li{margin:.5rem 0}
.signal{display:block;font-size:.9rem;color:#374151}
.pager{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap;margin-top:2rem}
.img-alt{color:#374151}
`.trim();

/** Hash for the CSP `style-src`, so the one inline style block is the only style allowed. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS).digest('base64')}'`;

/** CSP of the training pages: nothing but our own inline style and forms posting back here. */
export function trainingCsp(embeddable: boolean): string {
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    "img-src 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${embeddable ? '*' : "'none'"}`,
  ].join('; ');
}

/** French typography: a non-breaking space before ? ! : ; » and after «, so "hameçonnage ?" never wraps before its "?". */
function frenchSpaces(lang: Lang, html: string): string {
  return lang === 'fr' ? html.replace(/ ([?!:;»])/g, '\u00a0$1').replace(/« /g, '«\u00a0') : html;
}

function layout(lang: Lang, title: string, main: string, opts: { otherLangHref?: string; noindex?: boolean; home?: string } = {}): string {
  const home = opts.home ?? PUBLIC_BASE[lang].root;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${opts.noindex ? '<meta name="robots" content="noindex, nofollow">\n' : ''}<title>${frenchSpaces(lang, e(title))} – ${e(u(lang, 'site'))}</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#main">${e(u(lang, 'skip'))}</a>
<header><a class="brand" href="${e(home)}">${e(u(lang, 'site'))}</a>${
    opts.otherLangHref ? `<a href="${e(opts.otherLangHref)}" lang="${lang === 'fr' ? 'en' : 'fr'}" hreflang="${lang === 'fr' ? 'en' : 'fr'}">${e(u(lang, 'other_lang'))}</a>` : ''
  }</header>
<main id="main">
${frenchSpaces(lang, main)}
</main>
<footer><p>${e(u(lang, 'footer'))}</p></footer>
</body>
</html>
`;
}

const other = (lang: Lang): Lang => (lang === 'fr' ? 'en' : 'fr');

export function indexPage(lang: Lang, lessons: Lesson[], exerciseCount: number): string {
  const b = PUBLIC_BASE[lang];
  const items = lessons
    .map((l) => `<li><a href="${b.root}/${e(l.id)}">${e(l.title)}</a> <span class="meta">(${e(u(lang, 'minutes', { n: l.minutes }))})</span><br>${e(l.summary)}</li>`)
    .join('\n');
  const main = `<h1>${e(u(lang, 'index_title'))}</h1>
<p>${e(u(lang, 'index_intro'))}</p>
<h2>${e(u(lang, 'practice_title'))}</h2>
<p>${e(u(lang, 'practice_intro', { n: exerciseCount }))}</p>
<p><a class="button" href="${b.exercises}">${e(u(lang, 'start'))}</a></p>
<h2>${e(u(lang, 'lessons'))}</h2>
<ul class="lessons">
${items}
</ul>`;
  return layout(lang, u(lang, 'index_title'), main, { otherLangHref: PUBLIC_BASE[other(lang)].root });
}

function lessonArticle(lesson: Lesson): string {
  const sources = lesson.sources.map((s) => `<li><a href="${e(s.url)}" rel="noopener noreferrer">${e(s.title)}</a></li>`).join('\n');
  return `<h1>${e(lesson.title)}</h1>
<p class="meta">${e(u(lesson.lang, 'minutes', { n: lesson.minutes }))} · ${lesson.topics.map(e).join(', ')}</p>
<p><strong>${e(lesson.summary)}</strong></p>
${lesson.html}
<h2>${e(u(lesson.lang, 'sources'))}</h2>
<ul>
${sources}
</ul>`;
}

export function lessonPage(lesson: Lesson, neighbours: { prev?: Lesson; next?: Lesson }, practiceCount: number): string {
  const lang = lesson.lang;
  const b = PUBLIC_BASE[lang];
  const main = `<p><a href="${b.root}">${e(u(lang, 'all_lessons'))}</a></p>
<article>
${lessonArticle(lesson)}
</article>
<p><a class="button" href="${b.exercises}?set=${e(lesson.exercises)}">${e(u(lang, 'practise_after', { n: practiceCount }))}</a></p>
<nav class="pager" aria-label="${e(u(lang, 'lessons'))}">${neighbours.prev ? `<a href="${b.root}/${e(neighbours.prev.id)}" rel="prev">← ${e(u(lang, 'prev'))} : ${e(neighbours.prev.title)}</a>` : '<span></span>'}${
    neighbours.next ? `<a href="${b.root}/${e(neighbours.next.id)}" rel="next">${e(u(lang, 'next'))} : ${e(neighbours.next.title)} →</a>` : ''
  }</nav>`;
  return layout(lang, lesson.title, main, { otherLangHref: `${PUBLIC_BASE[other(lang)].root}/${lesson.id}` });
}

function emailView(x: Exercise): string {
  const lang = x.lang;
  const row = (k: string, v: string) => `<dt>${e(u(lang, k))}</dt><dd>${v}</dd>`;
  return `<section class="email" aria-label="${e(u(lang, 'email'))}">
<dl>
${row('from', e(x.from))}
${row('to', e(x.to))}
${row('subject', e(x.subject))}
${row('date', e(formatDate(x.date, lang)))}
${x.attachments.length ? row('attachments', x.attachments.map((a) => `<code>${e(a)}</code>`).join(', ')) : ''}
${x.authResults ? row('auth', `<code>${e(x.authResults)}</code>`) : ''}
</dl>
<div class="email-body">
${x.safeHtml}
</div>
</section>
<p class="note">${e(u(lang, 'disarmed_note'))}</p>`;
}

/** Hidden fields and query string carrying the public score: the page keeps nothing server-side. */
export interface PublicScore {
  correct: number;
  answered: number;
  streak: number;
  best: number;
}
export const emptyScore: PublicScore = { correct: 0, answered: 0, streak: 0, best: 0 };
function scoreQuery(set: string | undefined, s: PublicScore): string {
  const p = new URLSearchParams();
  if (set) p.set('set', set);
  p.set('s', String(s.correct));
  p.set('n', String(s.answered));
  p.set('k', String(s.streak));
  p.set('b', String(s.best));
  return p.toString();
}

export function exercisePage(x: Exercise, pos: { index: number; total: number }, action: string, hidden: Record<string, string>, opts: { noindex?: boolean; home?: string; otherLangHref?: string } = {}): string {
  const lang = x.lang;
  const fields = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('');
  const main = `<h1>${e(u(lang, 'exercise_title', { i: pos.index + 1, n: pos.total }))}</h1>
${emailView(x)}
<form method="post" action="${e(action)}">
${fields}
<fieldset class="choices">
<legend>${e(u(lang, 'question'))}</legend>
<button type="submit" name="answer" value="phish">${e(u(lang, 'answer_phish'))}</button>
<button type="submit" name="answer" value="legit" class="secondary">${e(u(lang, 'answer_legit'))}</button>
</fieldset>
</form>`;
  return layout(lang, u(lang, 'exercise_title', { i: pos.index + 1, n: pos.total }), main, opts);
}

function cuesList(x: Exercise): string {
  const lang = x.lang;
  return `<h2>${e(u(lang, 'cues'))}</h2>
<ul class="cues">
${x.cues
  .map(
    (c) =>
      `<li>${e(c.text)}${c.signal ? `<span class="signal">${e(u(lang, 'signal', { label: SIGNAL_LABELS[c.signal][lang] }))} (<code>${e(c.signal)}</code>)</span>` : ''}</li>`,
  )
  .join('\n')}
</ul>`;
}

function resultBlock(x: Exercise, correct: boolean): string {
  const lang = x.lang;
  return `<div class="result ${correct ? 'right' : 'wrong'}" role="status"><strong>${e(u(lang, correct ? 'right' : 'wrong'))}.</strong> ${e(u(lang, x.verdict === 'phish' ? 'was_phish' : 'was_legit'))}</div>
<p>${e(x.explanation)}</p>`;
}

const scoreLine = (lang: Lang, s: PublicScore) => `<p class="meta">${e(u(lang, 'score', { correct: s.correct, answered: s.answered, streak: s.streak, best: s.best }))}</p>`;

/** The answer page of the public exercise: verdict, cues, score carried in the next link. */
export function publicAnswerPage(x: Exercise, correct: boolean, score: PublicScore, next: Exercise | undefined, set: string | undefined): string {
  const lang = x.lang;
  const b = PUBLIC_BASE[lang];
  const q = scoreQuery(set, score);
  const nextBlock = next
    ? `<p><a class="button" href="${b.exercises}/${e(next.id)}?${e(q)}">${e(u(lang, 'next_exercise'))}</a></p>`
    : `<h2>${e(u(lang, 'finished'))}</h2><p>${e(u(lang, 'finished_public'))}</p><p><a class="button" href="${b.exercises}${set ? `?set=${e(set)}` : ''}">${e(u(lang, 'again'))}</a> <a href="${b.root}">${e(u(lang, 'all_lessons'))}</a></p>`;
  const main = `<h1>${e(x.subject)}</h1>
${resultBlock(x, correct)}
${scoreLine(lang, score)}
${cuesList(x)}
${emailView(x)}
${nextBlock}`;
  return layout(lang, u(lang, correct ? 'right' : 'wrong'), main);
}

export interface StaffView {
  token: string;
  lesson: Lesson;
  dueAt: string;
  completedAt: string | null;
  lessonRead: boolean;
  next: Exercise | undefined;
}

const staffBase = (token: string) => `/apprendre/moi/${encodeURIComponent(token)}`;

/** The assigned lesson, with the button that records it as read. */
export function staffLessonPage(v: StaffView): string {
  const lang = v.lesson.lang;
  const base = staffBase(v.token);
  const banner = v.completedAt
    ? `<p class="banner done">${e(u(lang, 'completed_banner', { date: formatDate(v.completedAt, lang) }))}</p>`
    : `<p class="banner">${e(u(lang, 'assigned_banner', { due: formatDate(v.dueAt, lang) }))}</p>`;
  const action = v.completedAt
    ? ''
    : !v.lessonRead
      ? `<form method="post" action="${base}/lu"><p><button type="submit">${e(u(lang, 'mark_read'))}</button></p></form>`
      : v.next
        ? `<p><a class="button" href="${base}/exercice/${e(v.next.id)}">${e(u(lang, 'continue'))}</a></p>`
        : '';
  const main = `${banner}
<article>
${lessonArticle(v.lesson)}
</article>
${action}`;
  return layout(lang, v.lesson.title, main, { noindex: true, home: base });
}

export function staffExercisePage(token: string, x: Exercise, pos: { index: number; total: number }): string {
  const base = staffBase(token);
  return exercisePage(x, pos, `${base}/exercice/${encodeURIComponent(x.id)}`, {}, { noindex: true, home: base });
}

export function staffAnswerPage(token: string, x: Exercise, correct: boolean, score: PublicScore, next: Exercise | undefined, completed: boolean): string {
  const lang = x.lang;
  const base = staffBase(token);
  const nextBlock = next
    ? `<p><a class="button" href="${base}/exercice/${e(next.id)}">${e(u(lang, 'next_exercise'))}</a></p>`
    : `<p class="banner done">${e(u(lang, completed ? 'staff_done' : 'finished'))}</p><p><a href="${base}">${e(u(lang, 'back_to_lesson'))}</a></p>`;
  const main = `<h1>${e(x.subject)}</h1>
${resultBlock(x, correct)}
${scoreLine(lang, score)}
${cuesList(x)}
${emailView(x)}
${nextBlock}`;
  return layout(lang, u(lang, correct ? 'right' : 'wrong'), main, { noindex: true, home: base });
}

export function notFoundPage(lang: Lang): string {
  return layout(lang, u(lang, 'not_found'), `<h1>${e(u(lang, 'not_found'))}</h1><p>${e(u(lang, 'not_found_text'))}</p>`, { noindex: true });
}

export { scoreQuery };
