/**
 * Triage quality on the labelled development corpus (../shared/data/mail): share of phishing
 * flagged (suspicious or malicious) and share of legitimate mail flagged. Targets: ≥ 95 % and ≤ 1 %.
 *
 * The honest figure is the 5-fold cross-validation: the content model is retrained on four fifths
 * and judges the fifth it never saw, for each fifth in turn. The shipped model was trained on all of
 * the corpus, so its figure on the same corpus is printed only as a check that it loads and agrees.
 * The organisation context is a neutral one (a campaign on en-marche.fr): the corpus is not ours.
 */
import { join } from 'node:path';
import { sharedDataDir } from '../src/core/shared-data.ts';
import { triageContext } from '../src/mail/context.ts';
import { foldOf, loadLabelledCorpus, trainOn, type LabelledMessage } from '../src/mail/corpus.ts';
import { judge, type Verdict } from '../src/mail/verdict.ts';
import { loadContentModel } from '../src/mail/content-model.ts';

const dir = sharedDataDir();
if (!dir) {
  console.log('eval:mail skipped: ../shared/data/mail is not present');
  process.exit(0);
}
/**
 * The corpus with its collection artefacts rewritten, as a held-out set built to defeat them would
 * be: the honeypot address and the anonymised ham addresses replaced by ordinary ones, ham given
 * passing authentication results and recent dates. A detector that leant on the artefacts drops here.
 */
function rewriteArtefacts(raw: Buffer, phishing: boolean): Buffer {
  let s = raw.toString('latin1');
  s = s.replace(/phishing@pot/gi, 'camille.martin@example.org').replace(/\bphishing\b(?=[^@\n]*$)/gim, 'camille');
  s = s.replace(/([a-z0-9._-]+)@(?:[a-z0-9-]+\.)*spamassassin\.taint\.org/gi, '$1@example.net').replace(/taint\.org/gi, 'example.net');
  if (!phishing) {
    const end = s.search(/\r?\n\r?\n/);
    const head = end < 0 ? s : s.slice(0, end);
    const body = end < 0 ? '' : s.slice(end);
    const dated = head.replace(/^(Date:.*?)\b20(0[0-9])\b/gim, '$1 2025').replace(/^(Received:[\s\S]*?)\b200[0-9]\b/gm, '$1 2025');
    s = `Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.net; dmarc=pass header.from=example.net\r\n${dated}${body}`;
  }
  return Buffer.from(s, 'latin1');
}

const K = 5;
const ctx = triageContext({ name: 'En Marche', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] });
const started = Date.now();
const { messages, errors } = await loadLabelledCorpus(join(dir, 'mail/phish-dev'), join(dir, 'mail/ham-dev'));
const pct = (a: number, b: number) => ((100 * a) / Math.max(1, b)).toFixed(2);

type Judged = { m: LabelledMessage; v: Verdict };
function summary(name: string, judged: Judged[]): void {
  const p = judged.filter((j) => j.m.phishing);
  const h = judged.filter((j) => !j.m.phishing);
  const fp = p.filter((j) => j.v.verdict !== 'clean').length;
  const fh = h.filter((j) => j.v.verdict !== 'clean').length;
  console.log(`eval:mail ${name}: phish ${fp}/${p.length} flagged = ${pct(fp, p.length)} % (target ≥ 95 %), ham ${fh}/${h.length} flagged = ${pct(fh, h.length)} % (target ≤ 1 %)`);
}

// 5-fold cross-validation of the whole pipeline.
const cv: Judged[] = [];
for (let k = 0; k < K; k++) {
  const model = trainOn(messages.filter((m) => foldOf(m.file, K) !== k), { ...ctx, contentModel: null });
  for (const m of messages.filter((x) => foldOf(x.file, K) === k)) cv.push({ m, v: judge(m.msg, { ...ctx, contentModel: model }) });
  process.stderr.write(`fold ${k + 1}/${K} done\n`);
}
summary(`${K}-fold cross-validation`, cv);

// The same, trained and judged on the corpus with its collection artefacts rewritten.
const rewritten = (await loadLabelledCorpus(join(dir, 'mail/phish-dev'), join(dir, 'mail/ham-dev'), rewriteArtefacts)).messages;
const cvRewritten: Judged[] = [];
for (let k = 0; k < K; k++) {
  const model = trainOn(rewritten.filter((m) => foldOf(m.file, K) !== k), { ...ctx, contentModel: null });
  for (const m of rewritten.filter((x) => foldOf(x.file, K) === k)) cvRewritten.push({ m, v: judge(m.msg, { ...ctx, contentModel: model }) });
}
summary(`${K}-fold cross-validation, artefacts rewritten (honeypot and anonymised addresses, ham given passing authentication and 2025 dates)`, cvRewritten);
// The shipped model, trained on the corpus as it is, judging the rewritten corpus.
if (loadContentModel()) summary('shipped model on the rewritten corpus (trained on the original: shows what leaning on artefacts would cost)', rewritten.map((m) => ({ m, v: judge(m.msg, ctx) })));
summary('rules alone (no content model)', messages.map((m) => ({ m, v: judge(m.msg, { ...ctx, contentModel: null }) })));
if (loadContentModel()) summary('shipped model (trained on this corpus: not a quality figure)', messages.map((m) => ({ m, v: judge(m.msg, ctx) })));
console.log(`${errors} unparseable, ${((Date.now() - started) / 1000).toFixed(1)} s`);

const count = (vs: Judged[]) => {
  const c = new Map<string, number>();
  for (const { v } of vs) for (const s of v.signals) c.set(s.id, (c.get(s.id) ?? 0) + 1);
  return [...c.entries()].sort((a, b) => b[1] - a[1]);
};
console.log('signals on phishing:', count(cv.filter((j) => j.m.phishing)).slice(0, 15).map(([k, n]) => `${k} ${n}`).join(', '));
console.log('signals on ham:     ', count(cv.filter((j) => !j.m.phishing)).slice(0, 15).map(([k, n]) => `${k} ${n}`).join(', '));
if (process.env.EVAL_SHOW) {
  const which = process.env.EVAL_SHOW === 'ham' ? cv.filter((j) => !j.m.phishing && j.v.verdict !== 'clean') : cv.filter((j) => j.m.phishing && j.v.verdict === 'clean');
  for (const { m, v } of which.slice(0, Number(process.env.EVAL_N ?? 30))) console.log(m.file, v.score, v.subject.slice(0, 60), '|', v.signals.map((s) => `${s.id}`).join(' '), '|', v.signals.find((s) => s.id.startsWith('content.'))?.evidence ?? '');
}
