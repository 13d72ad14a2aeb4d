import { enrolAfterDrillFailure, issueLink, listAssignments } from '../train/index.ts';
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

/** Enrols whoever clicks or submits in the training that matches the lure (training capability). */
export const trainingFollowUp: FollowUp = {
  async onFailure(store, r, lure, step) {
    if (!r.email) return; // anonymous campaigns keep no person to enrol
    await enrolAfterDrillFailure(store, { staffEmail: r.email, lureKind: lure, failedStep: step === 'submitted' ? 'submitted_credentials' : 'clicked', drillRef: r.campaign_id, lang: r.lang === 'en' ? 'en' : 'fr' });
  },
  async lessonUrl(store, r) {
    if (!r.email) return undefined;
    const open = (await listAssignments(store.db, { email: r.email, status: 'assigned', limit: 20 })).find((a) => a.drillRef === r.campaign_id);
    return open ? issueLink(store.db, { id: open.id, due_at: open.dueAt }) : undefined;
  },
};

/** Follow-ups run in order; a failing follow-up never breaks tracking. Capabilities add theirs here. */
export const followUps: FollowUp[] = [trainingFollowUp];
