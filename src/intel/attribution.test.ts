import { describe, expect, it } from 'vitest';
import { attribute, attributeTfIdf, buildAttributionModel, decide, techniqueId } from './attribution.ts';
import type { Group, Knowledge, Technique } from './knowledge.ts';

function group(id: string, techniques: string[], extra: Partial<Group> = {}): Group {
  return { id, stixId: `intrusion-set--${id}`, name: `Group ${id}`, aliases: [], description: null, techniques: new Map(techniques.map((t) => [t, `${id} did ${t}.`])), software: [], campaigns: [], country: null, victims: [], sectors: [], references: [], ...extra };
}

function knowledge(groups: Group[]): Knowledge {
  const techniques = new Map<string, Technique>();
  const ids = new Set(groups.flatMap((g) => [...g.techniques.keys()]));
  for (let i = 1000; i < 1100; i++) ids.add(`T${i}`);
  ids.add('T1566.001').add('T1566.002').add('T1566');
  for (const id of ids) techniques.set(id, { id, name: `Technique ${id}`, tactics: [], subtechnique: id.includes('.'), parent: id.includes('.') ? id.split('.')[0] : null });
  return {
    groups,
    techniques,
    software: new Map([['S0001', { id: 'S0001', name: 'X-Agent', type: 'malware', aliases: [], techniques: ['T1099'] }]]),
    campaigns: new Map(),
  };
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => `T${from + i}`);

describe('attribution', () => {
  it('prefers the small group that explains everything over a large one that also does', () => {
    const small = group('G0001', range(1000, 10));
    const large = group('G0002', range(1000, 80));
    const r = attribute(buildAttributionModel(knowledge([small, large])), range(1000, 5));
    expect(r.map((x) => x.id)).toEqual(['G0001', 'G0002']);
    expect(r[0].score).toBeGreaterThan(0.9);
  });

  it('tolerates one observation the true group was never reported doing', () => {
    const truth = group('G0001', range(1000, 12));
    const decoy = group('G0002', ['T1000', 'T1050', 'T1051', 'T1052', 'T1053', 'T1054', 'T1055', 'T1056', 'T1057', 'T1058', 'T1059']);
    const observed = [...range(1000, 5), 'T1050'];
    const r = attribute(buildAttributionModel(knowledge([truth, decoy])), observed);
    expect(r[0]).toMatchObject({ id: 'G0001', matched: 5, unexplained: ['T1050'] });
  });

  it('gives partial credit to a sibling sub-technique and to techniques of the group’s software', () => {
    const a = group('G0001', ['T1566.002', ...range(1000, 10)], { software: ['S0001'] });
    const b = group('G0002', range(1010, 11));
    const r = attribute(buildAttributionModel(knowledge([a, b])), ['T1566.001', 'T1099', 'T1001']);
    expect(r[0].id).toBe('G0001');
    expect(r[0].shared).toEqual([
      { technique: 'T1566.001', name: 'Technique T1566.001', match: 'near', via: 'T1566.002', procedure: 'G0001 did T1566.002.' },
      { technique: 'T1099', name: 'Technique T1099', match: 'software', via: 'S0001 X-Agent' },
      { technique: 'T1001', name: 'Technique T1001', match: 'exact', procedure: 'G0001 did T1001.' },
    ]);
  });

  it('raises groups known to target the victim the incident names', () => {
    const a = group('G0001', range(1000, 10));
    const b = group('G0002', range(1000, 10), { victims: ['France'] });
    expect(attribute(buildAttributionModel(knowledge([a, b])), ['T1001'], { victim: 'france' })[0]).toMatchObject({ id: 'G0002', victimMatch: true });
  });

  it('counts software seen in the incident as evidence for the groups known to use it', () => {
    const a = group('G0001', range(1000, 10));
    const b = group('G0002', range(1000, 10), { software: ['S0001'] });
    const r = attribute(buildAttributionModel(knowledge([a, b])), ['T1001'], { software: ['x-agent'] });
    expect(r[0]).toMatchObject({ id: 'G0002', sharedSoftware: [{ id: 'S0001', name: 'X-Agent' }] });
    expect(r[1].sharedSoftware).toEqual([]);
  });

  it('returns scores that sum to one and ignores things that are not technique ids', () => {
    const m = buildAttributionModel(knowledge([group('G0001', range(1000, 10)), group('G0002', range(1005, 10))]));
    const r = attribute(m, ['t1001', 'nonsense', 'T1007']);
    expect(r.reduce((a, x) => a + x.score, 0)).toBeCloseTo(1, 9);
    expect(r[0].shared.map((s) => s.technique)).toEqual(['T1001', 'T1007']);
    expect(techniqueId(' t1566.001 ')).toBe('T1566.001');
    expect(techniqueId('T15')).toBeUndefined();
  });

  it('keeps the TF-IDF baseline for comparison', () => {
    const m = buildAttributionModel(knowledge([group('G0001', range(1000, 10)), group('G0002', range(1050, 10))]));
    expect(attributeTfIdf(m, ['T1051', 'T1052'])[0].id).toBe('G0002');
  });

  it('counts the techniques of a group’s campaigns as its repertoire', () => {
    const a = group('G0001', range(1000, 10), { campaigns: ['C0001'] });
    const b = group('G0002', range(1000, 10));
    const k = knowledge([a, b]);
    k.campaigns.set('C0001', { id: 'C0001', name: 'Op', description: null, techniques: ['T1080', 'T1081'], software: [], groups: ['G0001'] });
    const r = attribute(buildAttributionModel(k, { campaignMass: 0.5 }), ['T1080', 'T1081']);
    expect(r[0].id).toBe('G0001');
    expect(r[0].shared[0]).toMatchObject({ match: 'campaign', via: 'C0001 Op' });
    expect(r[0].contributions.techniques).toBeGreaterThan(0);
  });

  it('lets actor-tagged infrastructure outweigh a technique tie, and abstains on thin evidence', () => {
    const m = buildAttributionModel(knowledge([group('G0001', range(1000, 10)), group('G0002', range(1000, 10))]));
    const thin = attribute(m, ['T1001']);
    const v = decide(m, thin, { techniques: 1, software: 0, infrastructure: 0 });
    expect(v.status).toBe('abstain');
    expect(v.reasons).toContain('thin_evidence');
    expect(v.settle.some((s) => s.kind === 'infrastructure')).toBe(true);
    const infra = [{ observed: 'a.fr', indicator: 'a.fr', source: 'MISP: CERT — op', confidence: 80, groups: ['G0002'], actor: 'Group G0002' }];
    const r = attribute(m, ['T1001'], { infrastructure: [...infra, { ...infra[0], observed: 'b.fr', indicator: 'b.fr' }] });
    expect(r[0]).toMatchObject({ id: 'G0002' });
    expect(r[0].sharedInfrastructure).toHaveLength(1);
    expect(r[0].contributions.infrastructure).toBeGreaterThan(0);
    expect(decide(m, r, { techniques: 1, software: 0, infrastructure: 1 }).status).toBe('attributed');
  });
});
