import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from './analysis.ts';
import { trainContentModel, type ContentModel } from './content-model.ts';
import { parseMessage, type ParsedMessage } from './parse/parse.ts';
import type { TriageContext } from './signals/types.ts';
import { contentTokens, DEFAULT_ORG_LANGUAGES, ruleHits } from './verdict.ts';
import { detectLanguage } from './language-id.ts';

/** A labelled message of a development corpus, parsed once. */
export interface LabelledMessage {
  file: string;
  phishing: boolean;
  msg: ParsedMessage;
}

/** Reads the .eml files of a phishing folder and a legitimate folder; unparseable files are counted. */
export async function loadLabelledCorpus(phishDir: string, hamDir: string, rewrite?: (raw: Buffer, phishing: boolean) => Buffer): Promise<{ messages: LabelledMessage[]; errors: number }> {
  const messages: LabelledMessage[] = [];
  let errors = 0;
  for (const [dir, phishing] of [[phishDir, true], [hamDir, false]] as const) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.eml')).sort()) {
      try {
        const raw = readFileSync(join(dir, file));
        messages.push({ file, phishing, msg: await parseMessage(rewrite ? rewrite(raw, phishing) : raw) });
      } catch {
        errors++;
      }
    }
  }
  return { messages, errors };
}

/**
 * The corpus with its collection artefacts rewritten, as a held-out set built to defeat them would
 * be: the honeypot address and the anonymised ham addresses replaced by ordinary ones, ham given
 * passing authentication results and recent dates. A detector that leant on the artefacts drops here.
 */
export function rewriteArtefacts(raw: Buffer, phishing: boolean): Buffer {
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

/** Which of k cross-validation folds a file belongs to (salted hash of its name: stable, unrelated to any split upstream). */
export function foldOf(file: string, k: number): number {
  return createHash('sha256').update(`rempart-fold:${file}`).digest().readUInt32BE(0) % k;
}

/** Languages with at least `min` legitimate messages: the model may judge their wording. */
export function hamLanguagesOf(messages: LabelledMessage[], min = 30): string[] {
  const counts = new Map<string, number>();
  for (const m of messages) {
    if (m.phishing) continue;
    const lang = detectLanguage(analyse(m.msg).visibleText);
    counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return [...counts.entries()].filter(([l, n]) => l !== 'und' && n >= min).map(([l]) => l).sort();
}

/** What the content model reads of each message, under a given context (as triage reads it). */
export function modelExamples(messages: LabelledMessage[], ctx: TriageContext, hamLanguages: string[]): Array<{ tokens: Set<string>; phishing: boolean }> {
  return messages.map((m) => {
    const a = analyse(m.msg);
    return { tokens: contentTokens(a, ruleHits(a, ctx), ctx.org.languages ?? DEFAULT_ORG_LANGUAGES, hamLanguages).tokens, phishing: m.phishing };
  });
}

export function trainOn(messages: LabelledMessage[], ctx: TriageContext, note = ''): ContentModel {
  const hamLanguages = hamLanguagesOf(messages);
  return trainContentModel(modelExamples(messages, ctx, hamLanguages), hamLanguages, { note });
}
