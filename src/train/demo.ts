import type { Store } from '../store/index.ts';
import { enrolAfterDrillFailure } from './assignments.ts';
import { trainingContent } from './content.ts';
import { loadOrgContext } from '../org/index.ts';
import { addOrgExercise } from './org-exercises.ts';
import { markLessonRead, recordStaffAnswer } from './progress.ts';

const DRILL_REF = 'demo-drill-2017-04';

/** Who fell for the April 2017 drill, and how (lure kind, failed step). */
const FAILURES: Array<[string, string, string]> = [
  ['lea.fontaine@en-marche.fr', 'colleague_impersonation', 'opened_attachment'],
  ['karim.haddad@en-marche.fr', 'invoice_attachment', 'opened_attachment'],
  ['lucie.bertrand@en-marche.fr', 'onedrive_share', 'submitted_credentials'],
  ['sophie.lemaire@en-marche.fr', 'password_expiry', 'submitted_credentials'],
  ['nicolas.faure@en-marche.fr', 'colleague_impersonation', 'clicked'],
  ['paul.lefevre@en-marche.fr', 'parcel_delivery', 'clicked'],
  ['guillaume.rey@en-marche.fr', 'onedrive_share', 'clicked'],
  ['olivier.chevalier@en-marche.fr', 'ceo_transfer', 'replied'],
];

/**
 * Demo: the drill of 13 April 2017 and its follow-up. Eight people were caught; they get the
 * matching lessons due a week later; five of them finish within two days. Idempotent.
 */
export async function demoTrainingStep(store: Store): Promise<string> {
  const done = await store.db.selectFrom('train_assignments').select('id').where('drill_ref', '=', DRILL_REF).executeTakeFirst();
  if (done) return 'training: April 2017 drill follow-up already loaded';
  const content = trainingContent();
  const assignedAt = new Date('2017-04-13T17:00:00Z');
  let assignments = 0;
  let completed = 0;
  for (const [i, [email, lure, step]] of FAILURES.entries()) {
    const created = await enrolAfterDrillFailure(store, { staffEmail: email, lureKind: lure, failedStep: step, drillRef: DRILL_REF }, { now: assignedAt, content });
    assignments += created.length;
    if (i >= 5) continue;
    for (const a of created) {
      const token = a.path.split('/').pop() ?? '';
      const at = new Date(assignedAt.getTime() + (i + 1) * 6 * 3600_000);
      await markLessonRead(store, token, { now: at, content });
      const ex = content.exercises.set('fr', a.exerciseSet).slice(0, 4);
      for (const [j, e] of ex.entries()) {
        // A realistic mix: most answers right, the first answer of every other person wrong.
        const answer = j === 0 && i % 2 === 1 ? (e.verdict === 'phish' ? 'legit' : 'phish') : e.verdict;
        const r = await recordStaffAnswer(store, token, e.id, answer, { now: new Date(at.getTime() + (j + 1) * 60_000), content });
        if (r.completed) completed++;
      }
    }
  }
  // The wave reported on 20 April, turned into an exercise for everyone (names replaced).
  await addOrgExercise(
    store,
    { id: null, label: 'demo' },
    {
      source: 'triage',
      verdict: 'phish',
      from: 'Mounir Mahjoubi <m.mahjoubi@en-marche-fr.com>',
      to: 'lea.fontaine@en-marche.fr',
      subject: 'Protégez-vous : deux outils à installer aujourd’hui',
      date: '2017-04-20T07:31:00+02:00',
      html: '<p>Léa,</p><p>Suite aux attaques, installe <b>tout de suite</b> les deux outils joints, c’est obligatoire avant ce soir.</p><p>Mounir</p><img src="https://en-marche-fr.com/o.gif?u=lea">',
      attachments: ['Protection_1.docm', 'Protection_2.pdf.exe'],
      authResults: 'dmarc=none (en-marche-fr.com)',
      signals: ['sender.staff_impersonation', 'sender.lookalike_domain', 'attachments.double_extension', 'language.urgency'],
      explanation: 'Signalé par une collègue le 20 avril 2017 : la dernière vague, au nom du directeur du numérique, depuis un domaine sosie.',
    },
    await loadOrgContext(store.db),
  );
  return `training: ${assignments} lessons assigned after the April 2017 drill, ${completed} completed, 1 exercise from a reported message`;
}
