import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createUser, systemActor } from '../../access/index.ts';
import { loadConfig } from '../../core/config.ts';
import { silentLogger } from '../../core/logger.ts';
import { SecretBox } from '../../core/secrets.ts';
import { importStaffCsv } from '../../org/index.ts';
import { openTestStore, type TestStore } from '../../store/testing.ts';
import { enrolAfterDrillFailure } from '../../train/index.ts';
import { buildApp } from '../app.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('training routes', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let admin: string;
  let viewer: string;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    app = await buildApp({ config: loadConfig({}, {}), store: t.store, logger: silentLogger(), box: SecretBox.fromKey('b'.repeat(64)) }, { webDir: '/nonexistent' });
    const a = await createUser(t.store, systemActor, { username: 'admin', role: 'admin' });
    admin = (await createApiToken(t.store, systemActor, a.user.id, 't')).token;
    const v = await createUser(t.store, systemActor, { username: 'viewer', role: 'viewer' });
    viewer = (await createApiToken(t.store, systemActor, v.user.id, 't')).token;
    await importStaffCsv(t.store, 'nom;email;département\nLéa Fontaine;lea.fontaine@en-marche.fr;numérique\nHugo Perrin;hugo.perrin@en-marche.fr;numérique\n');
  });
  afterAll(async () => {
    await app?.close();
    await t?.cleanup();
  });

  describe('public pages', () => {
    it('serves /apprendre and /learn without cookie, embeddable by any site, with no external resource', async () => {
      for (const url of ['/apprendre', '/learn', '/apprendre/passwords', '/learn/report', '/apprendre/exercices', '/learn/exercises/parcel-fee']) {
        const r = await app.inject({ url });
        expect(r.statusCode, url).toBe(200);
        expect(r.headers['set-cookie'], url).toBeUndefined();
        expect(r.headers['x-frame-options'], url).toBeUndefined();
        expect(r.headers['content-security-policy']).toContain('frame-ancestors *');
        expect(r.headers['content-security-policy']).toContain("default-src 'none'");
        expect(r.body).not.toMatch(/<script|<link |<img|src=|https?:\/\/[^"]*\.(js|css|woff2?)\b/);
      }
    });

    it('answers an exercise posted as a plain form with the verdict, the cues and the triage signals, keeping nothing', async () => {
      const before = await t.store.db.selectFrom('train_answers').select('id').execute();
      const r = await app.inject({ method: 'POST', url: '/apprendre/exercices/colleague-2017', headers: FORM, payload: 'answer=legit&set=impersonation&s=2&n=2&k=2&b=2' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['set-cookie']).toBeUndefined();
      expect(r.body).toContain('Pas tout à fait');
      expect(r.body).toContain('sender.lookalike_domain');
      expect(r.body).toMatch(/Score\s:\s2 sur 3 · série en cours\s:\s0 · meilleure série\s:\s2/);
      expect(r.body).toMatch(/href="\/apprendre\/exercices\/[a-z0-9-]+\?set=impersonation&amp;s=2&amp;n=3&amp;k=0&amp;b=2"/);
      expect(await t.store.db.selectFrom('train_answers').select('id').execute()).toEqual(before);
    });

    it('rate-limits answers per address, since the public pages have no login', async () => {
      const post = () => app.inject({ method: 'POST', url: '/learn/exercises/parcel-fee', headers: FORM, payload: 'answer=phish', remoteAddress: '203.0.113.9' });
      const codes: number[] = [];
      for (let i = 0; i < 61; i++) codes.push((await post()).statusCode);
      expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
      expect(codes[60]).toBe(429);
    });

    it('answers 404 pages for unknown lessons and rejects oversized or malformed forms', async () => {
      expect((await app.inject({ url: '/apprendre/nope' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: '/learn/exercises/parcel-fee', headers: FORM, payload: 'answer=maybe' })).statusCode).toBe(400);
      expect((await app.inject({ method: 'POST', url: '/learn/exercises/parcel-fee', headers: FORM, payload: `answer=phish&x=${'a'.repeat(10_000)}` })).statusCode).toBe(413);
    });
  });

  describe('staff pages', () => {
    it('follows an assignment link to the lesson, records reading and answers, refuses framing', async () => {
      const [a] = await enrolAfterDrillFailure(t.store, { staffEmail: 'hugo.perrin@en-marche.fr', lureKind: 'attachment', failedStep: 'clicked' });
      const lesson = await app.inject({ url: a.path });
      expect(lesson.statusCode).toBe(200);
      expect(lesson.headers['x-frame-options']).toBe('DENY');
      expect(lesson.headers['cache-control']).toBe('no-store');
      expect(lesson.body).toContain('Pièces jointes dangereuses');
      const read = await app.inject({ method: 'POST', url: `${a.path}/lu`, headers: FORM, payload: '' });
      expect(read.statusCode).toBe(303);
      const ex = String(read.headers.location);
      expect(ex).toMatch(/\/exercice\/[a-z0-9-]+$/);
      const ans = await app.inject({ method: 'POST', url: ex, headers: FORM, payload: 'answer=phish' });
      expect(ans.statusCode).toBe(200);
      const rows = await t.store.db.selectFrom('train_answers').selectAll().where('assignment_id', '=', a.id).execute();
      expect(rows).toHaveLength(1);
      expect((await app.inject({ url: '/apprendre/moi/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
    });
  });

  describe('API', () => {
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });

    it('lists lessons with the same ids in both languages', async () => {
      const fr = (await app.inject({ url: '/api/v1/train/lessons?lang=fr', headers: auth(viewer) })).json<Array<{ id: string }>>();
      const en = (await app.inject({ url: '/api/v1/train/lessons?lang=en', headers: auth(viewer) })).json<Array<{ id: string }>>();
      expect(fr.length).toBeGreaterThanOrEqual(13);
      expect(en.map((l) => l.id)).toEqual(fr.map((l) => l.id));
      expect((await app.inject({ url: '/api/v1/train/lessons' })).statusCode).toBe(401);
    });

    it('lets an admin assign by hand, but not a viewer, and reports progress per department', async () => {
      const body = { department: 'numérique', lessonId: 'two-factor', dueInDays: 5 };
      expect((await app.inject({ method: 'POST', url: '/api/v1/train/assignments', headers: auth(viewer), payload: body })).statusCode).toBe(403);
      const r = await app.inject({ method: 'POST', url: '/api/v1/train/assignments', headers: auth(admin), payload: body });
      expect(r.statusCode).toBe(200);
      const created = r.json<Array<{ staffEmail: string; path?: string }>>();
      expect(created.map((a) => a.staffEmail).sort()).toEqual(['hugo.perrin@en-marche.fr', 'lea.fontaine@en-marche.fr']);
      expect(created[0].path).toBeUndefined();
      const report = (await app.inject({ url: '/api/v1/train/progress', headers: auth(viewer) })).json<{ groups: Array<{ department: string; assigned: number }> }>();
      expect(report.groups.find((g) => g.department === 'numérique')?.assigned).toBe(3);
      const overview = (await app.inject({ url: '/api/v1/overview', headers: auth(viewer) })).json<{ tiles: Array<{ id: string; value: number | null }> }>();
      expect(overview.tiles.find((x) => x.id === 'train.completion')?.value).toBe(0);
      expect(overview.tiles.find((x) => x.id === 'train.overdue')?.value).toBe(0);
    });

    it('lets an analyst add an exercise from a triaged report, stored anonymised and disarmed', async () => {
      const payload = {
        source: 'triage',
        verdict: 'phish',
        from: 'Hugo Perrin <hugo.perrin@en-marche-fr.com>',
        to: 'lea.fontaine@en-marche.fr',
        subject: 'Mise à jour',
        date: '2017-04-19T09:00:00+02:00',
        html: '<p>Cliquez <a href="https://en-marche-fr.com/x">ici</a><img src="https://t.example/p.gif"></p>',
        signals: ['sender.staff_impersonation'],
        explanation: 'Un faux message d’un collègue.',
      };
      expect((await app.inject({ method: 'POST', url: '/api/v1/train/exercises', headers: auth(viewer), payload })).statusCode).toBe(403);
      const r = await app.inject({ method: 'POST', url: '/api/v1/train/exercises', headers: auth(admin), payload });
      expect(r.statusCode).toBe(200);
      const x = r.json<{ id: string; from: string; safeHtml: string }>();
      expect(x.from).not.toContain('hugo');
      expect(x.safeHtml).not.toMatch(/href=|src=/);
      const list = (await app.inject({ url: '/api/v1/train/exercises?source=org', headers: auth(viewer) })).json<{ exercises: Array<{ id: string }> }>();
      expect(list.exercises.map((e) => e.id)).toEqual([x.id]);
      expect((await app.inject({ method: 'DELETE', url: `/api/v1/train/exercises/${x.id}`, headers: auth(admin) })).statusCode).toBe(200);
    });

    it('enrols through the API for the drill capability and returns the personal link', async () => {
      const r = await app.inject({ method: 'POST', url: '/api/v1/train/enrol', headers: auth(admin), payload: { staffEmail: 'lea.fontaine@en-marche.fr', lureKind: 'password_expiry', failedStep: 'submitted_credentials' } });
      expect(r.statusCode).toBe(200);
      const out = r.json<Array<{ lessonId: string; path: string }>>();
      expect(out.map((a) => a.lessonId)).toEqual(['lookalike-links', 'passwords']);
      expect(out[0].path).toMatch(/^\/apprendre\/moi\//);
      const bad = await app.inject({ method: 'POST', url: '/api/v1/train/enrol', headers: auth(admin), payload: { staffEmail: 'not an email', lureKind: 'x', failedStep: 'y' } });
      expect(bad.statusCode).toBe(400);
    });
  });
});
