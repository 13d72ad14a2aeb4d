import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../store/testing.ts';
import { loadIntelDemo } from './demo.ts';
import { loadIndicatorMatcher } from './indicators/matcher.ts';
import { indicatorAlert } from './index.ts';

describe('intel demo step', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('sqlite');
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('loads the 2017 lookalike domains once, and a match names its source', async () => {
    await loadIntelDemo(t.store);
    await loadIntelDemo(t.store);
    const m = await loadIndicatorMatcher(t.store.db);
    expect(m.matchDomain('en-marche.fr')).toBeUndefined();
    const hit = m.matchUrl('https://login.onedrive-en-marche.fr/auth');
    expect(hit).toMatchObject({ value: 'onedrive-en-marche.fr', source: 'Trend Micro — Pawn Storm (rapport avril 2017)' });
    const alert = indicatorAlert('mail', hit!, 'un lien du message de m.mahjoubi@en-marche-fr.com');
    expect(alert).toMatchObject({ source: 'mail', severity: 'high' });
    expect(alert.title).toContain('onedrive-en-marche.fr (Trend Micro');
    expect((await t.store.db.selectFrom('intel_indicators').selectAll().execute()).length).toBe(3);
  }, 60_000);
});
