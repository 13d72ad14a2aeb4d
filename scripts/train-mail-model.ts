/**
 * Trains the content model from labelled mail: `npx tsx scripts/train-mail-model.ts PHISH_DIR HAM_DIR`
 * (default: the development corpus in ../shared/data/mail, 70 % of each folder chosen by a hash
 * of the file name; the other 30 % is left for `npm run eval:mail`). Writes src/mail/model/bayes.json.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../src/core/shared-data.ts';
import { analyse } from '../src/mail/analysis.ts';
import { MODEL_FILE, train } from '../src/mail/bayes.ts';
import { parseMessage } from '../src/mail/parse/parse.ts';
import { inTrainingSplit } from '../src/mail/split.ts';
import { modelTokens, ruleHits } from '../src/mail/verdict.ts';
import { triageContext } from '../src/mail/context.ts';

const ctx = triageContext({ name: 'En Marche', protectedDomains: ['en-marche.fr'], partnerDomains: [], brandDomains: [], staff: [] });

const shared = sharedDataDir();
const [phishDir, hamDir] = process.argv.slice(2).length === 2 ? process.argv.slice(2) : [join(shared ?? '', 'mail/phish-dev'), join(shared ?? '', 'mail/ham-dev')];

async function load(dir: string): Promise<Array<Set<string>>> {
  const out: Array<Set<string>> = [];
  for (const f of readdirSync(dir).sort()) {
    if (!inTrainingSplit(f)) continue;
    try {
      const a = analyse(await parseMessage(readFileSync(join(dir, f))));
      out.push(modelTokens(a, ruleHits(a, ctx)));
    } catch {
      /* unparseable: skipped */
    }
  }
  return out;
}

const phish = await load(phishDir);
const ham = await load(hamDir);
const model = train(phish, ham, { note: '70% split (file-name hash) of the development corpus: phishing_pot (CC BY-NC 4.0, rf-peixoto) and SpamAssassin public corpus ham' });
writeFileSync(MODEL_FILE, JSON.stringify(model));
console.log(`model: ${Object.keys(model.p).length} words from ${phish.length} phishing and ${ham.length} legitimate messages → ${MODEL_FILE}`);
