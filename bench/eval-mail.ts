/**
 * Triage quality on the labelled development corpus (../shared/data/mail): share of phishing
 * flagged (suspicious or malicious) and share of legitimate mail flagged. Targets: ≥ 95 % and ≤ 1 %.
 * The organisation context is a neutral one (a campaign on en-marche.fr): the corpus is not ours.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../src/core/shared-data.ts';
import { triageContext } from '../src/mail/context.ts';
import { triage, type Verdict } from '../src/mail/verdict.ts';
import { inTrainingSplit } from '../src/mail/split.ts';
import { loadModel } from '../src/mail/bayes.ts';

const dir = sharedDataDir();
if (!dir) {
  console.log('eval:mail skipped: ../shared/data/mail is not present');
  process.exit(0);
}
const ctx = triageContext({ name: 'En Marche', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] });

async function run(sub: string): Promise<{ n: number; flagged: number; errors: number; verdicts: Array<[string, Verdict]> }> {
  const folder = join(dir!, 'mail', sub);
  const files = readdirSync(folder).filter((f) => f.endsWith('.eml')).sort();
  let flagged = 0;
  let errors = 0;
  const verdicts: Array<[string, Verdict]> = [];
  for (const f of files) {
    try {
      const v = await triage(readFileSync(join(folder, f)), ctx);
      if (v.verdict !== 'clean') flagged++;
      verdicts.push([f, v]);
    } catch {
      errors++;
    }
  }
  return { n: files.length, flagged, errors, verdicts };
}

const phish = await run('phish-dev');
const ham = await run('ham-dev');
const pct = (a: number, b: number) => ((100 * a) / Math.max(1, b)).toFixed(2);
if (loadModel()) {
  // The content model was trained on the 70 % split: the 30 % validation split is the honest figure.
  for (const [name, keep] of [['validation 30 % (not used for training)', (f: string) => !inTrainingSplit(f)], ['training 70 %', inTrainingSplit]] as const) {
    const p = phish.verdicts.filter(([f]) => keep(f));
    const h = ham.verdicts.filter(([f]) => keep(f));
    console.log(`eval:mail ${name}: phish ${pct(p.filter(([, v]) => v.verdict !== 'clean').length, p.length)} % flagged (${p.length}), ham ${pct(h.filter(([, v]) => v.verdict !== 'clean').length, h.length)} % flagged (${h.length})`);
  }
}
console.log(`eval:mail phish-dev: ${phish.flagged}/${phish.n} flagged = ${pct(phish.flagged, phish.n)} % (target ≥ 95 %), ${phish.errors} unparseable`);
console.log(`eval:mail ham-dev:   ${ham.flagged}/${ham.n} flagged = ${pct(ham.flagged, ham.n)} % (target ≤ 1 %), ${ham.errors} unparseable`);
const count = (vs: Array<[string, Verdict]>) => {
  const c = new Map<string, number>();
  for (const [, v] of vs) for (const s of v.signals) c.set(s.id, (c.get(s.id) ?? 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1]);
};
console.log('signals on phishing:', count(phish.verdicts).slice(0, 15).map(([k, n]) => `${k} ${n}`).join(', '));
console.log('signals on ham:     ', count(ham.verdicts).slice(0, 15).map(([k, n]) => `${k} ${n}`).join(', '));
// Without the receiving server's authentication results (as if the held-out set lacked them).
const noAuth = (vs: Array<[string, Verdict]>) =>
  vs.filter(([, v]) => {
    const rest = v.signals.filter((s) => !s.id.startsWith('auth.'));
    const technical = rest.filter((s) => s.id.startsWith('language.')).length >= 2 || rest.some((s) => !s.id.startsWith('language.') && !s.id.startsWith('content.'));
    const score = rest.reduce((t, s) => t + s.weight * (s.id.startsWith('language.') && !technical ? 0.5 : 1), 0);
    return score >= 30;
  }).length;
console.log(`without authentication results: phish ${pct(noAuth(phish.verdicts), phish.n)} % flagged, ham ${pct(noAuth(ham.verdicts), ham.n)} % flagged`);
if (process.env.EVAL_SHOW) {
  const which = process.env.EVAL_SHOW === 'ham' ? ham.verdicts.filter(([, v]) => v.verdict !== 'clean') : phish.verdicts.filter(([, v]) => v.verdict === 'clean');
  for (const [f, v] of which.slice(0, Number(process.env.EVAL_N ?? 30))) console.log(f, v.score, v.subject.slice(0, 60), '|', v.signals.map((s) => s.id).join(' '));
}
