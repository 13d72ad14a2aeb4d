/** Pure helpers of the intel page, tested in test/web/intel-format.test.ts. */
import type { ActorProfile } from '../../api.ts';
import type { I18n } from '../../i18n.ts';

/** ATT&CK Enterprise tactics in kill-chain order: the columns of the matrix. */
export const TACTICS = [
  'reconnaissance',
  'resource-development',
  'initial-access',
  'execution',
  'persistence',
  'privilege-escalation',
  'defense-evasion',
  'credential-access',
  'discovery',
  'lateral-movement',
  'collection',
  'command-and-control',
  'exfiltration',
  'impact',
];

/** A group's techniques in tactic columns (a technique sits under each of its tactics), in kill-chain order. */
export function byTactic(techniques: ActorProfile['techniques']): Array<{ tactic: string; items: ActorProfile['techniques'] }> {
  const cols = new Map<string, ActorProfile['techniques']>();
  for (const tech of techniques) for (const tac of tech.tactics.length ? tech.tactics : ['other']) cols.set(tac, [...(cols.get(tac) ?? []), tech]);
  const rank = (x: string) => (TACTICS.includes(x) ? TACTICS.indexOf(x) : TACTICS.length);
  return [...cols.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0])).map(([tactic, items]) => ({ tactic, items }));
}

/** "62 %", "< 1 %", "> 99 %": the model's probability as a reader can take it in, never a certainty. */
export function percent(p: number, i18n: Pick<I18n, 'locale'>): string {
  const fmt = (x: number) => new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 0 }).format(x);
  if (p > 0 && p < 0.005) return `< ${fmt(0.01)}`;
  if (p > 0.995) return `> ${fmt(0.99)}`;
  return fmt(p);
}
