import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStaffCsv, loadOrgContext } from '../org/index.ts';
import { openTestStore, testBackends, type TestStore } from '../store/testing.ts';
import { enrolAfterDrillFailure } from './assignments.ts';
import { addOrgExercise, anonymise, listOrgExercises } from './org-exercises.ts';
import { openStaffSession, recordStaffAnswer } from './progress.ts';

const actor = { id: null, label: 'analyst' };
const report = {
  source: 'triage' as const,
  verdict: 'phish' as const,
  from: 'Thomas Roux <thomas.roux@en-marche-fr.com>',
  to: 'Léa Fontaine <lea.fontaine@en-marche.fr>',
  subject: 'Léa, urgent : nouveau mot de passe',
  date: '2017-04-19T09:00:00+02:00',
  html: '<p>Bonjour Léa Fontaine,</p><p><a href="https://en-marche-fr.com/reset?u=lea.fontaine@en-marche.fr">https://en-marche.fr/reset</a></p><img src="https://en-marche-fr.com/p.gif"><script>x()</script>',
  signals: ['sender.staff_impersonation', 'links.text_href_mismatch', 'sender.lookalike_domain'] as const,
  explanation: 'Reçu par une collègue le 19 avril : un faux message du responsable sécurité.',
};

describe('anonymising an email for an exercise', () => {
  it('replaces staff names and addresses with stable pseudonyms and keeps the domains', () => {
    const org = { staff: [{ fullName: 'Léa Fontaine', email: 'lea.fontaine@en-marche.fr', aliases: ['lea.perso@gmail.com'] }] };
    expect(anonymise(['Bonjour LÉA  FONTAINE <lea.fontaine@en-marche.fr>, cc lea.perso@gmail.com'], org, 'fr')).toEqual(['Bonjour Personne 1 <personne.1@en-marche.fr>, cc personne.1@gmail.com']);
  });
});

for (const kind of testBackends) {
  describe(`organisation exercises on ${kind}`, () => {
    let t: TestStore;
    beforeAll(async () => {
      t = await openTestStore(kind);
      await importStaffCsv(t.store, 'nom;email;département\nLéa Fontaine;lea.fontaine@en-marche.fr;numérique\nThomas Roux;thomas.roux@en-marche.fr;numérique\n');
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('turns a triaged report into an anonymised, disarmed exercise with cues from its signals', async () => {
      const x = await addOrgExercise(t.store, actor, { ...report, signals: [...report.signals] }, await loadOrgContext(t.store.db));
      expect(x.from).toBe('Personne 2 <personne.2@en-marche-fr.com>');
      expect(x.to).toBe('Personne 1 <personne.1@en-marche.fr>');
      expect(`${x.subject} ${x.safeHtml}`).not.toMatch(/Léa|Fontaine|lea\.fontaine|thomas\.roux/i);
      expect(x.safeHtml).not.toMatch(/<a\b|<img|<script|href=|src=/);
      expect(x.safeHtml).toContain('https://en-marche-fr.com/reset?u=personne.1@en-marche.fr');
      expect(x.cues.map((c) => c.signal)).toEqual(['sender.staff_impersonation', 'links.text_href_mismatch', 'sender.lookalike_domain']);
      expect(x.sets).toEqual(expect.arrayContaining(['impersonation', 'links']));
      const stored = await t.store.db.selectFrom('train_org_exercises').selectAll().execute();
      expect(JSON.stringify(stored)).not.toMatch(/<script|lea\.fontaine/);
      expect((await listOrgExercises(t.store.db, 'fr', 'links')).map((e) => e.id)).toEqual([x.id]);
      expect(await listOrgExercises(t.store.db, 'en')).toEqual([]);
    });

    it('refuses a phishing exercise without any cue', async () => {
      await expect(addOrgExercise(t.store, actor, { ...report, signals: [] }, { staff: [] })).rejects.toMatchObject({ id: 'train.bad_exercise' });
    });

    it('adds the organisation’s exercises of the set to a staff assignment', async () => {
      const [a] = await enrolAfterDrillFailure(t.store, { staffEmail: 'thomas.roux@en-marche.fr', lureKind: 'colleague', failedStep: 'clicked' });
      const token = a.path.split('/').pop() ?? '';
      const s = await openStaffSession(t.store.db, token);
      const org = s.exercises.filter((e) => e.id.startsWith('org-'));
      expect(org).toHaveLength(1);
      const r = await recordStaffAnswer(t.store, token, org[0].id, 'phish');
      expect(r.correct).toBe(true);
    });
  });
}
