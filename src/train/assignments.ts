import { z } from 'zod';
import { audit, systemActor, type Actor } from '../access/index.ts';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { newId, secretToken, sha256Hex } from '../core/ids.ts';
import type { Lang } from '../core/i18n.ts';
import type { Db, Store, Tx } from '../store/index.ts';
import { trainingContent, type TrainingContent } from './content.ts';
import type { Exercise } from './exercises.ts';
import { lessonsForDrillFailure } from './lure-map.ts';
import type { AssignmentReason, AssignmentRow, AssignmentStatus } from './repo.ts';

/** Days to complete a lesson when nobody says otherwise: short enough to follow the drill while it is remembered. */
export const DEFAULT_DUE_DAYS = 7;
/** Exercises practised per assignment: the five-minute budget of a lesson plus a few emails. */
export const EXERCISES_PER_ASSIGNMENT = 4;
/** A link stays valid this long after the due date, so a late learner can still finish. */
const LINK_GRACE_MS = 30 * 86400_000;
/** Where staff links point, under the public base URL. */
export const STAFF_PATH_PREFIX = '/apprendre/moi/';

/** An assignment as the API and CLI show it. */
export interface Assignment {
  id: string;
  staffEmail: string;
  department: string | null;
  lessonId: string;
  exerciseSet: string;
  lang: Lang;
  reason: AssignmentReason;
  lureKind: string | null;
  failedStep: string | null;
  drillRef: string | null;
  assignedBy: string;
  assignedAt: string;
  dueAt: string;
  status: AssignmentStatus;
  overdue: boolean;
  lessonReadAt: string | null;
  completedAt: string | null;
  notifiedAt: string | null;
  remindersSent: number;
}

export function toAssignment(r: AssignmentRow, department: string | null = null, now: Date = new Date()): Assignment {
  return {
    id: r.id,
    staffEmail: r.staff_email,
    department,
    lessonId: r.lesson_id,
    exerciseSet: r.exercise_set,
    lang: r.lang === 'en' ? 'en' : 'fr',
    reason: r.reason,
    lureKind: r.lure_kind,
    failedStep: r.failed_step,
    drillRef: r.drill_ref,
    assignedBy: r.assigned_by,
    assignedAt: r.assigned_at,
    dueAt: r.due_at,
    status: r.status,
    overdue: r.status === 'assigned' && Date.parse(r.due_at) < now.getTime(),
    lessonReadAt: r.lesson_read_at,
    completedAt: r.completed_at,
    notifiedAt: r.notified_at,
    remindersSent: r.reminders_sent,
  };
}

const emailSchema = z.string().trim().toLowerCase().email().max(254);

/** Creates a fresh link token for an assignment; only its hash is stored. Returns the path to send. */
export async function issueLink(db: Db, a: Pick<AssignmentRow, 'id' | 'due_at'>, now: Date = new Date()): Promise<string> {
  const token = secretToken(24);
  const expires = Math.max(Date.parse(a.due_at), now.getTime()) + LINK_GRACE_MS;
  await db
    .insertInto('train_links')
    .values({ token_hash: sha256Hex(token), assignment_id: a.id, created_at: now.toISOString(), expires_at: new Date(expires).toISOString() })
    .execute();
  return `${STAFF_PATH_PREFIX}${token}`;
}

async function staffInfo(db: Db, email: string): Promise<{ lang: Lang | null; department: string | null }> {
  const r = await db.selectFrom('org_staff').select(['lang', 'department']).where('email', '=', email).executeTakeFirst();
  return { lang: r ? (r.lang === 'en' ? 'en' : 'fr') : null, department: r?.department ?? null };
}

interface CreateInput {
  staffEmail: string;
  lessonId: string;
  exerciseSet: string;
  reason: AssignmentReason;
  dueAt: Date;
  lang?: Lang;
  lureKind?: string | null;
  failedStep?: string | null;
  drillRef?: string | null;
}

export interface CreatedAssignment extends Assignment {
  /** False when an open assignment of the same lesson already existed and was reused. */
  created: boolean;
  /** Path of a fresh staff link (`/apprendre/moi/<token>`), to show or send right away. */
  path: string;
}

async function createOrReuse(trx: Tx, actor: Actor, input: CreateInput, now: Date): Promise<CreatedAssignment> {
  const info = await staffInfo(trx, input.staffEmail);
  const existing = await trx
    .selectFrom('train_assignments')
    .selectAll()
    .where('staff_email', '=', input.staffEmail)
    .where('lesson_id', '=', input.lessonId)
    .where('status', '=', 'assigned')
    .executeTakeFirst();
  if (existing) {
    const path = await issueLink(trx, existing, now);
    return { ...toAssignment(existing, info.department, now), created: false, path };
  }
  const row: AssignmentRow = {
    id: newId(now.getTime()),
    staff_email: input.staffEmail,
    lesson_id: input.lessonId,
    exercise_set: input.exerciseSet,
    lang: input.lang ?? info.lang ?? 'fr',
    reason: input.reason,
    lure_kind: input.lureKind ?? null,
    failed_step: input.failedStep ?? null,
    drill_ref: input.drillRef ?? null,
    assigned_by: actor.label,
    assigned_at: now.toISOString(),
    due_at: input.dueAt.toISOString(),
    status: 'assigned',
    lesson_read_at: null,
    completed_at: null,
    notified_at: null,
    reminders_sent: 0,
    last_reminder_at: null,
  };
  await trx.insertInto('train_assignments').values(row).execute();
  await audit(trx, actor, `train.assign.${input.reason}`, input.staffEmail, { assignment: row.id, lesson: row.lesson_id, due: row.due_at, lure: row.lure_kind });
  const path = await issueLink(trx, row, now);
  return { ...toAssignment(row, info.department, now), created: true, path };
}

export const enrolInputSchema = z.object({
  staffEmail: emailSchema,
  /** What the drill's lure was (`colleague_impersonation`, `attachment`, `password_expiry`…). */
  lureKind: z.string().trim().min(1).max(100),
  /** How far the person went (`clicked`, `submitted_credentials`, `opened_attachment`…). */
  failedStep: z.string().trim().min(1).max(100),
  /** The drill campaign, for the report. */
  drillRef: z.string().trim().max(100).optional(),
  lang: z.enum(['fr', 'en']).optional(),
  dueInDays: z.number().int().min(1).max(90).optional(),
});
export type EnrolInput = z.input<typeof enrolInputSchema>;

/**
 * The drill capability calls this when someone falls for a drill: it assigns the lesson that
 * matches the lure (and a second one when credentials were typed or a file opened), with a due
 * date, and returns fresh links. Re-enrolling someone for a lesson they have not finished reuses
 * the open assignment instead of piling up duplicates.
 */
export async function enrolAfterDrillFailure(
  store: Store,
  input: EnrolInput,
  opts: { now?: Date; actor?: Actor; content?: TrainingContent } = {},
): Promise<CreatedAssignment[]> {
  const parsed = enrolInputSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw ValidationError('train.bad_enrolment', `Invalid enrolment field "${i.path.join('.')}": ${i.message}`);
  }
  const p = parsed.data;
  const now = opts.now ?? new Date();
  const content = opts.content ?? trainingContent();
  const choices = lessonsForDrillFailure(p.lureKind, p.failedStep).filter((c) => content.lessons.ids.includes(c.lessonId));
  const dueAt = new Date(now.getTime() + (p.dueInDays ?? DEFAULT_DUE_DAYS) * 86400_000);
  const actor = opts.actor ?? { ...systemActor, label: 'drill' };
  return store.transaction(async (trx) => {
    const out: CreatedAssignment[] = [];
    for (const c of choices)
      out.push(
        await createOrReuse(trx, actor, { staffEmail: p.staffEmail, lessonId: c.lessonId, exerciseSet: c.exerciseSet, reason: 'drill', dueAt, lang: p.lang, lureKind: p.lureKind, failedStep: p.failedStep, drillRef: p.drillRef ?? null }, now),
      );
    return out;
  });
}

export const manualAssignSchema = z
  .object({
    emails: z.array(emailSchema).max(1000).optional(),
    /** Everyone active in this department. */
    department: z.string().trim().min(1).max(100).optional(),
    lessonId: z.string().min(1).max(80),
    exerciseSet: z.string().min(1).max(80).optional(),
    dueAt: z.string().datetime({ offset: true }).optional(),
    dueInDays: z.number().int().min(1).max(365).optional(),
    lang: z.enum(['fr', 'en']).optional(),
  })
  .refine((v) => (v.emails?.length ?? 0) > 0 || !!v.department, { message: 'give emails or a department' });
export type ManualAssignInput = z.input<typeof manualAssignSchema>;

/** An admin assigns a lesson by hand to people or to a whole department. */
export async function assignLesson(store: Store, actor: Actor, input: ManualAssignInput, opts: { now?: Date; content?: TrainingContent } = {}): Promise<CreatedAssignment[]> {
  const parsed = manualAssignSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw ValidationError('train.bad_assignment', `Invalid assignment${i.path.length ? ` field "${i.path.join('.')}"` : ''}: ${i.message}`);
  }
  const p = parsed.data;
  const now = opts.now ?? new Date();
  const content = opts.content ?? trainingContent();
  const lesson = content.lessons.get('fr', p.lessonId);
  if (!lesson) throw NotFoundError('train.lesson_not_found', `No lesson "${p.lessonId}" (rempart train lessons lists them)`);
  const set = p.exerciseSet ?? lesson.exercises;
  if (!content.exercises.setIds.includes(set)) throw ValidationError('train.bad_exercise_set', `No exercise set "${set}" (sets: ${content.exercises.setIds.join(', ')})`);
  const dueAt = p.dueAt ? new Date(p.dueAt) : new Date(now.getTime() + (p.dueInDays ?? DEFAULT_DUE_DAYS) * 86400_000);
  if (dueAt.getTime() <= now.getTime()) throw ValidationError('train.due_in_past', 'The due date is in the past');
  const emails = new Set(p.emails ?? []);
  if (p.department) {
    const rows = await store.db.selectFrom('org_staff').select('email').where('department', '=', p.department).where('active', '=', 1).execute();
    if (rows.length === 0) throw NotFoundError('train.department_empty', `Nobody active in department "${p.department}"`);
    for (const r of rows) emails.add(r.email.toLowerCase());
  }
  return store.transaction(async (trx) => {
    const out: CreatedAssignment[] = [];
    for (const email of emails) out.push(await createOrReuse(trx, actor, { staffEmail: email, lessonId: lesson.id, exerciseSet: set, reason: 'manual', dueAt, lang: p.lang }, now));
    return out;
  });
}

/** The assignment a staff link opens, or a 404 that says nothing about why (unknown, expired, cancelled). */
export async function resolveStaffToken(db: Db, token: string, now: Date = new Date()): Promise<AssignmentRow> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw NotFoundError('train.link_invalid', 'This training link is not valid or has expired');
  const row = await db
    .selectFrom('train_links')
    .innerJoin('train_assignments', 'train_assignments.id', 'train_links.assignment_id')
    .selectAll('train_assignments')
    .select('train_links.expires_at')
    .where('train_links.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || Date.parse(row.expires_at) < now.getTime() || row.status === 'cancelled') throw NotFoundError('train.link_invalid', 'This training link is not valid or has expired');
  const { expires_at: _e, ...a } = row;
  return a;
}

/** The exercises an assignment asks for: the first few of its set, in a stable order. */
export function assignmentExercises(content: TrainingContent, a: Pick<AssignmentRow, 'exercise_set' | 'lang'>): Exercise[] {
  const lang: Lang = a.lang === 'en' ? 'en' : 'fr';
  return content.exercises.set(lang, a.exercise_set).slice(0, EXERCISES_PER_ASSIGNMENT);
}

export async function listAssignments(
  db: Db,
  filter: { status?: AssignmentStatus; email?: string; department?: string; overdue?: boolean; limit?: number } = {},
  now: Date = new Date(),
): Promise<Assignment[]> {
  let q = db
    .selectFrom('train_assignments')
    .leftJoin('org_staff', 'org_staff.email', 'train_assignments.staff_email')
    .selectAll('train_assignments')
    .select('org_staff.department')
    .orderBy('train_assignments.id', 'desc')
    .limit(Math.min(filter.limit ?? 500, 5000));
  if (filter.status) q = q.where('train_assignments.status', '=', filter.status);
  if (filter.email) q = q.where('train_assignments.staff_email', '=', filter.email.toLowerCase());
  if (filter.department) q = q.where('org_staff.department', '=', filter.department);
  if (filter.overdue) q = q.where('train_assignments.status', '=', 'assigned').where('train_assignments.due_at', '<', now.toISOString());
  const rows = await q.execute();
  return rows.map(({ department, ...r }) => toAssignment(r, department ?? null, now));
}

/** An admin withdraws an assignment (the person left, or it was a mistake). */
export async function cancelAssignment(store: Store, actor: Actor, id: string): Promise<void> {
  await store.transaction(async (trx) => {
    const r = await trx.updateTable('train_assignments').set({ status: 'cancelled' }).where('id', '=', id).where('status', '=', 'assigned').executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw NotFoundError('train.assignment_not_found', `No open assignment ${id}`);
    await audit(trx, actor, 'train.cancel', id);
  });
}
