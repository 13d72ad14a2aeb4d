/** Test fixtures for intel imports (used by the import and API tests). */
export const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const T0 = '2024-01-01T00:00:00.000Z';

/** A tiny ATT&CK-shaped STIX 2.1 bundle: one group, a technique and its sub-technique, one malware. */
export function miniBundle(over: { modified?: string; extra?: object[]; spec?: string } = {}): Record<string, unknown> {
  const mod = over.modified ?? T0;
  const base = { spec_version: over.spec ?? '2.1', created: T0, modified: mod };
  return {
    type: 'bundle',
    id: `bundle--${u(999)}`,
    objects: [
      { ...base, type: 'intrusion-set', id: `intrusion-set--${u(1)}`, name: 'APT28', aliases: ['APT28', 'Sofacy'], external_references: [{ source_name: 'mitre-attack', external_id: 'G0007' }] },
      { ...base, type: 'attack-pattern', id: `attack-pattern--${u(2)}`, name: 'Phishing', external_references: [{ source_name: 'mitre-attack', external_id: 'T1566' }], kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }] },
      { ...base, type: 'attack-pattern', id: `attack-pattern--${u(3)}`, name: 'Spearphishing Attachment', x_mitre_is_subtechnique: true, external_references: [{ source_name: 'mitre-attack', external_id: 'T1566.001' }] },
      { ...base, type: 'malware', id: `malware--${u(4)}`, name: 'X-Agent', is_family: true, external_references: [{ source_name: 'mitre-attack', external_id: 'S0161' }] },
      { ...base, type: 'attack-pattern', id: `attack-pattern--${u(5)}`, name: 'Old thing', revoked: true },
      { ...base, type: 'attack-pattern', id: `attack-pattern--${u(6)}`, name: 'Deprecated thing', x_mitre_deprecated: true },
      { ...base, type: 'x-unknown-thing', id: `x-unknown-thing--${u(7)}` },
      { ...base, type: 'course-of-action', id: `course-of-action--${u(8)}`, name: 'Train users' },
      { ...base, type: 'relationship', id: `relationship--${u(10)}`, relationship_type: 'uses', source_ref: `intrusion-set--${u(1)}`, target_ref: `attack-pattern--${u(3)}`, description: '[APT28](https://attack.mitre.org/groups/G0007) sent spearphishing emails with malicious attachments.(Citation: X)' },
      { ...base, type: 'relationship', id: `relationship--${u(11)}`, relationship_type: 'uses', source_ref: `intrusion-set--${u(1)}`, target_ref: `malware--${u(4)}` },
      { ...base, type: 'relationship', id: `relationship--${u(12)}`, relationship_type: 'subtechnique-of', source_ref: `attack-pattern--${u(3)}`, target_ref: `attack-pattern--${u(2)}` },
      { ...base, type: 'relationship', id: `relationship--${u(13)}`, relationship_type: 'mitigates', source_ref: `course-of-action--${u(8)}`, target_ref: `attack-pattern--${u(2)}` },
      { ...base, type: 'relationship', id: `relationship--${u(14)}`, relationship_type: 'uses', source_ref: `intrusion-set--${u(1)}`, target_ref: `attack-pattern--${u(5)}` },
      { ...base, type: 'indicator', id: `indicator--${u(15)}`, pattern: "[domain-name:value = 'en-marche-fr.com']", pattern_type: 'stix', valid_from: T0, confidence: 90, name: 'Lookalike' },
      ...(over.extra ?? []),
    ],
  };
}

