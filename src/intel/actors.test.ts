import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sharedDataDir } from '../core/shared-data.ts';
import { openTestStore, type TestStore } from '../store/testing.ts';
import { actorProfile, findActors } from './actors.ts';
import { importIntelFile } from './import/index.ts';
import { loadKnowledge, type Knowledge } from './knowledge.ts';

const shared = sharedDataDir();

describe.skipIf(!shared)('actors from ATT&CK and MISP (shared data)', () => {
  let t: TestStore;
  let k: Knowledge;
  beforeAll(async () => {
    t = await openTestStore('sqlite');
    await importIntelFile(t.store, join(shared!, 'intel/enterprise-attack.json'));
    await importIntelFile(t.store, join(shared!, 'intel/misp-threat-actor.json'));
    k = await loadKnowledge(t.store.db);
  }, 60_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it.each(['APT28', 'Fancy Bear', 'Sofacy', 'Pawn Storm', 'STRONTIUM', 'Forest Blizzard', 'sednit', 'fancy bear', 'G0007'])('finds APT28 by “%s”', (name) => {
    expect(findActors(k, name).map((g) => g.id)).toEqual(['G0007']);
  });

  it('lists APT28’s spearphishing and domain registration techniques, software and MISP facts', () => {
    const p = actorProfile(k, findActors(k, 'APT28')[0]);
    expect(p.techniques.map((x) => x.id)).toEqual(expect.arrayContaining(['T1566.001', 'T1583.001']));
    expect(p.techniques.find((x) => x.id === 'T1566.001')?.procedure).toMatch(/APT28/);
    expect(p.software.map((s) => s.name)).toEqual(expect.arrayContaining(['CHOPSTICK', 'Zebrocy']));
    expect(p.country).toBe('RU');
    expect(p.victims).toContain('France');
  });
});

if (!shared) console.warn('actors.test.ts: ../shared/data absent, ATT&CK tests skipped');
