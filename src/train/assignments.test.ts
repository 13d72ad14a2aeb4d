import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStaffCsv } from '../org/index.ts';
import { openTestStore, testBackends, type TestStore } from '../store/testing.ts';
import { assignLesson, enrolAfterDrillFailure, listAssignments, resolveStaffToken } from './assignments.ts';
import { trainingContent } from './content.ts';
import { lessonsForDrillFailure } from './lure-map.ts';
import { mailDue, sendTrainingMail } from './mail.ts';
import { getProgress, markLessonRead, openStaffSession, progressReport, recordStaffAnswer } from './progress.ts';
import { startSmtpSink } from './testing.ts';

const admin = { id: null, label: 'test-admin' };
const tokenOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

describe('lesson choice after a drill failure', () => {
  it('teaches attachments after an attachment lure and adds passwords when credentials were typed', () => {
    expect(lessonsForDrillFailure('invoice_attachment', 'clicked')).toEqual([{ lessonId: 'attachments', exerciseSet: 'attachments' }]);
    expect(lessonsForDrillFailure('colleague_impersonation', 'clicked')[0]).toEqual({ lessonId: 'spear-phishing', exerciseSet: 'impersonation' });
    expect(lessonsForDrillFailure('OneDrive share', 'submitted_credentials').map((c) => c.lessonId)).toEqual(['lookalike-links', 'passwords']);
    expect(lessonsForDrillFailure('something new', 'clicked')).toEqual([{ lessonId: 'spear-phishing', exerciseSet: 'general' }]);
  });
});

describe('reminder schedule', () => {
  const now = new Date('2017-04-18T09:00:00Z');
  const base = { notified_at: '2017-04-13T09:00:00Z', due_at: '2017-04-20T09:00:00Z', reminders_sent: 0, last_reminder_at: null };
  it('sends the first notice, then reminders near and after the due date, at most three', () => {
    expect(mailDue({ ...base, notified_at: null }, now)).toBe('assigned');
    expect(mailDue(base, new Date('2017-04-15T09:00:00Z'))).toBeUndefined();
    expect(mailDue(base, now)).toBe('reminder');
    expect(mailDue({ ...base, last_reminder_at: '2017-04-17T09:00:00Z', reminders_sent: 1 }, now)).toBeUndefined();
    expect(mailDue({ ...base, reminders_sent: 1, last_reminder_at: '2017-04-18T09:00:00Z' }, new Date('2017-04-21T09:00:00Z'))).toBe('overdue');
    expect(mailDue({ ...base, reminders_sent: 3 }, new Date('2017-05-01T09:00:00Z'))).toBeUndefined();
  });
});

for (const kind of testBackends) {
  describe(`training assignments on ${kind}`, () => {
    let t: TestStore;
    const content = trainingContent();
    const t0 = new Date('2017-04-13T17:00:00Z');
    beforeAll(async () => {
      t = await openTestStore(kind);
      await importStaffCsv(
        t.store,
        'nom;email;département;rôle;langue\nLéa Fontaine;lea.fontaine@en-marche.fr;numérique;dev;fr\nKarim Haddad;karim.haddad@en-marche.fr;finances;comptable;fr\nAnna Smith;anna.smith@en-marche.fr;finances;analyst;en\n',
      );
    });
    afterAll(async () => {
      await t?.cleanup();
    });

    it('enrols after a drill failure with the lesson matching the lure, a due date and a working link', async () => {
      const [a, b] = await enrolAfterDrillFailure(t.store, { staffEmail: 'Lea.Fontaine@en-marche.fr', lureKind: 'onedrive_share', failedStep: 'submitted_credentials', drillRef: 'd1' }, { now: t0 });
      expect(a).toMatchObject({ staffEmail: 'lea.fontaine@en-marche.fr', lessonId: 'lookalike-links', exerciseSet: 'links', reason: 'drill', department: 'numérique', dueAt: '2017-04-20T17:00:00.000Z', created: true, status: 'assigned' });
      expect(b.lessonId).toBe('passwords');
      const row = await resolveStaffToken(t.store.db, tokenOf(a.path), t0);
      expect(row.id).toBe(a.id);
      // Enrolling again for the same unfinished lesson reuses it, with a fresh link.
      const [again] = await enrolAfterDrillFailure(t.store, { staffEmail: 'lea.fontaine@en-marche.fr', lureKind: 'onedrive_share', failedStep: 'clicked' }, { now: t0 });
      expect(again).toMatchObject({ id: a.id, created: false });
      expect(again.path).not.toBe(a.path);
      expect((await resolveStaffToken(t.store.db, tokenOf(a.path), t0)).id).toBe(a.id);
    });

    it('rejects unknown, malformed and expired links with the same answer', async () => {
      const [a] = await enrolAfterDrillFailure(t.store, { staffEmail: 'karim.haddad@en-marche.fr', lureKind: 'invoice_attachment', failedStep: 'opened_attachment' }, { now: t0 });
      await expect(resolveStaffToken(t.store.db, 'x'.repeat(32), t0)).rejects.toMatchObject({ id: 'train.link_invalid' });
      await expect(resolveStaffToken(t.store.db, '../../etc', t0)).rejects.toMatchObject({ id: 'train.link_invalid' });
      await expect(resolveStaffToken(t.store.db, tokenOf(a.path), new Date('2017-07-01T00:00:00Z'))).rejects.toMatchObject({ id: 'train.link_invalid' });
    });

    it('records answers, streaks and completion once the lesson is read and every exercise answered', async () => {
      const [a] = await enrolAfterDrillFailure(t.store, { staffEmail: 'anna.smith@en-marche.fr', lureKind: 'colleague_impersonation', failedStep: 'clicked' }, { now: t0 });
      expect(a.lang).toBe('en');
      const token = tokenOf(a.path);
      const s = await openStaffSession(t.store.db, token, { now: t0 });
      expect(s.exercises.length).toBeGreaterThanOrEqual(3);
      expect(s.exercises.every((x) => x.lang === 'en' && x.sets.includes('impersonation'))).toBe(true);
      // Answer everything first (first answer wrong), then read the lesson: completion waits for both.
      const [first, ...rest] = s.exercises;
      const wrong = await recordStaffAnswer(t.store, token, first.id, first.verdict === 'phish' ? 'legit' : 'phish', { now: t0 });
      expect(wrong).toMatchObject({ correct: false, completed: false });
      expect(wrong.progress).toMatchObject({ answered: 1, correct: 0, streak: 0 });
      // A second answer to the same exercise does not count.
      const dup = await recordStaffAnswer(t.store, token, first.id, first.verdict, { now: t0 });
      expect(dup.progress.answered).toBe(1);
      for (const x of rest) await recordStaffAnswer(t.store, token, x.id, x.verdict, { now: t0 });
      expect((await getProgress(t.store.db, 'anna.smith@en-marche.fr'))?.streak).toBe(rest.length);
      expect((await listAssignments(t.store.db, { email: 'anna.smith@en-marche.fr' }, t0))[0].status).toBe('assigned');
      const done = await markLessonRead(t.store, token, { now: new Date(t0.getTime() + 60_000) });
      expect(done.assignment.status).toBe('completed');
      const p = await getProgress(t.store.db, 'anna.smith@en-marche.fr');
      expect(p).toMatchObject({ answered: s.exercises.length, correct: rest.length, streak: rest.length, bestStreak: rest.length, lessonsCompleted: 1 });
      await expect(recordStaffAnswer(t.store, token, 'not-in-set', 'phish', { now: t0 })).rejects.toMatchObject({ id: 'train.exercise_not_found' });
    });

    it('lets an admin assign a lesson to a whole department, refusing unknown lessons and past dates', async () => {
      const out = await assignLesson(t.store, admin, { department: 'finances', lessonId: 'report', dueInDays: 10 }, { now: t0, content });
      expect(out.map((a) => a.staffEmail).sort()).toEqual(['anna.smith@en-marche.fr', 'karim.haddad@en-marche.fr']);
      expect(out[0]).toMatchObject({ reason: 'manual', exerciseSet: 'general', assignedBy: 'test-admin' });
      await expect(assignLesson(t.store, admin, { emails: ['x@en-marche.fr'], lessonId: 'nope' }, { now: t0 })).rejects.toMatchObject({ id: 'train.lesson_not_found' });
      await expect(assignLesson(t.store, admin, { emails: ['x@en-marche.fr'], lessonId: 'report', dueAt: '2017-01-01T00:00:00Z' }, { now: t0 })).rejects.toMatchObject({ id: 'train.due_in_past' });
      await expect(assignLesson(t.store, admin, { lessonId: 'report' }, { now: t0 })).rejects.toMatchObject({ id: 'train.bad_assignment' });
    });

    it('reports completion, overdue and accuracy per department', async () => {
      const r = await progressReport(t.store.db, new Date('2017-04-21T00:00:00Z'));
      const fin = r.groups.find((g) => g.department === 'finances');
      // Anna finished one lesson; she and Karim have 'report' open; Karim's attachments lesson is overdue.
      expect(fin).toMatchObject({ people: 2, completed: 1, assigned: 3, overdue: 1 });
      expect(fin?.completionRate).toBeCloseTo(1 / 4);
      expect(fin?.accuracy).toBeGreaterThan(0);
      expect(r.groups.find((g) => g.department === 'numérique')).toMatchObject({ assigned: 2, completed: 0, completionRate: 0, accuracy: null });
      expect(r.totals.people).toBe(3);
    });

    it('e-mails each new assignment a personal link, then reminds near the due date, through SMTP', async () => {
      const sink = await startSmtpSink();
      try {
        const opts = { smtp: { url: sink.url, from: 'securite@en-marche.fr' }, publicUrl: 'https://rempart.en-marche.fr/', now: new Date('2017-04-14T08:00:00Z') };
        const first = await sendTrainingMail(t.store, opts);
        const open = await listAssignments(t.store.db, { status: 'assigned' });
        expect(first).toMatchObject({ failed: 0, assigned: open.length, reminders: 0 });
        expect(sink.mails.length).toBe(open.length);
        const lea = sink.mails.find((m) => m.to.includes('lea.fontaine@en-marche.fr') && m.subject.includes('Domaines sosies'));
        expect(lea?.subject).toMatch(/^Leçon à suivre/);
        const url = lea?.text.match(/https:\/\/rempart\.en-marche\.fr\/apprendre\/moi\/[A-Za-z0-9_-]+/)?.[0];
        expect(url).toBeDefined();
        expect((await resolveStaffToken(t.store.db, tokenOf(url ?? ''), opts.now)).staff_email).toBe('lea.fontaine@en-marche.fr');
        const anna = sink.mails.find((m) => m.to.includes('anna.smith@en-marche.fr'));
        expect(anna?.subject).toMatch(/^Lesson to take/);
        // Nothing more the same day; reminders two days before the due date.
        expect((await sendTrainingMail(t.store, opts)).sent).toBe(0);
        const later = await sendTrainingMail(t.store, { ...opts, now: new Date('2017-04-19T08:00:00Z') });
        expect(later.reminders).toBeGreaterThan(0);
        expect(sink.mails.some((m) => m.subject.startsWith('Rappel'))).toBe(true);
      } finally {
        await sink.close();
      }
    });

    it('keeps a mail due when the SMTP server refuses it, so the next run retries', async () => {
      await assignLesson(t.store, admin, { emails: ['new.person@en-marche.fr'], lessonId: 'travel-wifi' }, { now: t0 });
      const r = await sendTrainingMail(t.store, { smtp: { url: 'smtp://127.0.0.1:1', from: 'a@en-marche.fr' }, publicUrl: 'https://r.example', now: t0, timeoutMs: 2000 });
      expect(r.sent).toBe(0);
      expect(r.failed).toBeGreaterThanOrEqual(1);
      const [a] = await listAssignments(t.store.db, { email: 'new.person@en-marche.fr' });
      expect(a.notifiedAt).toBeNull();
    });

    it('refuses to send mail without SMTP or a public URL', async () => {
      await expect(sendTrainingMail(t.store, { smtp: undefined, publicUrl: 'https://x.example' })).rejects.toMatchObject({ id: 'train.no_smtp' });
      await expect(sendTrainingMail(t.store, { smtp: { url: 'smtp://127.0.0.1:1', from: 'a@b.c' }, publicUrl: undefined })).rejects.toMatchObject({ id: 'train.no_public_url' });
    });
  });
}
