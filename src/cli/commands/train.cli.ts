import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { loadOrgContext } from '../../org/index.ts';
import { exerciseFieldsFromEml, MAX_EML_BYTES } from '../../train/eml.ts';
import { SIGNAL_IDS, addOrgExercise, type SignalId } from '../../train/index.ts';
import { cliActor } from '../../access/index.ts';
import { ValidationError } from '../../core/errors.ts';
import { parseLang, t } from '../../core/i18n.ts';
import { assignLesson, enrolAfterDrillFailure, listAssignments, progressReport, sendTrainingMail, trainingContent } from '../../train/index.ts';
import { withContext } from '../context.ts';
import { printJsonLine, printTable } from '../output.ts';

const pct = (x: number | null) => (x === null ? '' : `${Math.round(x * 100)} %`);

export function registerTrain(program: Command): void {
  const train = program.command('train').description('Formation : leçons, exercices « hameçonnage ou pas ? », affectations / Training');

  train
    .command('lessons')
    .description('List the lessons (same ids in French and English)')
    .option('--lang <lang>', 'fr or en', 'fr')
    .option('--json', 'one JSON line per lesson')
    .action((opts: { lang: string; json?: boolean }) => {
      if (!['fr', 'en'].includes(opts.lang)) throw ValidationError('train.bad_lang', '--lang is fr or en');
      const lang = parseLang(opts.lang);
      const { lessons } = trainingContent();
      const list = lessons.byLang[lang];
      if (opts.json) for (const l of list) printJsonLine({ id: l.id, lang: l.lang, title: l.title, summary: l.summary, minutes: l.minutes, topics: l.topics, exercises: l.exercises, sources: l.sources });
      else {
        printTable(list.map((l) => ({ id: l.id, title: l.title, minutes: l.minutes, exercises: l.exercises })));
        process.stderr.write(`${t(lang, 'train.cli.lessons', { n: list.length, lang })}\n`);
      }
    });

  train
    .command('assign')
    .description('Assign a lesson by hand (to people or a department), or enrol after a drill failure (--lure)')
    .option('--to <emails...>', 'staff e-mail addresses')
    .option('--department <name>', 'everyone active in this department')
    .option('--lesson <id>', 'lesson id (rempart train lessons)')
    .option('--set <id>', 'exercise set (default: the lesson’s)')
    .option('--days <n>', 'days until due', '7')
    .option('--due <date>', 'due date, ISO (overrides --days)')
    .option('--lure <kind>', 'drill enrolment: what the lure was (lesson chosen from it)')
    .option('--step <step>', 'drill enrolment: how far the person went', 'clicked')
    .option('--json', 'one JSON line per assignment')
    .action(
      (opts: { to?: string[]; department?: string; lesson?: string; set?: string; days: string; due?: string; lure?: string; step: string; json?: boolean }) =>
        withContext(async ({ store }) => {
          const days = Number(opts.days);
          if (!Number.isInteger(days) || days < 1 || days > 365) throw ValidationError('train.bad_days', '--days is a whole number of days, 1 to 365');
          let created;
          if (opts.lure) {
            if (!opts.to?.length) throw ValidationError('train.bad_assignment', '--lure needs --to <email>');
            created = [];
            for (const email of opts.to) created.push(...(await enrolAfterDrillFailure(store, { staffEmail: email, lureKind: opts.lure, failedStep: opts.step, dueInDays: Math.min(days, 90) }, { actor: cliActor() })));
          } else {
            if (!opts.lesson) throw ValidationError('train.bad_assignment', 'Give --lesson <id> (or --lure for a drill enrolment)');
            created = await assignLesson(store, cliActor(), { emails: opts.to, department: opts.department, lessonId: opts.lesson, exerciseSet: opts.set, dueAt: opts.due ? new Date(opts.due).toISOString() : undefined, dueInDays: opts.due ? undefined : days });
          }
          if (opts.json) for (const a of created) printJsonLine({ id: a.id, staffEmail: a.staffEmail, lessonId: a.lessonId, exerciseSet: a.exerciseSet, dueAt: a.dueAt, created: a.created });
          else {
            printTable(created.map((a) => ({ email: a.staffEmail, lesson: a.lessonId, set: a.exerciseSet, due: a.dueAt.slice(0, 10), new: a.created ? 'oui/yes' : 'non/no' })));
            const n = created.filter((a) => a.created).length;
            process.stderr.write(`${t('fr', 'train.cli.assigned', { n, reused: created.length - n })}\n`);
          }
        }),
    );

  train
    .command('progress')
    .description('Completion and scores per department (and per person with --people)')
    .option('--people', 'one row per person')
    .option('--json', 'JSON lines: one per department ({"kind":"group"}) and per person ({"kind":"person"})')
    .action((opts: { people?: boolean; json?: boolean }) =>
      withContext(async ({ store }) => {
        const r = await progressReport(store.db);
        if (opts.json) {
          for (const g of r.groups) printJsonLine({ kind: 'group', ...g });
          for (const p of r.people) printJsonLine({ kind: 'person', ...p });
          return;
        }
        printTable(r.groups.map((g) => ({ department: g.department, people: g.people, open: g.assigned, completed: g.completed, overdue: g.overdue, completion: pct(g.completionRate), accuracy: pct(g.accuracy) })));
        if (opts.people)
          printTable(r.people.map((p) => ({ email: p.staffEmail, department: p.department ?? '', open: p.assigned, completed: p.completed, overdue: p.overdue, score: `${p.correct}/${p.answered}`, streak: p.streak, best: p.bestStreak })));
      }),
    );

  train
    .command('assignments')
    .description('List assignments')
    .option('--status <s>', 'assigned, completed or cancelled')
    .option('--overdue', 'only open assignments past their due date')
    .option('--json', 'one JSON line per assignment')
    .action((opts: { status?: string; overdue?: boolean; json?: boolean }) =>
      withContext(async ({ store }) => {
        if (opts.status && !['assigned', 'completed', 'cancelled'].includes(opts.status)) throw ValidationError('train.bad_status', '--status is assigned, completed or cancelled');
        const rows = await listAssignments(store.db, { status: opts.status as 'assigned' | undefined, overdue: opts.overdue });
        if (opts.json) rows.forEach((a) => printJsonLine(a));
        else printTable(rows.map((a) => ({ id: a.id, email: a.staffEmail, lesson: a.lessonId, status: a.status, due: a.dueAt.slice(0, 10), overdue: a.overdue ? '!' : '' })));
      }),
    );

  train
    .command('exercise-add <message.eml>')
    .description('Turn a reported message or a drill template into an exercise (anonymised and disarmed)')
    .requiredOption('--verdict <v>', 'phish or legit')
    .requiredOption('--explanation <text>', 'what the learner should take away')
    .option('--signals <ids>', `comma-separated triage signals (${SIGNAL_IDS.join(', ')})`, '')
    .option('--source <s>', 'triage or drill', 'triage')
    .option('--lang <lang>', 'fr or en', 'fr')
    .option('--json', 'JSON output')
    .action((file: string, opts: { verdict: string; explanation: string; signals: string; source: string; lang: string; json?: boolean }) =>
      withContext(async ({ store }) => {
        if (statSync(file).size > MAX_EML_BYTES) throw ValidationError('train.eml_too_large', `${file} is larger than ${MAX_EML_BYTES} bytes`);
        const signals = opts.signals.split(',').map((x) => x.trim()).filter(Boolean);
        const unknown = signals.filter((x) => !(SIGNAL_IDS as readonly string[]).includes(x));
        if (unknown.length) throw ValidationError('train.bad_signal', `Unknown signal ${unknown.join(', ')} (known: ${SIGNAL_IDS.join(', ')})`);
        const fields = await exerciseFieldsFromEml(readFileSync(file));
        const x = await addOrgExercise(
          store,
          cliActor(),
          { ...fields, verdict: opts.verdict as 'phish', source: opts.source as 'triage', lang: parseLang(opts.lang), explanation: opts.explanation, signals: signals as SignalId[] },
          await loadOrgContext(store.db),
        );
        if (opts.json) printJsonLine({ id: x.id, sets: x.sets, verdict: x.verdict, from: x.from, subject: x.subject, cues: x.cues });
        else process.stdout.write(`${x.id}  ${x.subject}  (${x.sets.join(', ')})\n`);
      }),
    );

  train
    .command('remind')
    .description('Send due training mails now: first notices with personal links, then reminders')
    .option('--json', 'JSON summary')
    .action((opts: { json?: boolean }) =>
      withContext(async ({ store, config }) => {
        const r = await sendTrainingMail(store, { smtp: config.smtp, publicUrl: config.publicUrl, actor: cliActor() });
        if (opts.json) printJsonLine(r);
        else {
          process.stdout.write(`${t(config.lang, 'train.cli.mail', { sent: r.sent, failed: r.failed })}\n`);
          for (const e of r.errors) process.stderr.write(`  ${e.assignment}: ${e.message}\n`);
        }
      }),
    );
}
