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

describe('2017 demo attribution', () => {
  it('ranks APT28 first on the demo evidence because of infrastructure and software, and abstains on techniques alone', async () => {
    const { sharedDataDir } = await import('../core/shared-data.ts');
    if (!sharedDataDir()) {
      console.warn('skipped: ../shared/data absent (ATT&CK needed)');
      return;
    }
    const t2 = await openTestStore('sqlite');
    try {
      await loadIntelDemo(t2.store);
      const { loadKnowledge } = await import('./knowledge.ts');
      const { attribute, buildAttributionModel, decide } = await import('./attribution.ts');
      const { infrastructureEvidence } = await import('./actor-intel.ts');
      const k = await loadKnowledge(t2.store.db);
      const m = buildAttributionModel(k);
      const tech = ['T1566.001', 'T1583.001', 'T1078', 'T1114.002'];
      const thin = attribute(m, tech);
      expect(decide(m, thin, { techniques: 4, software: 0, infrastructure: 0 }).status).toBe('abstain');
      const infra = infrastructureEvidence(k, await loadIndicatorMatcher(t2.store.db), ['onedrive-en-marche.fr', 'mail-en-marche.fr']);
      expect(infra.evidence.map((e) => e.groups)).toEqual([['G0007'], ['G0007']]);
      const r = attribute(m, tech, { software: ['X-Agent', 'Zebrocy'], infrastructure: infra.evidence, victim: 'France', election: true, date: '2017-04-15' });
      expect(r[0]).toMatchObject({ id: 'G0007', name: 'APT28' });
      expect(r[0].contributions.infrastructure).toBeGreaterThan(1);
      expect(decide(m, r, { techniques: 4, software: 2, infrastructure: 2 }).status).toBe('attributed');
    } finally {
      await t2.cleanup();
    }
  }, 180_000);
});
