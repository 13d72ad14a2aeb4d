import { describe, expect, it } from 'vitest';
import type { Finding } from './export/stix.ts';
import type { Knowledge } from './knowledge.ts';
import { observedTechniques } from './sightings.ts';

const f = (id: string, seenAt: string, techniques?: string[]): Finding => ({ id, kind: 'x', title: `alert ${id}`, seenAt, source: 'mail', observables: [], techniques });

describe('observedTechniques', () => {
  it('counts each technique once per alert, most seen first, with its ATT&CK name and the latest alerts', () => {
    const k = { techniques: new Map([['T1566.001', { id: 'T1566.001', name: 'Spearphishing Attachment', tactics: ['initial-access'], subtechnique: true, parent: 'T1566' }]]) } as unknown as Knowledge;
    const out = observedTechniques(
      [f('a', '2026-01-01T00:00:00.000Z', ['T1566.001', 'T1566.001']), f('b', '2026-01-03T00:00:00.000Z', ['T1566.001', 'T1078']), f('c', '2026-01-02T00:00:00.000Z')],
      k,
    );
    expect(out.map((o) => [o.technique, o.count, o.name])).toEqual([
      ['T1566.001', 2, 'Spearphishing Attachment'],
      ['T1078', 1, 'T1078'],
    ]);
    expect(out[0]).toMatchObject({ firstSeen: '2026-01-01T00:00:00.000Z', lastSeen: '2026-01-03T00:00:00.000Z', tactics: ['initial-access'] });
    expect(out[0].alerts.map((a) => a.id)).toEqual(['b', 'a']);
  });

  it('keeps at most five alerts per technique', () => {
    const many = Array.from({ length: 12 }, (_, i) => f(`x${i}`, `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`, ['T1078']));
    const [o] = observedTechniques(many);
    expect(o.count).toBe(12);
    expect(o.alerts.map((a) => a.id)).toEqual(['x11', 'x10', 'x9', 'x8', 'x7']);
  });
});
