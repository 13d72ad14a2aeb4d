import { describe, expect, it } from 'vitest';
import { byTactic, percent } from '../../web/src/pages/intel/format.ts';

const tech = (id: string, tactics: string[]) => ({ id, name: id, tactics, procedure: '' });

describe('intel page helpers', () => {
  it('lays techniques out in kill-chain order, a technique under each of its tactics, unknown tactics last', () => {
    const cols = byTactic([tech('T1078', ['persistence', 'initial-access', 'defense-evasion']), tech('T1566.001', ['initial-access']), tech('T9999', ['x-custom']), tech('T0001', [])]);
    expect(cols.map((c) => c.tactic)).toEqual(['initial-access', 'persistence', 'defense-evasion', 'other', 'x-custom']);
    expect(cols[0].items.map((i) => i.id)).toEqual(['T1078', 'T1566.001']);
  });

  it('never prints the model probability as a certainty or as zero', () => {
    const en = { locale: 'en-GB' };
    expect(percent(0.62, en)).toBe('62%');
    expect(percent(0.9999, en)).toBe('> 99%');
    expect(percent(1, en)).toBe('> 99%');
    expect(percent(1e-9, en)).toBe('< 1%');
    expect(percent(0, en)).toBe('0%');
    expect(percent(0.62, { locale: 'fr-FR' }).replace(/\s/g, ' ')).toBe('62 %');
  });
});
