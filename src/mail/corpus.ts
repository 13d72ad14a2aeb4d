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

/** Which of k cross-validation folds a file belongs to (salted hash of its name: stable, unrelated to any split upstream). */
export function foldOf(file: string, k: number): number {
  return createHash('sha256').update(`rempart-fold:${file}`).digest().readUInt32BE(0) % k;
}

/** Languages with at least this many legitimate training messages: the model may judge their wording. */
const MIN_HAM_PER_LANGUAGE = 30;

/**
 * Trains the content model on labelled messages, reading each as triage reads it (analysed once:
 * its language, then the tokens the model may see given the languages learnt).
 */
export function trainOn(messages: LabelledMessage[], ctx: TriageContext, note = ''): ContentModel {
  const analysed = messages.map((m) => ({ m, a: analyse(m.msg) }));
  const counts = new Map<string, number>();
  for (const { m, a } of analysed) {
    if (m.phishing) continue;
    const lang = detectLanguage(a.visibleText);
    counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const hamLanguages = [...counts.entries()].filter(([l, n]) => l !== 'und' && n >= MIN_HAM_PER_LANGUAGE).map(([l]) => l).sort();
  const orgLanguages = ctx.org.languages ?? DEFAULT_ORG_LANGUAGES;
  const examples = analysed.map(({ m, a }) => ({ tokens: contentTokens(a, ruleHits(a, ctx), orgLanguages, hamLanguages).tokens, phishing: m.phishing }));
  return trainContentModel(examples, hamLanguages, { note });
}
