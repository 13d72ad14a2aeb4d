import type { Store } from '../store/index.ts';
import type { RecipientRow } from './repo.ts';
import type { LureKind } from './templates.ts';

/** What happens after a drill step: training enrolment on failure, thanks on report. */
export interface FollowUp {
  /** Called once when a person clicks or submits (training enrolment). */
  onFailure?(store: Store, r: RecipientRow, lure: LureKind, step: 'clicked' | 'submitted'): Promise<void>;
  onReport?(store: Store, r: RecipientRow): Promise<void>;
  /** The lesson a person was enrolled in after this drill, for the "it was a drill" page. */
  lessonUrl?(store: Store, r: RecipientRow): Promise<string | undefined>;
}

/** Follow-ups run in order; a failing follow-up never breaks tracking. Capabilities add theirs here. */
export const followUps: FollowUp[] = [];
