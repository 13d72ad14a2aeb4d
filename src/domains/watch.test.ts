import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDomain } from '../org/index.ts';
import { createTestApp, type TestApp } from '../server/testing.ts';
import { testBackends } from '../store/testing.ts';
import { buildMatcher } from './matcher.ts';
import { recordLookalike } from './watch.ts';

for (const kind of testBackends) {
  describe(`lookalike watch on ${kind}`, () => {
    let h: TestApp;
    beforeAll(async () => {
      h = await createTestApp(kind);
      await addDomain(h.t.store.db, 'en-marche.fr');
    });
    afterAll(async () => h?.close());

    it('stores a lookalike once, alerts on the first sighting only, and lists it with takedown notes', async () => {
      const m = buildMatcher(['en-marche.fr']).match('onedrive-en-marche.fr')!;
      expect((await recordLookalike(h.t.store, m, 'ct-feed')).created).toBe(true);
      expect((await recordLookalike(h.t.store, m, 'ct-feed')).created).toBe(false);
      const alerts = await h.t.store.db.selectFrom('alerts').selectAll().where('source', '=', 'domains').execute();
      expect(alerts).toHaveLength(1);
      expect(alerts[0].title).toContain('onedrive-en-marche.fr');
      const notes = await h.app.inject({ method: 'PUT', url: '/api/v1/domains/lookalikes/onedrive-en-marche.fr/notes', headers: await h.as('analyst'), payload: { notes: 'Signalé au registrar le 14 mars' } });
      expect(notes.statusCode).toBe(200);
      const list = await h.app.inject({ url: '/api/v1/domains/lookalikes', headers: await h.as('viewer') });
      expect(list.json().items[0]).toMatchObject({ domain: 'onedrive-en-marche.fr', protected: 'en-marche.fr', kind: 'affix', times_seen: 2, takedown_notes: 'Signalé au registrar le 14 mars' });
      const match = await h.app.inject({ url: '/api/v1/domains/match?domain=mail-en-marche.fr', headers: await h.as('viewer') });
      expect(match.json().match).toMatchObject({ protected: 'en-marche.fr', kind: 'affix' });
    });
  });
}
