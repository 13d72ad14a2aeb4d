import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createUser, systemActor } from '../access/index.ts';
import { testBackends } from '../store/testing.ts';
import { SESSION_COOKIE } from './app.ts';
import { createTestApp, type TestApp } from './testing.ts';

for (const kind of testBackends) {
  describe(`API on ${kind}`, () => {
    let h: TestApp;
    beforeAll(async () => {
      h = await createTestApp(kind, { bodyLimit: 64 * 1024 });
    });
    afterAll(async () => h?.close());

    async function login(username: string, password: string) {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
      return { res, cookie, csrf: res.json().csrfToken as string };
    }

    it('answers health with the database kind', async () => {
      const res = await h.app.inject('/healthz');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', database: kind });
    });

    it('refuses an unauthenticated call with 401 and a stable error id', async () => {
      const res = await h.app.inject('/api/v1/alerts');
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { id: 'auth.required', message: expect.any(String) } });
    });

    it('refuses a viewer a state change with 403', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/org/domains', headers: await h.as('viewer'), payload: { domain: 'en-marche.fr' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.id).toBe('auth.forbidden');
    });

    it('lets an analyst make the same change and records it in the audit log', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/org/domains', headers: await h.as('analyst'), payload: { domain: 'En-Marche.FR' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().domain).toBe('en-marche.fr');
      const audit = await h.app.inject({ url: '/api/v1/audit?action=org.', headers: await h.as('admin') });
      expect(audit.json().items[0]).toMatchObject({ action: 'org.add_domain', actor: 'analyst-user', target: 'en-marche.fr' });
    });

    it('answers malformed JSON with 400 request.malformed_json and no stack trace', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/org/domains', headers: { ...(await h.as('admin')), 'content-type': 'application/json' }, payload: '{"domain": ' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.id).toBe('request.malformed_json');
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    });

    it('refuses an oversize body with 413', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/org/domains', headers: await h.as('admin'), payload: { domain: 'x'.repeat(100 * 1024) } });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.id).toBe('request.too_large');
    });

    it('validates bodies and names the bad field', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers: await h.as('admin'), payload: { username: 'x1', role: 'superuser' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ id: 'request.invalid', message: expect.stringContaining('role') });
    });

    it('answers unknown API routes with 404 route.not_found', async () => {
      const res = await h.app.inject('/api/v1/nope');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.id).toBe('route.not_found');
    });

    it('serves an OpenAPI document listing the routes', async () => {
      const res = await h.app.inject('/api/v1/openapi.json');
      const doc = res.json();
      expect(doc.openapi).toBe('3.1.0');
      expect(doc.paths['/api/v1/alerts'].get.summary).toBeTruthy();
      expect(doc.paths['/api/v1/users'].post.requestBody).toBeTruthy();
    });

    describe('sessions', () => {
      beforeAll(async () => {
        await createUser(h.t.store, systemActor, { username: 'lea', role: 'analyst', password: 'a long passphrase 1' });
      });

      it('logs in with an HttpOnly SameSite=Strict cookie and logs out', async () => {
        const { res, cookie, csrf } = await login('lea', 'a long passphrase 1');
        expect(res.statusCode).toBe(200);
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
        const me = await h.app.inject({ url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: cookie!.value } });
        expect(me.json().user.username).toBe('lea');
        const out = await h.app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: { [SESSION_COOKIE]: cookie!.value }, headers: { 'x-csrf-token': csrf } });
        expect(out.statusCode).toBe(200);
        const after = await h.app.inject({ url: '/api/v1/auth/me', cookies: { [SESSION_COOKIE]: cookie!.value } });
        expect(after.statusCode).toBe(401);
      });

      it('never stores the session cookie itself', async () => {
        const { cookie } = await login('lea', 'a long passphrase 1');
        const hit = await h.t.store.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', cookie!.value).execute();
        expect(hit).toHaveLength(0);
      });

      it('refuses a state change without the CSRF token', async () => {
        const { cookie, csrf } = await login('lea', 'a long passphrase 1');
        const payload = { domain: 'emmanuel-macron.fr' };
        const without = await h.app.inject({ method: 'POST', url: '/api/v1/org/domains', cookies: { [SESSION_COOKIE]: cookie!.value }, payload });
        expect(without.statusCode).toBe(403);
        expect(without.json().error.id).toBe('auth.csrf');
        const wrong = await h.app.inject({ method: 'POST', url: '/api/v1/org/domains', cookies: { [SESSION_COOKIE]: cookie!.value }, headers: { 'x-csrf-token': 'x'.repeat(32) }, payload });
        expect(wrong.statusCode).toBe(403);
        const ok = await h.app.inject({ method: 'POST', url: '/api/v1/org/domains', cookies: { [SESSION_COOKIE]: cookie!.value }, headers: { 'x-csrf-token': csrf }, payload });
        expect(ok.statusCode).toBe(200);
      });

      it('treats an expired session as signed out', async () => {
        const { cookie } = await login('lea', 'a long passphrase 1');
        await h.t.store.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
        const me = await h.app.inject({ url: '/api/v1/alerts', cookies: { [SESSION_COOKIE]: cookie!.value } });
        expect(me.statusCode).toBe(401);
      });

      it('throttles repeated failed logins for an account, even with the right password after', async () => {
        await createUser(h.t.store, systemActor, { username: 'target', role: 'viewer', password: 'the right password' });
        for (let i = 0; i < 8; i++) expect((await login('target', `wrong ${i}`)).res.statusCode).toBe(401);
        const blocked = await login('target', 'the right password');
        expect(blocked.res.statusCode).toBe(429);
        expect(blocked.res.json().error.id).toBe('rate_limited');
        const failures = await h.t.store.db
          .selectFrom('audit_log')
          .select(sql<number>`count(*)`.as('n'))
          .where('action', '=', 'auth.login_failed')
          .where('target', '=', 'target')
          .executeTakeFirstOrThrow();
        expect(Number(failures.n)).toBe(8);
      });

      it('refuses a disabled user', async () => {
        await createUser(h.t.store, systemActor, { username: 'gone', role: 'viewer', password: 'some password 123' });
        const res = await h.app.inject({ method: 'POST', url: '/api/v1/users/gone/disable', headers: await h.as('admin') });
        expect(res.statusCode).toBe(200);
        expect((await login('gone', 'some password 123')).res.statusCode).toBe(401);
      });
    });

    it('creates a user whose one-time password is never stored in clear', async () => {
      const res = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers: await h.as('admin'), payload: { username: 'nouveau', role: 'viewer' } });
      expect(res.statusCode).toBe(200);
      const { password } = res.json();
      expect(password).toHaveLength(20);
      const row = await h.t.store.db.selectFrom('users').selectAll().where('username', '=', 'nouveau').executeTakeFirstOrThrow();
      expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
      expect(JSON.stringify(row)).not.toContain(password);
    });

    it('lists, raises and acknowledges alerts', async () => {
      const raised = await h.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: await h.as('analyst'), payload: { severity: 'high', title: 'Test', source: 'mail' } });
      expect(raised.statusCode).toBe(200);
      const id = raised.json().alert.id;
      const list = await h.app.inject({ url: '/api/v1/alerts?status=open&severity=high,critical', headers: await h.as('viewer') });
      expect(list.json().items.map((a: { id: string }) => a.id)).toContain(id);
      const ack = await h.app.inject({ method: 'POST', url: `/api/v1/alerts/${id}/ack`, headers: await h.as('analyst') });
      expect(ack.json().alert.acknowledgedBy).toBe('analyst-user');
      const overview = await h.app.inject({ url: '/api/v1/overview', headers: await h.as('viewer') });
      expect(overview.statusCode).toBe(200);
      expect(overview.json().alerts.total).toBeGreaterThan(0);
    });

    it('masks channel secrets when listing them', async () => {
      const add = await h.app.inject({ method: 'POST', url: '/api/v1/alert-channels', headers: await h.as('admin'), payload: { name: 'soc', kind: 'webhook', config: { url: 'http://127.0.0.1:9/hook', secret: 'a-very-secret-value-123' } } });
      expect(add.statusCode).toBe(200);
      const list = await h.app.inject({ url: '/api/v1/alert-channels', headers: await h.as('admin') });
      expect(list.body).not.toContain('a-very-secret-value-123');
      const row = await h.t.store.db.selectFrom('alert_channels').selectAll().executeTakeFirstOrThrow();
      expect(row.config_sealed).not.toContain('a-very-secret-value-123');
    });
  });
}
