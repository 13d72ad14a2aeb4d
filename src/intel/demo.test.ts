import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../store/testing.ts';
import { loadIntelDemo } from './demo.ts';
import { loadIndicatorMatcher } from './indicators/matcher.ts';
import { indicatorAlert } from './index.ts';
import { raiseAlert } from '../alerts/index.ts';
import { checkCatalogues, t } from '../core/i18n.ts';

describe('intel messages', () => {
  it('has every intel message in French and English', () => {
    const { missingEn, missingFr } = checkCatalogues();
    expect([...missingEn, ...missingFr].filter((k) => k.startsWith('intel.'))).toEqual([]);
    expect(t('en', 'intel.alert.indicator_match', { value: 'a.fr', source: 'S', seenIn: 'mail' })).toBe('Known indicator: a.fr (S) seen in mail');
  });
});

describe('intel demo step', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('sqlite');
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('loads the 2017 lookalike domains once, and a match names its source', async () => {
    await raiseAlert(t.store, { source: 'domains', severity: 'high', title: 'Domaine sosie enregistré : mail-en-marche.fr', details: { domain: 'mail-en-marche.fr' } });
    await raiseAlert(t.store, { source: 'domains', severity: 'high', title: 'Domaine sosie enregistré : en-marche.fr.example', details: { domain: 'en-marche.fr' } });
    await loadIntelDemo(t.store);
    await loadIntelDemo(t.store);
    const retro = await t.store.db.selectFrom('alerts').selectAll().where('source', '=', 'intel').execute();
    expect(retro.map((a) => a.title)).toEqual(['Indicateur connu : mail-en-marche.fr (Trend Micro — Pawn Storm (rapport avril 2017)) vu dans Domaine sosie enregistré : mail-en-marche.fr']);
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
