import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.ts';
import { loadOrgContext } from '../../org/index.ts';
import {
  addOrgExercise,
  listOrgExercises,
  orgExerciseSchema,
  removeOrgExercise,
  assignLesson,
  cancelAssignment,
  enrolAfterDrillFailure,
  enrolInputSchema,
  listAssignments,
  manualAssignSchema,
  progressReport,
  sendTrainingMail,
  startTrainingMailer,
  SIGNAL_IDS,
  trainingContent,
} from '../../train/index.ts';
import type { AppContext } from '../context.ts';
import { idParams, q, route } from '../http.ts';

const langQuery = z.object({ lang: z.enum(['fr', 'en']).default('fr') });

/** Training API: lessons, exercises, assignments (drill enrolment, manual), progress, reminder mails. */
export default function trainRoutes(api: FastifyInstance, ctx: AppContext): void {
  const content = trainingContent();

  // First notices and reminders go out on their own once mail can be sent and links built.
  if (ctx.config.smtp && ctx.config.publicUrl) {
    let stop: (() => void) | undefined;
    api.addHook('onReady', async () => {
      stop = startTrainingMailer(ctx.store, { smtp: ctx.config.smtp, publicUrl: ctx.config.publicUrl, content, onError: (e) => ctx.logger.warn({ err: e.message }, 'training mail run failed') });
    });
    api.addHook('onClose', async () => stop?.());
  }

  route(api, {
    method: 'GET',
    url: '/train/lessons',
    summary: 'Lessons in one language (same ids in French and English)',
    tag: 'train',
    access: 'viewer',
    query: langQuery,
    async handler({ query }) {
      return content.lessons.byLang[query.lang].map(({ body: _b, html: _h, file: _f, ...meta }) => meta);
    },
  });

  route(api, {
    method: 'GET',
    url: '/train/lessons/:id',
    summary: 'One lesson with its rendered HTML (raw HTML in the source is escaped)',
    tag: 'train',
    access: 'viewer',
    params: idParams,
    query: langQuery,
    async handler({ params, query }) {
      const l = content.lessons.get(query.lang, params.id);
      if (!l) throw NotFoundError('train.lesson_not_found', `No lesson "${params.id}"`);
      const { body: _b, file: _f, ...rest } = l;
      return rest;
    },
  });

  route(api, {
    method: 'GET',
    url: '/train/exercises',
    summary: '"Phish or not?" emails, disarmed, with their cues and the triage signals behind them',
    tag: 'train',
    access: 'viewer',
    query: langQuery.extend({ set: z.string().max(60).optional(), source: z.enum(['builtin', 'org']).default('builtin') }),
    async handler({ query }) {
      const list =
        query.source === 'org'
          ? await listOrgExercises(ctx.store.db, query.lang, query.set)
          : query.set
            ? content.exercises.set(query.lang, query.set)
            : content.exercises.byLang[query.lang];
      return {
        sets: content.exercises.setIds,
        signals: SIGNAL_IDS,
        exercises: list.map(({ rawHtml: _r, file: _f, ...x }) => x),
      };
    },
  });

  route(api, {
    method: 'POST',
    url: '/train/exercises',
    summary: 'Turn a triaged report or a drill template into an exercise (anonymised, disarmed; original HTML not kept)',
    tag: 'train',
    access: 'analyst',
    body: orgExerciseSchema,
    bodyLimit: 1024 * 1024,
    async handler({ body, actor }) {
      const { rawHtml: _r, file: _f, ...x } = await addOrgExercise(ctx.store, actor, body, await loadOrgContext(ctx.store.db));
      return x;
    },
  });

  route(api, {
    method: 'DELETE',
    url: '/train/exercises/:id',
    summary: 'Remove one of the organisation’s exercises (admin)',
    tag: 'train',
    access: 'admin',
    params: idParams,
    async handler({ params, actor }) {
      await removeOrgExercise(ctx.store, actor, params.id);
      return { ok: true };
    },
  });

  route(api, {
    method: 'GET',
    url: '/train/assignments',
    summary: 'Assignments, newest first; filter by status, person, department, overdue',
    tag: 'train',
    access: 'viewer',
    query: z.object({
      status: z.enum(['assigned', 'completed', 'cancelled']).optional(),
      email: z.string().max(254).optional(),
      department: z.string().max(100).optional(),
      overdue: z.enum(['true', 'false']).optional(),
      limit: q.limit(5000, 500),
    }),
    async handler({ query }) {
      return listAssignments(ctx.store.db, { ...query, overdue: query.overdue === 'true' });
    },
  });

  route(api, {
    method: 'POST',
    url: '/train/assignments',
    summary: 'Assign a lesson by hand to people or a department (admin)',
    tag: 'train',
    access: 'admin',
    body: manualAssignSchema,
    async handler({ body, actor }) {
      const created = await assignLesson(ctx.store, actor, body, { content });
      // The personal links go out by mail only: an admin does not need to hold them.
      return created.map(({ path: _p, ...a }) => a);
    },
  });

  route(api, {
    method: 'DELETE',
    url: '/train/assignments/:id',
    summary: 'Cancel an open assignment (admin)',
    tag: 'train',
    access: 'admin',
    params: idParams,
    async handler({ params, actor }) {
      await cancelAssignment(ctx.store, actor, params.id);
      return { ok: true };
    },
  });

  route(api, {
    method: 'POST',
    url: '/train/enrol',
    summary: 'Enrol someone after a drill failure: the lesson follows the lure; returns fresh personal links',
    tag: 'train',
    access: 'analyst',
    body: enrolInputSchema,
    async handler({ body, actor }) {
      return enrolAfterDrillFailure(ctx.store, body, { actor, content });
    },
  });

  route(api, {
    method: 'GET',
    url: '/train/progress',
    summary: 'Scores, streaks and completion per person and per department',
    tag: 'train',
    access: 'viewer',
    async handler() {
      return progressReport(ctx.store.db);
    },
  });

  route(api, {
    method: 'POST',
    url: '/train/mail',
    summary: 'Send due training mails now: first notices and reminders (admin)',
    tag: 'train',
    access: 'admin',
    async handler({ actor }) {
      return sendTrainingMail(ctx.store, { smtp: ctx.config.smtp, publicUrl: ctx.config.publicUrl, actor, content });
    },
  });
}
