import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('train_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_email', 'text', (c) => c.notNull())
    .addColumn('lesson_id', 'text', (c) => c.notNull())
    .addColumn('exercise_set', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('fr'))
    // drill | manual | demo
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('lure_kind', 'text')
    .addColumn('failed_step', 'text')
    .addColumn('drill_ref', 'text')
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    // assigned | completed | cancelled
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('assigned'))
    .addColumn('lesson_read_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('notified_at', 'text')
    .addColumn('reminders_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reminder_at', 'text')
    .execute();
  await db.schema.createIndex('train_assignments_staff').on('train_assignments').columns(['staff_email', 'status']).execute();
  await db.schema.createIndex('train_assignments_due').on('train_assignments').columns(['status', 'due_at']).execute();

  // Per-assignment links sent by e-mail; only a hash of the token is kept.
  await db.schema
    .createTable('train_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('train_assignments.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('train_links_assignment').on('train_links').column('assignment_id').execute();

  await db.schema
    .createTable('train_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_email', 'text', (c) => c.notNull())
    .addColumn('assignment_id', 'text', (c) => c.references('train_assignments.id').onDelete('cascade'))
    .addColumn('exercise_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute();
  // One answer per exercise per assignment: the first one counts, a double submit cannot add points.
  await db.schema.createIndex('train_answers_assignment').on('train_answers').columns(['assignment_id', 'exercise_id']).unique().execute();
  await db.schema.createIndex('train_answers_staff').on('train_answers').column('staff_email').execute();

  await db.schema
    .createTable('train_progress')
    .addColumn('staff_email', 'text', (c) => c.primaryKey())
    .addColumn('answered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('correct', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('best_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lessons_completed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'text')
    .execute();

  // The organisation's own mail (triaged reports, drill templates) turned into exercises:
  // anonymised and disarmed when added; the original HTML is never kept.
  await db.schema
    .createTable('train_org_exercises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lang', 'text', (c) => c.notNull())
    // triage | drill
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sets', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('auth_results', 'text')
    .addColumn('cues', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('safe_html', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
