import { sql } from 'kysely';
import { audit, type Actor } from '../access/index.ts';
import { NotFoundError } from '../core/errors.ts';
import { newId } from '../core/ids.ts';
import type { Db, Store, Tx } from '../store/index.ts';
import { assignmentExercises, resolveStaffToken, toAssignment, type Assignment } from './assignments.ts';
import { trainingContent, type TrainingContent } from './content.ts';
import type { Exercise } from './exercises.ts';
import { listOrgExercises, ORG_EXERCISES_PER_ASSIGNMENT } from './org-exercises.ts';
import type { AssignmentRow, ProgressRow } from './repo.ts';

export type Answer = 'phish' | 'legit';

/** One person's running score: answers, correct answers, current and best streak of correct answers. */
export interface Progress {
  staffEmail: string;
  answered: number;
  correct: number;
  /** Correct answers in a row, up to the latest answer. */
  streak: number;
  bestStreak: number;
  lessonsCompleted: number;
  lastActivityAt: string | null;
}

function toProgress(r: ProgressRow): Progress {
  return { staffEmail: r.staff_email, answered: r.answered, correct: r.correct, streak: r.streak, bestStreak: r.best_streak, lessonsCompleted: r.lessons_completed, lastActivityAt: r.last_activity_at };
}

/** Pure scoring step, shared by staff progress and the stateless public score. */
export function score(prev: { answered: number; correct: number; streak: number; bestStreak: number }, correct: boolean) {
  const streak = correct ? prev.streak + 1 : 0;
  return { answered: prev.answered + 1, correct: prev.correct + (correct ? 1 : 0), streak, bestStreak: Math.max(prev.bestStreak, streak) };
}

/**
 * Updates a person's score in the database with increments computed by the database itself, so
 * two answers landing at once (two tabs, two server processes) both count.
 */
async function bumpProgress(trx: Tx, email: string, now: Date, change: { correct?: boolean; lessonCompleted?: boolean }): Promise<Progress> {
  await trx
    .insertInto('train_progress')
    .values({ staff_email: email, answered: 0, correct: 0, streak: 0, best_streak: 0, lessons_completed: 0, last_activity_at: now.toISOString() })
    .onConflict((oc) => oc.column('staff_email').doNothing())
    .execute();
  let q = trx.updateTable('train_progress').set({ last_activity_at: now.toISOString() }).where('staff_email', '=', email);
  if (change.correct === true)
    q = q.set({
      answered: sql<number>`answered + 1`,
      correct: sql<number>`correct + 1`,
      streak: sql<number>`streak + 1`,
      best_streak: sql<number>`case when streak + 1 > best_streak then streak + 1 else best_streak end`,
    });
  if (change.correct === false) q = q.set({ answered: sql<number>`answered + 1`, streak: 0 });
  if (change.lessonCompleted) q = q.set({ lessons_completed: sql<number>`lessons_completed + 1` });
  await q.execute();
  return toProgress(await trx.selectFrom('train_progress').selectAll().where('staff_email', '=', email).executeTakeFirstOrThrow());
}

/** Where a staff member stands on one assignment. */
export interface StaffSession {
  assignment: Assignment;
  exercises: Exercise[];
  /** Exercise ids already answered on this assignment. */
  answered: string[];
  /** The next exercise to do, or undefined when all are done. */
  next: Exercise | undefined;
}

/** Built-in exercises of the assignment's set, then the newest of the organisation's own in that set. */
async function exercisesFor(db: Db, content: TrainingContent, row: AssignmentRow): Promise<Exercise[]> {
  const org = await listOrgExercises(db, row.lang === 'en' ? 'en' : 'fr', row.exercise_set);
  return [...assignmentExercises(content, row), ...org.slice(0, ORG_EXERCISES_PER_ASSIGNMENT)];
}

async function sessionOf(db: Db, content: TrainingContent, row: AssignmentRow, now: Date): Promise<StaffSession> {
  const exercises = await exercisesFor(db, content, row);
  const done = await db.selectFrom('train_answers').select('exercise_id').where('assignment_id', '=', row.id).execute();
  const answered = [...new Set(done.map((d) => d.exercise_id))];
  return { assignment: toAssignment(row, null, now), exercises, answered, next: exercises.find((e) => !answered.includes(e.id)) };
}

/** Opens a staff link: the assignment, its exercises and what is left to do. */
export async function openStaffSession(db: Db, token: string, opts: { now?: Date; content?: TrainingContent } = {}): Promise<StaffSession> {
  const now = opts.now ?? new Date();
  const row = await resolveStaffToken(db, token, now);
  return sessionOf(db, opts.content ?? trainingContent(), row, now);
}

async function completeIfDone(trx: Tx, row: AssignmentRow, content: TrainingContent, now: Date): Promise<boolean> {
  if (row.status !== 'assigned' || !row.lesson_read_at) return false;
  const s = await sessionOf(trx, content, row, now);
  if (s.next) return false;
  await trx.updateTable('train_assignments').set({ status: 'completed', completed_at: now.toISOString() }).where('id', '=', row.id).execute();
  await bumpProgress(trx, row.staff_email, now, { lessonCompleted: true });
  const actor: Actor = { id: null, label: row.staff_email };
  await audit(trx, actor, 'train.complete', row.id, { lesson: row.lesson_id });
  return true;
}

/** The person says they have read the lesson. Idempotent. */
export async function markLessonRead(store: Store, token: string, opts: { now?: Date; content?: TrainingContent } = {}): Promise<StaffSession> {
  const now = opts.now ?? new Date();
  const content = opts.content ?? trainingContent();
  return store.transaction(async (trx) => {
    const row = await resolveStaffToken(trx, token, now);
    if (!row.lesson_read_at) {
      await trx.updateTable('train_assignments').set({ lesson_read_at: now.toISOString() }).where('id', '=', row.id).execute();
      row.lesson_read_at = now.toISOString();
      await completeIfDone(trx, row, content, now);
    }
    const fresh = await trx.selectFrom('train_assignments').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return sessionOf(trx, content, fresh, now);
  });
}

export interface AnswerResult {
  exercise: Exercise;
  answer: Answer;
  correct: boolean;
  progress: Progress;
  /** True when this answer finished the assignment. */
  completed: boolean;
  session: StaffSession;
}

/**
 * Records a staff member's answer to one exercise of their assignment and updates their score.
 * Only the first answer to an exercise counts for the streak, so reloading a page and answering
 * again cannot farm points.
 */
export async function recordStaffAnswer(store: Store, token: string, exerciseId: string, answer: Answer, opts: { now?: Date; content?: TrainingContent } = {}): Promise<AnswerResult> {
  const now = opts.now ?? new Date();
  const content = opts.content ?? trainingContent();
  return store.transaction(async (trx) => {
    const row = await resolveStaffToken(trx, token, now);
    const exercise = (await exercisesFor(trx, content, row)).find((e) => e.id === exerciseId);
    if (!exercise) throw NotFoundError('train.exercise_not_found', 'This exercise is not part of the assignment');
    const correct = exercise.verdict === answer;
    const inserted = await trx
      .insertInto('train_answers')
      .values({ id: newId(now.getTime()), staff_email: row.staff_email, assignment_id: row.id, exercise_id: exerciseId, answer, correct: correct ? 1 : 0, answered_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['assignment_id', 'exercise_id']).doNothing())
      .executeTakeFirst();
    let progress: Progress;
    let completed = false;
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
      const p = await trx.selectFrom('train_progress').selectAll().where('staff_email', '=', row.staff_email).executeTakeFirst();
      progress = p ? toProgress(p) : { staffEmail: row.staff_email, answered: 0, correct: 0, streak: 0, bestStreak: 0, lessonsCompleted: 0, lastActivityAt: null };
    } else {
      progress = await bumpProgress(trx, row.staff_email, now, { correct });
      completed = await completeIfDone(trx, row, content, now);
      if (completed) progress = { ...progress, lessonsCompleted: progress.lessonsCompleted + 1 };
    }
    const fresh = await trx.selectFrom('train_assignments').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return { exercise, answer, correct, progress, completed, session: await sessionOf(trx, content, fresh, now) };
  });
}

export async function getProgress(db: Db, email: string): Promise<Progress | undefined> {
  const r = await db.selectFrom('train_progress').selectAll().where('staff_email', '=', email.toLowerCase()).executeTakeFirst();
  return r ? toProgress(r) : undefined;
}

export interface PersonReport extends Progress {
  department: string | null;
  assigned: number;
  completed: number;
  overdue: number;
}

export interface GroupReport {
  department: string;
  people: number;
  assigned: number;
  completed: number;
  overdue: number;
  /** completed / (assigned + completed), 0..1, null when nothing was assigned. */
  completionRate: number | null;
  answered: number;
  /** correct / answered, 0..1, null when nothing was answered. */
  accuracy: number | null;
}

export interface ProgressReport {
  people: PersonReport[];
  groups: GroupReport[];
  totals: Omit<GroupReport, 'department'>;
}

const NO_DEPARTMENT = '(sans département / no department)';

/** Completion and scores per person and per department (the org directory's department). */
export async function progressReport(db: Db, now: Date = new Date()): Promise<ProgressReport> {
  const nowIso = now.toISOString();
  const counts = await db
    .selectFrom('train_assignments')
    .select([
      'staff_email',
      sql<number>`sum(case when status = 'assigned' then 1 else 0 end)`.as('open'),
      sql<number>`sum(case when status = 'completed' then 1 else 0 end)`.as('done'),
      sql<number>`sum(case when status = 'assigned' and due_at < ${nowIso} then 1 else 0 end)`.as('late'),
    ])
    .groupBy('staff_email')
    .execute();
  const progress = await db.selectFrom('train_progress').selectAll().execute();
  const staff = await db.selectFrom('org_staff').select(['email', 'department']).execute();
  const dept = new Map(staff.map((s) => [s.email.toLowerCase(), s.department]));
  const emails = new Set([...counts.map((c) => c.staff_email), ...progress.map((p) => p.staff_email)]);
  const people: PersonReport[] = [...emails].sort().map((email) => {
    const c = counts.find((x) => x.staff_email === email);
    const p = progress.find((x) => x.staff_email === email);
    return {
      ...(p ? toProgress(p) : { staffEmail: email, answered: 0, correct: 0, streak: 0, bestStreak: 0, lessonsCompleted: 0, lastActivityAt: null }),
      department: dept.get(email) ?? null,
      assigned: Number(c?.open ?? 0),
      completed: Number(c?.done ?? 0),
      overdue: Number(c?.late ?? 0),
    };
  });
  const groupOf = (rows: PersonReport[]) => {
    const assigned = rows.reduce((a, r) => a + r.assigned, 0);
    const completed = rows.reduce((a, r) => a + r.completed, 0);
    const answered = rows.reduce((a, r) => a + r.answered, 0);
    const correct = rows.reduce((a, r) => a + r.correct, 0);
    return {
      people: rows.length,
      assigned,
      completed,
      overdue: rows.reduce((a, r) => a + r.overdue, 0),
      completionRate: assigned + completed ? completed / (assigned + completed) : null,
      answered,
      accuracy: answered ? correct / answered : null,
    };
  };
  const byDept = new Map<string, PersonReport[]>();
  for (const p of people) {
    const k = p.department ?? NO_DEPARTMENT;
    byDept.set(k, [...(byDept.get(k) ?? []), p]);
  }
  const groups = [...byDept.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([department, rows]) => ({ department, ...groupOf(rows) }));
  return { people, groups, totals: groupOf(people) };
}
