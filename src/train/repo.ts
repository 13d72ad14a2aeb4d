import type { Selectable } from 'kysely';
import type { IsoTime } from '../store/index.ts';

export type AssignmentStatus = 'assigned' | 'completed' | 'cancelled';
export type AssignmentReason = 'drill' | 'manual' | 'demo';

export interface TrainAssignmentsTable {
  id: string;
  staff_email: string;
  lesson_id: string;
  exercise_set: string;
  lang: string;
  reason: AssignmentReason;
  lure_kind: string | null;
  failed_step: string | null;
  drill_ref: string | null;
  assigned_by: string;
  assigned_at: IsoTime;
  due_at: IsoTime;
  status: AssignmentStatus;
  lesson_read_at: IsoTime | null;
  completed_at: IsoTime | null;
  notified_at: IsoTime | null;
  reminders_sent: number;
  last_reminder_at: IsoTime | null;
}

export interface TrainLinksTable {
  token_hash: string;
  assignment_id: string;
  created_at: IsoTime;
  expires_at: IsoTime;
}

export interface TrainAnswersTable {
  id: string;
  staff_email: string;
  assignment_id: string | null;
  exercise_id: string;
  answer: 'phish' | 'legit';
  correct: number;
  answered_at: IsoTime;
}

export interface TrainProgressTable {
  staff_email: string;
  answered: number;
  correct: number;
  streak: number;
  best_streak: number;
  lessons_completed: number;
  last_activity_at: IsoTime | null;
}

export interface TrainOrgExercisesTable {
  id: string;
  lang: string;
  source: 'triage' | 'drill';
  /** JSON array of exercise set ids. */
  sets: string;
  verdict: 'phish' | 'legit';
  sender: string;
  recipient: string;
  subject: string;
  sent_at: IsoTime;
  /** JSON array of file names. */
  attachments: string;
  auth_results: string | null;
  /** JSON array of {signal?, text}. */
  cues: string;
  explanation: string;
  safe_html: string;
  created_by: string;
  created_at: IsoTime;
}

declare module '../store/schema.ts' {
  interface Database {
    train_org_exercises: TrainOrgExercisesTable;
    train_assignments: TrainAssignmentsTable;
    train_links: TrainLinksTable;
    train_answers: TrainAnswersTable;
    train_progress: TrainProgressTable;
  }
}

export type AssignmentRow = Selectable<TrainAssignmentsTable>;
export type ProgressRow = Selectable<TrainProgressTable>;
