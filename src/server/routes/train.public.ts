import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { isRempartError } from '../../core/errors.ts';
import type { Lang } from '../../core/i18n.ts';
import { markLessonRead, openStaffSession, recordStaffAnswer, score, trainingContent, type Exercise } from '../../train/index.ts';
import {
  PUBLIC_BASE,
  emptyScore,
  exercisePage,
  indexPage,
  lessonPage,
  notFoundPage,
  publicAnswerPage,
  staffAnswerPage,
  staffExercisePage,
  staffLessonPage,
  trainingCsp,
  type PublicScore,
} from '../../train/pages.ts';
import type { AppContext } from '../context.ts';

const FORM = 'application/x-www-form-urlencoded';
/** A whole answer form is a few dozen bytes; anything bigger is not ours. */
const FORM_LIMIT = 4096;
const READ_LIMIT = { rateLimit: { max: 240, timeWindow: 60_000 } };
const WRITE_LIMIT = { rateLimit: { max: 60, timeWindow: 60_000 } };

/**
 * Sends a training page. Public pages may be framed by any site (a campaign embeds them) and set
 * no cookie; staff pages (reached with a personal token) refuse framing and caching. Setting the
 * CSP here keeps the app-wide default (frame-ancestors 'none', X-Frame-Options) off these replies.
 */
function sendHtml(reply: FastifyReply, html: string, opts: { staff?: boolean; status?: number } = {}): FastifyReply {
  reply.header('content-security-policy', trainingCsp(!opts.staff));
  if (opts.staff) {
    reply.header('x-frame-options', 'DENY');
    reply.header('cache-control', 'no-store');
  } else reply.header('cache-control', 'public, max-age=300');
  return reply.status(opts.status ?? 200).type('text/html; charset=utf-8').send(html);
}

const int = z.coerce.number().int().min(0).max(100_000).catch(0);
const scoreQuery = z.object({ set: z.string().max(60).regex(/^[a-z0-9-]*$/).optional().catch(undefined), s: int, n: int, k: int, b: int });
const answerBody = z.object({ answer: z.enum(['phish', 'legit']), set: z.string().max(60).regex(/^[a-z0-9-]*$/).optional().catch(undefined), s: int, n: int, k: int, b: int });
const idParam = z.object({ id: z.string().max(80) });
const tokenParams = z.object({ token: z.string().max(100), id: z.string().max(80).optional() });

function toScore(v: { s: number; n: number; k: number; b: number }): PublicScore {
  const answered = v.n;
  const correct = Math.min(v.s, answered);
  const streak = Math.min(v.k, correct);
  return { correct, answered, streak, best: Math.max(Math.min(v.b, correct), streak) };
}

/** Public lessons and exercises (`/apprendre`, `/learn`) and the staff pages (`/apprendre/moi/<token>`). */
export default async function trainPublicRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // Loaded at start-up: broken content stops the server with the file's name rather than a 500 later.
  const content = trainingContent();

  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser(FORM)) {
      scope.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      });
    }

    for (const lang of ['fr', 'en'] as const satisfies Lang[]) {
      const b = PUBLIC_BASE[lang];
      const lessons = content.lessons.byLang[lang];
      const listFor = (set: string | undefined) => content.exercises.set(lang, set ?? 'all');

      scope.get(b.root, { config: READ_LIMIT }, async (_req, reply) => sendHtml(reply, indexPage(lang, lessons, content.exercises.byLang[lang].length)));

      scope.get(`${b.root}/:id`, { config: READ_LIMIT }, async (req, reply) => {
        const { id } = idParam.parse(req.params);
        if (id === '') return reply.redirect(b.root, 301);
        const i = lessons.findIndex((l) => l.id === id);
        if (i < 0) return sendHtml(reply, notFoundPage(lang), { status: 404 });
        const l = lessons[i];
        return sendHtml(reply, lessonPage(l, { prev: lessons[i - 1], next: lessons[i + 1] }, listFor(l.exercises).length));
      });

      const showExercise = (reply: FastifyReply, list: Exercise[], x: Exercise, set: string | undefined, s: PublicScore, status = 200) =>
        sendHtml(
          reply,
          exercisePage(x, { index: list.indexOf(x), total: list.length }, `${b.exercises}/${x.id}`, {
            ...(set ? { set } : {}),
            s: String(s.correct),
            n: String(s.answered),
            k: String(s.streak),
            b: String(s.best),
          }, { otherLangHref: PUBLIC_BASE[lang === 'fr' ? 'en' : 'fr'].exercises }),
          { status },
        );

      scope.get(b.exercises, { config: READ_LIMIT }, async (req, reply) => {
        const q = scoreQuery.parse(req.query ?? {});
        const set = q.set && content.exercises.setIds.includes(q.set) ? q.set : undefined;
        const list = listFor(set);
        return showExercise(reply, list, list[0], set, emptyScore);
      });

      scope.get(`${b.exercises}/:id`, { config: READ_LIMIT }, async (req, reply) => {
        const { id } = idParam.parse(req.params);
        if (id === '') return reply.redirect(b.exercises, 301);
        const q = scoreQuery.parse(req.query ?? {});
        const set = q.set && content.exercises.setIds.includes(q.set) ? q.set : undefined;
        const list = listFor(set);
        const x = list.find((e) => e.id === id);
        if (!x) return sendHtml(reply, notFoundPage(lang), { status: 404 });
        return showExercise(reply, list, x, set, toScore(q));
      });

      scope.post(`${b.exercises}/:id`, { config: WRITE_LIMIT, bodyLimit: FORM_LIMIT }, async (req, reply) => {
        const { id } = idParam.parse(req.params);
        const form = answerBody.safeParse(req.body ?? {});
        const set = form.success && form.data.set && content.exercises.setIds.includes(form.data.set) ? form.data.set : undefined;
        const list = listFor(set);
        const x = list.find((e) => e.id === id);
        if (!x) return sendHtml(reply, notFoundPage(lang), { status: 404 });
        if (!form.success) return showExercise(reply, list, x, set, emptyScore, 400);
        const correct = form.data.answer === x.verdict;
        const prev = toScore(form.data);
        const s = score({ answered: prev.answered, correct: prev.correct, streak: prev.streak, bestStreak: prev.best }, correct);
        const next = list[list.indexOf(x) + 1];
        return sendHtml(reply, publicAnswerPage(x, correct, { correct: s.correct, answered: s.answered, streak: s.streak, best: s.bestStreak }, next, set));
      });
    }

    // Staff pages: a personal link from an assignment e-mail.
    const staffNotFound = (reply: FastifyReply, e: unknown) => {
      if (isRempartError(e) && e.status === 404) return sendHtml(reply, notFoundPage('fr'), { staff: true, status: 404 });
      throw e;
    };

    scope.get('/apprendre/moi/:token', { config: READ_LIMIT }, async (req, reply) => {
      const { token } = tokenParams.parse(req.params);
      try {
        const s = await openStaffSession(ctx.store.db, token, { content });
        const lesson = content.lessons.get(s.assignment.lang, s.assignment.lessonId);
        if (!lesson) return sendHtml(reply, notFoundPage(s.assignment.lang), { staff: true, status: 404 });
        return sendHtml(reply, staffLessonPage({ token, lesson, dueAt: s.assignment.dueAt, completedAt: s.assignment.completedAt, lessonRead: !!s.assignment.lessonReadAt, next: s.next }), { staff: true });
      } catch (e) {
        return staffNotFound(reply, e);
      }
    });

    scope.post('/apprendre/moi/:token/lu', { config: WRITE_LIMIT, bodyLimit: FORM_LIMIT }, async (req, reply) => {
      const { token } = tokenParams.parse(req.params);
      try {
        const s = await markLessonRead(ctx.store, token, { content });
        const base = `/apprendre/moi/${encodeURIComponent(token)}`;
        return reply.header('cache-control', 'no-store').redirect(s.next ? `${base}/exercice/${encodeURIComponent(s.next.id)}` : base, 303);
      } catch (e) {
        return staffNotFound(reply, e);
      }
    });

    scope.get('/apprendre/moi/:token/exercice/:id', { config: READ_LIMIT }, async (req, reply) => {
      const { token, id } = tokenParams.parse(req.params);
      try {
        const s = await openStaffSession(ctx.store.db, token, { content });
        const x = s.exercises.find((e) => e.id === id);
        if (!x) return sendHtml(reply, notFoundPage(s.assignment.lang), { staff: true, status: 404 });
        return sendHtml(reply, staffExercisePage(token, x, { index: s.exercises.indexOf(x), total: s.exercises.length }), { staff: true });
      } catch (e) {
        return staffNotFound(reply, e);
      }
    });

    scope.post('/apprendre/moi/:token/exercice/:id', { config: WRITE_LIMIT, bodyLimit: FORM_LIMIT }, async (req, reply) => {
      const { token, id } = tokenParams.parse(req.params);
      const form = z.object({ answer: z.enum(['phish', 'legit']) }).safeParse(req.body ?? {});
      try {
        if (!form.success) {
          const s = await openStaffSession(ctx.store.db, token, { content });
          const x = s.exercises.find((e) => e.id === id);
          if (!x) return sendHtml(reply, notFoundPage(s.assignment.lang), { staff: true, status: 404 });
          return sendHtml(reply, staffExercisePage(token, x, { index: s.exercises.indexOf(x), total: s.exercises.length }), { staff: true, status: 400 });
        }
        const r = await recordStaffAnswer(ctx.store, token, id ?? '', form.data.answer, { content });
        const p = r.progress;
        return sendHtml(reply, staffAnswerPage(token, r.exercise, r.correct, { correct: p.correct, answered: p.answered, streak: p.streak, best: p.bestStreak }, r.session.next, r.session.assignment.status === 'completed'), { staff: true });
      } catch (e) {
        return staffNotFound(reply, e);
      }
    });
  });
}
